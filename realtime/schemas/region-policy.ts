import { z } from 'zod';
import { FACTOR_NAMES } from '../../dispatcher/dispatch/types';

// Only the ratios of the weights matter; the cap keeps their sum finite.
const weight = z.number().min(0).max(1000);

/** What a region may set of its policy: stored in `regions.dispatch_policy`, checked again when read. */
export const PolicyOverridesSchema = z
  .object({
    mode: z.enum(['assign', 'offer']),
    offerTimeoutMs: z.number().int().min(15_000).max(3_600_000),
    allowCrossRegion: z.boolean(),
    weights: z
      .object({ distance: weight, workload: weight, rating: weight, parts: weight, fairness: weight })
      .strict()
      .refine((w) => FACTOR_NAMES.some((f) => w[f] > 0), 'at least one weight must be above 0')
  })
  .partial()
  .strict();

/**
 * `PUT /api/regions/:id/dispatch-policy`: the fields to change (at least one); those left out keep their
 * current value. `weights` is replaced as a whole set.
 */
export const PolicyChangeSchema = PolicyOverridesSchema.extend({
  maxRadiusKm: z.number().int().min(1).max(1000).optional(),
  expectedVersion: z.number().int().min(1),
  reason: z.string().trim().max(500).default('')
}).refine(
  (c) => Object.keys(c).some((k) => k !== 'expectedVersion' && k !== 'reason'),
  'give at least one field to change'
);
export type PolicyChangeInput = z.infer<typeof PolicyChangeSchema>;
