// What admins, regional managers and finance send to edit price tables, settlement terms, headquarters'
// bounds and adjustments. Each schema's output is the domain type of dispatcher/pricing or
// dispatcher/settlement (checked by `satisfies`); a refused input is a 422 naming the field.
import { z } from 'zod';
import { REGION_IDS } from '../../geo/cities';
import type { RegionalBounds } from '../../dispatcher/pricing/bounds';
import { BP_ONE, MAX_FEN } from '../../dispatcher/pricing/money';
import { labourCeiling, type PriceTable, type TierKey } from '../../dispatcher/pricing/price-table';
import { overlappingVersions, type Effective } from '../../dispatcher/pricing/versions';
import { ADJUSTMENT_KINDS, type Adjustment } from '../../dispatcher/settlement/adjustments';
import {
  DEFAULT_MILESTONES,
  MILESTONES,
  PAYEES,
  type MilestoneSchedule
} from '../../dispatcher/settlement/milestones';
import type { SplitPolicy } from '../../dispatcher/settlement/split';
import type { SettlementTerms } from '../../dispatcher/settlement/terms';
import { MINUTES_PER_DAY } from '../../dispatcher/fleet/shift';
import { ORDER_PRIORITIES } from '../../dispatcher/work-order/intake';
import { SERVICE_TYPE_IDS } from '../../dispatcher/work-order/service-types';

export const id = z.string().trim().min(1).max(64);
const name = z.string().trim().min(1).max(100);
export const region = z.enum(REGION_IDS);

/**
 * A coefficient in basis points, ×0.5 to ×3. Anything outside is a typo (12 for ×1.2, 120,000 for 12 %)
 * rather than a price; a real ×3 surcharge is rare enough to be worth a second look.
 */
const coefficient = z
  .number()
  .int('whole basis points (×1.2 is 12000)')
  .min(BP_ONE / 2, 'below ×0.5 (5000)')
  .max(3 * BP_ONE, 'above ×3 (30000)');
/** A fee: whole fen, more than none, at most 100,000元. */
export const fee = z
  .number()
  .int('whole fen')
  .positive('must be more than 0')
  .max(10_000_000, 'above 100,000元');
/** A share or rate: 0 % to 100 %. */
const ratio = z.number().int('whole basis points').min(0).max(BP_ONE, 'above 100 % (10000)');
export const epochMs = z.number().int('epoch milliseconds');
const minuteOfDay = z
  .number()
  .int()
  .min(0)
  .max(MINUTES_PER_DAY - 1);

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const monthDay = z
  .string()
  .regex(/^\d\d-\d\d$/, 'expected MM-DD')
  .refine((md) => {
    const [month = 0, day = 0] = md.split('-').map(Number);
    return day >= 1 && day <= (DAYS_IN_MONTH[month - 1] ?? 0);
  }, 'not a day of the year');

/** Later entries whose `key` repeats an earlier one's, named at [i, key]. */
function unique<T>(key: keyof T & string, what: string) {
  return (list: T[], ctx: z.RefinementCtx) =>
    list.forEach((entry, i) => {
      if (list.findIndex((e) => e[key] === entry[key]) < i)
        ctx.addIssue({ code: 'custom', path: [i, key], message: `${what} is listed twice` });
    });
}

/** [effectiveFrom, effectiveTo): the end, when given, after the start. */
const effective = {
  version: z.number().int().min(1),
  effectiveFrom: epochMs,
  effectiveTo: epochMs.nullable()
};
function endsAfterStart(v: Effective, ctx: z.RefinementCtx) {
  if (v.effectiveTo !== null && v.effectiveTo <= v.effectiveFrom)
    ctx.addIssue({ code: 'custom', path: ['effectiveTo'], message: 'must be after effectiveFrom' });
}

/** A list of versions of one thing: no two in force at the same instant, no version number twice. */
export function versionsSchema<S extends z.ZodType<Effective & { id: string }>>(schema: S) {
  return z
    .array(schema)
    .max(1000)
    .superRefine((versions, ctx) => {
      unique<Effective>('version', 'this version')(versions, ctx);
      for (const [i, j] of overlappingVersions(versions))
        ctx.addIssue({
          code: 'custom',
          path: [j, 'effectiveFrom'],
          message: `overlaps version ${versions[i]?.version} (entry ${i})`
        });
    });
}

const TiersSchema = z.object({
  tier1: coefficient,
  tier2: coefficient,
  tier3: coefficient
}) satisfies z.ZodType<Record<TierKey, number>, unknown>;

/** A region manager's edit of their region's coefficients. */
export const RegionalCoefficientsSchema = TiersSchema;

