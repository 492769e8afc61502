// A supervisor's surcharge on an order's price, finance's adjustments, and the month of a technician's statement.
import { z } from 'zod';
import { SURCHARGE_KINDS } from '../../dispatcher/settlement/facts';
import { AdjustmentSchema } from './pricing';

export const SurchargeSchema = z.strictObject({
  kind: z.enum(SURCHARGE_KINDS),
  reason: z.string().trim().min(1, 'say why').max(500),
  /** The settlement's version the supervisor saw (`settlement.version` of the order). */
  expectedVersion: z.number().int().min(1)
});
export type SurchargeInput = z.infer<typeof SurchargeSchema>;

export const MonthQuerySchema = z.strictObject({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM')
    .optional()
});

/** Finance's complaint deduction or bonus on an order's settlement. */
export const AdjustmentRequestSchema = AdjustmentSchema.extend({
  /** The settlement's version finance saw. */
  expectedVersion: z.number().int().min(1)
}).strict();
export type AdjustmentRequest = z.infer<typeof AdjustmentRequestSchema>;
