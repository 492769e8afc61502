import { z } from 'zod';
import { ORDER_CHANNELS, ORDER_PRIORITIES } from '../../dispatcher/work-order/intake';
import { SERVICE_TYPE_IDS } from '../../dispatcher/work-order/service-types';
import { WORK_ORDER_STATUSES } from '../../dispatcher/work-order/status';
import { LngLatSchema } from './common';

export const CreateWorkOrderSchema = z.object({
  templateId: z.string().min(1).max(64).optional(),
  channel: z.enum(ORDER_CHANNELS),
  serviceType: z.enum(SERVICE_TYPE_IDS).default('general_repair'),
  priority: z.enum(ORDER_PRIORITIES).default('normal'),
  description: z.string().trim().min(1).max(2000),
  customer: z.object({
    name: z.string().trim().min(1).max(100),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9][0-9 -]{5,19}$/, 'expected a phone number'),
    address: z.string().trim().min(1).max(300),
    location: LngLatSchema
  }),
  parts: z
    .array(z.object({ sku: z.string().min(1).max(64), qty: z.number().int().min(1).max(1000) }))
    .max(50)
    .default([]),
  fields: z.record(z.string(), z.unknown()).default({})
});
export type CreateWorkOrderInput = z.infer<typeof CreateWorkOrderSchema>;

/** As many orders as one dispatch sweep places (SWEEP_BATCH): a burst is taken in and placed in one go. */
export const MAX_ORDERS_PER_BATCH = 200;

export const CreateWorkOrdersSchema = z.object({
  orders: z.array(CreateWorkOrderSchema).min(1).max(MAX_ORDERS_PER_BATCH)
});

export const IdempotencyKeySchema = z.string().min(1).max(200).optional();

export const ListWorkOrdersQuerySchema = z.object({
  status: z.enum(WORK_ORDER_STATUSES).optional(),
  regionId: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(200).optional()
});

export const WorkOrderIdSchema = z.string().uuid();