export const PriceTableSchema = z
  .object({
    id,
    ...effective,
    items: z
      .array(
        z.object({
          id,
          serviceType: z.enum(SERVICE_TYPE_IDS),
          name,
          nameEn: name,
          baseFee: fee,
          difficulty: coefficient
        })
      )
      .min(1)
      .max(1000)
      .superRefine(unique('id', 'this item id')),
    regional: z.record(region, TiersSchema),
    altitude: z.object({ aboveM: z.number().int().min(0).max(8848), coefficient }),
    seasons: z
      .array(
        z.object({
          id,
          name,
          regions: z.array(region).min(1).max(REGION_IDS.length),
          from: monthDay,
          to: monthDay,
          coefficient
        })
      )
      .max(20)
      .superRefine(unique('id', 'this season id')),
    urgency: z.record(z.enum(ORDER_PRIORITIES), coefficient),
    afterHours: z.object({
      // Start = end is a shift round the clock (fleet/shift.ts): every order would be after hours.
      window: z
        .object({ startMin: minuteOfDay, endMin: minuteOfDay })
        .refine((w) => w.startMin !== w.endMin, { path: ['endMin'], message: 'must differ from startMin' }),
      coefficient
    }),
    crossRegion: coefficient
  })
  .superRefine((table, ctx) => {
    endsAfterStart(table, ctx);
    if (labourCeiling(table) > MAX_FEN)
      ctx.addIssue({
        code: 'custom',
        path: ['items'],
        message: 'fees and coefficients together could price one order above 100 million 元'
      });
  }) satisfies z.ZodType<PriceTable, unknown>;

export const PriceTableVersionsSchema = versionsSchema(PriceTableSchema);

const SplitRatiosSchema = z
  .object({ platform: ratio, partner: ratio, technician: ratio })
  .superRefine((r, ctx) => {
    const sum = r.platform + r.partner + r.technician;
    if (sum !== BP_ONE)
      ctx.addIssue({ code: 'custom', path: [], message: `must sum to 10000 (100 %), not ${sum}` });
    // Someone must take what the platform leaves when a tier lowers its rate.
    else if (r.partner + r.technician === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['technician'],
        message: 'partner and technician cannot both be 0'
      });
  });

export const SplitPolicySchema = z.object({
  ratios: SplitRatiosSchema,
  platformTiers: z
    .array(z.object({ from: fee, platform: ratio }))
    .max(10)
    .default([])
    .superRefine((tiers, ctx) =>
      tiers.forEach((tier, i) => {
        const before = tiers[i - 1];
        if (before && tier.from <= before.from)
          ctx.addIssue({ code: 'custom', path: [i, 'from'], message: 'must be above the tier before' });
      })
    )
}) satisfies z.ZodType<SplitPolicy, unknown>;

export const MilestoneScheduleSchema = z
  .array(z.object({ milestone: z.enum(MILESTONES), share: ratio.min(1, 'must be more than 0') }))
  .min(1)
  .max(MILESTONES.length)
  .superRefine((schedule, ctx) => {
    const order = schedule.map((m) => MILESTONES.indexOf(m.milestone));
    order.forEach((at, i) => {
      if (i > 0 && at <= (order[i - 1] ?? -1))
        ctx.addIssue({
          code: 'custom',
          path: [i, 'milestone'],
          message: `must come after ${schedule[i - 1]?.milestone}`
        });
    });
    const sum = schedule.reduce((s, m) => s + m.share, 0);
    if (sum !== BP_ONE)
      ctx.addIssue({ code: 'custom', path: [], message: `shares must sum to 10000 (100 %), not ${sum}` });
  }) satisfies z.ZodType<MilestoneSchedule, unknown>;

/** What settlement terms say, whichever version they are. */
const termsShape = {
  default: SplitPolicySchema,
  byRegion: z.partialRecord(region, SplitPolicySchema).default({}),
  byPartner: z.record(id, SplitPolicySchema).default({}),
  milestones: MilestoneScheduleSchema.default(DEFAULT_MILESTONES)
};

export const SettlementTermsSchema = z
  .object({ id, ...effective, ...termsShape })
  .superRefine(endsAfterStart) satisfies z.ZodType<SettlementTerms, unknown>;

/**
 * Finance's or an admin's new version of the terms (`PUT /api/settlement/terms`): in force from
 * `effectiveFrom` (now when left out), on the latest version they saw.
 */
export const SettlementTermsEditSchema = z.strictObject({
  expectedVersion: z.number().int().min(1),
  effectiveFrom: epochMs.optional(),
  effectiveTo: epochMs.nullable().default(null),
  ...termsShape
});
export type SettlementTermsEdit = z.infer<typeof SettlementTermsEditSchema>;

export const SettlementTermsVersionsSchema = versionsSchema(SettlementTermsSchema);

export const RegionalBoundsSchema = z.object({
  byTier: z.record(
    z.enum(['tier1', 'tier2', 'tier3']),
    z
      .object({ min: coefficient, max: coefficient })
      .refine((b) => b.min <= b.max, { path: ['max'], message: 'must not be below min' })
  ),
  maxStep: z
    .number()
    .int()
    .min(0)
    .max(2 * BP_ONE)
}) satisfies z.ZodType<RegionalBounds, unknown>;

export const AdjustmentSchema = z.object({
  id,
  kind: z.enum(ADJUSTMENT_KINDS),
  payee: z.enum(PAYEES),
  amount: fee,
  reason: z.string().trim().min(1, 'say why').max(500),
  milestone: z.enum(MILESTONES).default('accepted')
}) satisfies z.ZodType<Adjustment, unknown>;
