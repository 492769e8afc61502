// What the price table editor sends: a region's new coefficients, an admin's decision on a change beyond
// the bounds, and a sample order to preview a draft with. A refused input is a 422 naming the field.
import { z } from 'zod';
import { PARTIES } from '../../dispatcher/settlement/party';
import type { QuoteFacts } from '../../dispatcher/pricing/rules';
import { ORDER_PRIORITIES } from '../../dispatcher/work-order/intake';
import { CHANGE_REQUEST_STATUSES } from '../../dispatcher/pricing/regional-change';
import { epochMs, fee, id, PriceTableSchema, region, RegionalCoefficientsSchema } from './pricing';

const reason = z.string().trim().max(500);

/** `:regionId` of the editor's routes: an unknown region is a bad field, not a missing page. */
export const RegionParamSchema = z.object({ regionId: region });

export const RegionChangeSchema = z.strictObject({
  /** The table's latest version the editor saw. */
  expectedVersion: z.number().int().min(1),
  coefficients: RegionalCoefficientsSchema,
  /** When the new version takes over; not in the past (orders already priced keep their version anyway). */
  effectiveFrom: epochMs,
  reason: reason.default('')
});
export type RegionChangeInput = z.infer<typeof RegionChangeSchema>;

export const ApprovalDecisionSchema = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  reason: reason.min(1, 'say why')
});
export type ApprovalDecision = z.infer<typeof ApprovalDecisionSchema>;

export const ApprovalsQuerySchema = z.strictObject({
  status: z.enum(CHANGE_REQUEST_STATUSES).optional()
});

/** A sample order's facts, as the preview's picker builds them. */
export const QuoteFactsSchema = z.strictObject({
  itemId: id,
  regionId: region,
  cityTier: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  altitudeM: z.number().int().min(-200).max(8848).nullable(),
  serviceAt: epochMs,
  priority: z.enum(ORDER_PRIORITIES),
  technicianRegionId: region.nullable(),
  parts: z
    .array(
      z.strictObject({
        sku: id,
        name: z.string().trim().min(1).max(100),
        quantity: z.number().int().min(1).max(1000),
        unitCost: fee,
        supplier: z.enum(PARTIES)
      })
    )
    .max(20)
    .default([])
}) satisfies z.ZodType<QuoteFacts, unknown>;

/**
 * A draft to price the sample with: a whole table, or the current table with one region's coefficients
 * changed (what the editor form holds), or neither (the table as it is).
 */
export const PreviewSchema = z.strictObject({
  tableDraft: PriceTableSchema.optional(),
  regionChange: z.strictObject({ regionId: region, coefficients: RegionalCoefficientsSchema }).optional(),
  sampleOrder: QuoteFactsSchema
});
export type PreviewInput = z.infer<typeof PreviewSchema>;
