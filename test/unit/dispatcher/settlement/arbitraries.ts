// Generated price tables, order facts and settlement terms for the property tests. Fees and coefficients
// stay within what the schemas accept, and small enough that every product stays below MAX_FEN.
import fc from 'fast-check';
import { REGION_IDS, type RegionId } from '../../../../geo/cities';
import type { CityTier, PriceTable, TierKey } from '../../../../dispatcher/pricing/price-table';
import type { QuoteFacts } from '../../../../dispatcher/pricing/rules';
import { DEMO_SETTLEMENT_TERMS } from '../../../../dispatcher/settlement/demo-terms';
import { DEFAULT_MILESTONES, type MilestoneSchedule } from '../../../../dispatcher/settlement/milestones';
import type { SplitPolicy } from '../../../../dispatcher/settlement/split';
import type { SettlementTerms } from '../../../../dispatcher/settlement/terms';
import { ORDER_PRIORITIES, type OrderPriority } from '../../../../dispatcher/work-order/intake';
import { SERVICE_TYPE_IDS } from '../../../../dispatcher/work-order/service-types';

/** 10⁵ cases under CI=true, as the issue asks; fewer locally. */
export const RUNS = process.env.CI === 'true' ? 100_000 : 1_000;
/** 10⁵ cases of a whole settlement take 10–40 s on the shared 2-core machine: room beyond vitest's 60 s. */
export const PROPERTY_TIMEOUT_MS = process.env.CI === 'true' ? 300_000 : 60_000;

export const coefficientArb = fc.integer({ min: 5_000, max: 30_000 });
const region = fc.constantFrom(...REGION_IDS);
const tiers: fc.Arbitrary<Record<TierKey, number>> = fc.record({
  tier1: coefficientArb,
  tier2: coefficientArb,
  tier3: coefficientArb
});
/** 'MM-DD' of any day of 2024 (a leap year, so 02-29 comes up). */
const monthDay = fc
  .integer({ min: 0, max: 365 })
  .map((d) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(5, 10));
const minuteOfDay = fc.integer({ min: 0, max: 1_439 });

export const tableArb: fc.Arbitrary<PriceTable> = fc.record({
  id: fc.constant('t'),
  version: fc.integer({ min: 1, max: 100 }),
  effectiveFrom: fc.constant(0),
  effectiveTo: fc.constant(null),
  items: fc.uniqueArray(
    fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd'),
      serviceType: fc.constantFrom(...SERVICE_TYPE_IDS),
      name: fc.constant('项目'),
      nameEn: fc.constant('item'),
      // Up to 2,000元: with at most 9 coefficients of ×3 this stays below 100 million 元.
      baseFee: fc.integer({ min: 1, max: 200_000 }),
      difficulty: coefficientArb
    }),
    { minLength: 1, maxLength: 4, selector: (i) => i.id }
  ),
  regional: fc.record(
    Object.fromEntries(REGION_IDS.map((r) => [r, tiers])) as Record<RegionId, typeof tiers>
  ),
  altitude: fc.record({ aboveM: fc.integer({ min: 0, max: 5_000 }), coefficient: coefficientArb }),
  seasons: fc.uniqueArray(
    fc.record({
      id: fc.constantFrom('s1', 's2'),
      name: fc.constant('季节'),
      regions: fc.subarray([...REGION_IDS], { minLength: 1 }),
      from: monthDay,
      to: monthDay,
      coefficient: coefficientArb
    }),
    { maxLength: 2, selector: (s) => s.id }
  ),
  urgency: fc.record(
    Object.fromEntries(ORDER_PRIORITIES.map((p) => [p, coefficientArb])) as Record<
      OrderPriority,
      typeof coefficientArb
    >
  ),
  afterHours: fc.record({
    window: fc.record({ startMin: minuteOfDay, endMin: minuteOfDay }),
    coefficient: coefficientArb
  }),
  crossRegion: coefficientArb
});

export function factsArb(table: PriceTable): fc.Arbitrary<QuoteFacts> {
  return fc.record({
    itemId: fc.constantFrom(...table.items.map((i) => i.id)),
    regionId: region,
    cityTier: fc.constantFrom<CityTier>(1, 2, 3),
    altitudeM: fc.option(fc.integer({ min: 0, max: 6_000 })),
    // 2025 to 2027, to the minute.
    serviceAt: fc.integer({ min: 0, max: 3 * 525_600 }).map((m) => Date.UTC(2025, 0, 1) + m * 60_000),
    priority: fc.constantFrom(...ORDER_PRIORITIES),
    technicianRegionId: fc.option(region),
    parts: fc.array(
      fc.record({
        sku: fc.constant('SKU-1'),
        name: fc.constant('配件'),
        quantity: fc.integer({ min: 1, max: 10 }),
        unitCost: fc.integer({ min: 1, max: 500_000 }),
        supplier: fc.constantFrom('platform', 'partner', 'technician')
      }),
      { maxLength: 3 }
    )
  });
}

export const policyArb: fc.Arbitrary<SplitPolicy> = fc.record({
  ratios: fc
    .tuple(fc.integer({ min: 0, max: 9_999 }), fc.integer({ min: 0, max: 10_000 }))
    .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const)
    .map(([low, high]) => ({ platform: low, partner: high - low, technician: 10_000 - high })),
  platformTiers: fc
    .uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 3 })
    .chain((froms) =>
      fc.tuple(
        ...froms
          .sort((x, y) => x - y)
          .map((from) =>
            fc.record({ from: fc.constant(from), platform: fc.integer({ min: 0, max: 10_000 }) })
          )
      )
    )
});

const scheduleArb: fc.Arbitrary<MilestoneSchedule> = fc.oneof(
  fc.constant(DEFAULT_MILESTONES),
  fc.constant<MilestoneSchedule>([{ milestone: 'accepted', share: 10_000 }]),
  fc.integer({ min: 1, max: 9_999 }).map((share): MilestoneSchedule => [
    { milestone: 'completed', share },
    { milestone: 'accepted', share: 10_000 - share }
  ])
);

export const termsArb: fc.Arbitrary<SettlementTerms> = fc
  .record({ policy: policyArb, milestones: scheduleArb })
  .map(({ policy, milestones }) => ({ ...DEMO_SETTLEMENT_TERMS, default: policy, byRegion: {}, milestones }));
