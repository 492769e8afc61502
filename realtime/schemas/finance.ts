// What finance sends: the filters of its settlements and statement, and a payment run's payouts.
import { z } from 'zod';
import { SETTLEMENT_STATUSES } from '../../dispatcher/settlement/status';
import { REGION_IDS } from '../../geo/cities';
import { WorkOrderIdSchema } from './work-order';

/** How finance's totals bucket time: Beijing days or months. */
export const FINANCE_PERIODS = ['day', 'month'] as const;
export type FinancePeriod = (typeof FINANCE_PERIODS)[number];

/** A Beijing calendar day ('2026-11-23') or an instant with its offset. */
const dayOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const FinanceQuerySchema = z.strictObject({
  /** From this day's Beijing midnight, or this instant. */
  from: dayOrInstant.optional(),
  /** Through this Beijing day (to the next midnight), or up to this instant. */
  to: dayOrInstant.optional(),
  regionId: z.enum(REGION_IDS).optional(),
  /** A partner's id, or `none` for technicians working for the platform directly. */
  partnerId: z.string().trim().min(1).max(64).optional(),
  status: z.enum(SETTLEMENT_STATUSES).optional(),
  technicianId: z.string().trim().min(1).max(64).optional(),
  period: z.enum(FINANCE_PERIODS).default('day'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50)
});
export type FinanceQuery = z.infer<typeof FinanceQuerySchema>;

export const PayoutsPaidSchema = z.strictObject({
  items: z
    .array(z.strictObject({ orderId: WorkOrderIdSchema, payoutId: z.string().trim().min(1).max(100) }))
    .min(1)
    .max(1000)
    .superRefine((items, ctx) =>
      items.forEach((item, i) => {
        if (items.findIndex((o) => o.orderId === item.orderId && o.payoutId === item.payoutId) < i)
          ctx.addIssue({ code: 'custom', path: [i, 'payoutId'], message: 'this payout is listed twice' });
      })
    ),
  /** The bank transfer or payment run it was paid with. */
  reference: z.string().trim().min(1, 'say which payment run').max(100)
});
export type PayoutsPaidInput = z.infer<typeof PayoutsPaidSchema>;
