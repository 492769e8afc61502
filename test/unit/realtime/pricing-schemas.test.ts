import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { DEFAULT_REGIONAL_BOUNDS } from '../../../dispatcher/pricing/bounds';
import { DEMO_PRICE_TABLE } from '../../../dispatcher/pricing/demo-table';
import { DEMO_SETTLEMENT_TERMS } from '../../../dispatcher/settlement/demo-terms';
import { zodFields } from '../../../realtime/http/errors';
import {
  AdjustmentSchema,
  MilestoneScheduleSchema,
  PriceTableSchema,
  PriceTableVersionsSchema,
  RegionalBoundsSchema,
  SettlementTermsSchema,
  SettlementTermsVersionsSchema,
  SplitPolicySchema
} from '../../../realtime/schemas/pricing';

/** The refused fields, as the 422 body lists them. */
function refused(schema: z.ZodType, value: unknown): { path: string; message: string }[] {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('accepted');
  return zodFields(result.error);
}
const paths = (schema: z.ZodType, value: unknown) => refused(schema, value).map((f) => f.path);

const table = DEMO_PRICE_TABLE;
const JUL = Date.parse('2026-07-01T00:00:00+08:00');

describe('pricing input schemas', () => {
  it('accept the demo table, terms and bounds as they are', () => {
    expect(PriceTableSchema.parse(table)).toEqual(table);
    expect(SettlementTermsSchema.parse(DEMO_SETTLEMENT_TERMS)).toEqual(DEMO_SETTLEMENT_TERMS);
    expect(RegionalBoundsSchema.parse(DEFAULT_REGIONAL_BOUNDS)).toEqual(DEFAULT_REGIONAL_BOUNDS);
  });

  it('refuse negative, fractional and absurd coefficients, naming each', () => {
    const bad = {
      ...table,
      items: [{ ...table.items[0], difficulty: -10_000 }, ...table.items.slice(1)],
      regional: { ...table.regional, east: { ...table.regional.east, tier2: 12 } },
      urgency: { ...table.urgency, critical: 1.2 },
      crossRegion: 115_000
    };
    expect(paths(PriceTableSchema, bad)).toEqual([
      'items.0.difficulty',
      'regional.east.tier2',
      'urgency.critical',
      'crossRegion'
    ]);
  });

  it('refuse an unknown region, in the coefficients and in a season', () => {
    const bad = {
      ...table,
      regional: { ...table.regional, atlantis: { tier1: 10_000, tier2: 10_000, tier3: 10_000 } },
      seasons: [{ ...table.seasons[0], regions: ['north', 'atlantis'] }]
    };
    expect(refused(PriceTableSchema, bad)).toEqual([
      { path: 'regional', message: 'Unrecognized key: "atlantis"' },
      { path: 'seasons.0.regions.1', message: expect.stringContaining('"north"') }
    ]);
  });

  it('refuse a table that leaves a region without coefficients', () => {
    const regional: Partial<typeof table.regional> = { ...table.regional };
    delete regional.south;
    expect(paths(PriceTableSchema, { ...table, regional })).toEqual(['regional.south']);
  });

  it('refuse a repeated item, an impossible season day and fractional fen', () => {
    const bad = {
      ...table,
      items: [...table.items, { ...table.items[0], baseFee: 199.5 }],
      seasons: [{ ...table.seasons[0], to: '02-30' }]
    };
    expect(paths(PriceTableSchema, bad)).toEqual([`items.${table.items.length}.baseFee`, 'seasons.0.to']);
    const repeated = { ...table, items: [...table.items, table.items[0]] };
    expect(paths(PriceTableSchema, repeated)).toEqual([`items.${table.items.length}.id`]);
  });

  it('refuse a table whose coefficients could compound past 100 million 元 on one order', () => {
    const seasons = Array.from({ length: 20 }, (_, i) => ({
      ...table.seasons[0],
      id: `s${i}`,
      coefficient: 30_000
    }));
    expect(paths(PriceTableSchema, { ...table, seasons })).toEqual(['items']);
  });

  it('refuse an after-hours window that would cover the whole day', () => {
    const afterHours = { ...table.afterHours, window: { startMin: 480, endMin: 480 } };
    expect(paths(PriceTableSchema, { ...table, afterHours })).toEqual(['afterHours.window.endMin']);
  });

  it('refuse an effective period that ends before it starts', () => {
    expect(paths(PriceTableSchema, { ...table, effectiveTo: table.effectiveFrom })).toEqual(['effectiveTo']);
  });

  it('refuse overlapping effective dates, naming the later version', () => {
    const first = { ...table, effectiveTo: JUL + 1 };
    const second = { ...table, version: 2, effectiveFrom: JUL };
    expect(refused(PriceTableVersionsSchema, [first, second])).toEqual([
      { path: '1.effectiveFrom', message: 'overlaps version 1 (entry 0)' }
    ]);
    expect(PriceTableVersionsSchema.parse([{ ...first, effectiveTo: JUL }, second])).toHaveLength(2);
    expect(paths(SettlementTermsVersionsSchema, [DEMO_SETTLEMENT_TERMS, DEMO_SETTLEMENT_TERMS])).toEqual([
      '1.version',
      '1.effectiveFrom'
    ]);
  });

  it('refuse ratios that do not make 100 %, or leave nothing for partner and technician', () => {
    const policy = DEMO_SETTLEMENT_TERMS.default;
    expect(
      refused(SplitPolicySchema, {
        ...policy,
        ratios: { platform: 2_000, partner: 1_000, technician: 6_000 }
      })
    ).toEqual([{ path: 'ratios', message: 'must sum to 10000 (100 %), not 9000' }]);
    expect(
      paths(SplitPolicySchema, { ...policy, ratios: { platform: 10_000, partner: 0, technician: 0 } })
    ).toEqual(['ratios.technician']);
    expect(
      paths(SplitPolicySchema, { ...policy, ratios: { platform: -1, partner: 1_001, technician: 9_000 } })
    ).toEqual(['ratios.platform']);
  });

  it('refuse tiers out of order and a regional policy for an unknown region', () => {
    const policy = {
      ...DEMO_SETTLEMENT_TERMS.default,
      platformTiers: [...DEMO_SETTLEMENT_TERMS.default.platformTiers].reverse()
    };
    expect(paths(SplitPolicySchema, policy)).toEqual(['platformTiers.1.from', 'platformTiers.2.from']);
    const terms = { ...DEMO_SETTLEMENT_TERMS, byRegion: { atlantis: DEMO_SETTLEMENT_TERMS.default } };
    expect(refused(SettlementTermsSchema, terms)).toEqual([
      { path: 'byRegion', message: 'Unrecognized key: "atlantis"' }
    ]);
  });

  it('refuse milestone shares that do not make 100 %, or come out of order', () => {
    expect(refused(MilestoneScheduleSchema, [{ milestone: 'completed', share: 7_000 }])).toEqual([
      { path: '', message: 'shares must sum to 10000 (100 %), not 7000' }
    ]);
    const reversed = [
      { milestone: 'accepted', share: 3_000 },
      { milestone: 'completed', share: 7_000 }
    ];
    expect(paths(MilestoneScheduleSchema, reversed)).toEqual(['1.milestone']);
  });

  it('refuse bounds with min above max, and an adjustment without a reason or amount', () => {
    const bounds = {
      ...DEFAULT_REGIONAL_BOUNDS,
      byTier: { ...DEFAULT_REGIONAL_BOUNDS.byTier, tier2: { min: 12_000, max: 11_000 } }
    };
    expect(paths(RegionalBoundsSchema, bounds)).toEqual(['byTier.tier2.max']);
    const adjustment = { id: 'a-1', kind: 'deduction', payee: 'technician', amount: 0, reason: ' ' };
    expect(paths(AdjustmentSchema, adjustment)).toEqual(['amount', 'reason']);
    expect(AdjustmentSchema.parse({ ...adjustment, amount: 500, reason: '投诉' }).milestone).toBe('accepted');
  });
});
