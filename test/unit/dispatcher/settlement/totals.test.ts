import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAYOUT_STATUSES } from '../../../../dispatcher/settlement/milestones';
import { SETTLEMENT_STATUSES } from '../../../../dispatcher/settlement/status';
import {
  emptyTotals,
  financeTotals,
  type Totals,
  type TotalsItem
} from '../../../../dispatcher/settlement/totals';
import { PROPERTY_TIMEOUT_MS, RUNS } from './arbitraries';

const fen = fc.integer({ min: -1_000_000, max: 10_000_000 });
const itemArb: fc.Arbitrary<TotalsItem> = fc.record({
  regionId: fc.constantFrom('east', 'north', 'south'),
  partnerId: fc.constantFrom(null, 'P-1', 'P-2'),
  period: fc.constantFrom('2026-11-01', '2026-11-02', '2026-12-01'),
  status: fc.constantFrom(...SETTLEMENT_STATUSES),
  lines: fc.array(fc.record({ amount: fen }), { maxLength: 8 }),
  shares: fc.record({ platform: fen, partner: fen, technician: fen }),
  payouts: fc.array(fc.record({ amount: fen, status: fc.constantFrom(...PAYOUT_STATUSES) }), {
    maxLength: 6
  })
});

const sumOf = (groups: Record<string, Totals>): Totals => {
  const sum = emptyTotals();
  for (const t of Object.values(groups))
    for (const key of Object.keys(sum) as (keyof Totals)[]) sum[key] += t[key];
  return sum;
};

describe('finance totals', () => {
  it(
    'equal the sum of the listed settlements’ lines, shares and payouts, and each grouping adds up to them',
    () => {
      fc.assert(
        fc.property(fc.array(itemArb, { maxLength: 40 }), (items) => {
          const totals = financeTotals(items);
          const counted = items.filter((s) => s.status !== 'void');
          expect(totals.all.settlements).toBe(items.length);
          expect(totals.all.total).toBe(
            counted.reduce((sum, s) => sum + s.lines.reduce((t, l) => t + l.amount, 0), 0)
          );
          expect(totals.all.technician).toBe(counted.reduce((sum, s) => sum + s.shares.technician, 0));
          const payouts = items.flatMap((s) => s.payouts);
          expect(totals.all.paid).toBe(
            payouts.reduce((sum, p) => (p.status === 'paid' ? sum + p.amount : sum), 0)
          );
          expect(sumOf(totals.byRegion)).toEqual(totals.all);
          expect(sumOf(totals.byPartner)).toEqual(totals.all);
          expect(sumOf(totals.byPeriod)).toEqual(totals.all);
        }),
        { numRuns: RUNS }
      );
    },
    PROPERTY_TIMEOUT_MS
  );

  it('do not depend on the order the settlements stream past in', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { maxLength: 20 }), fc.nat(), (items, seed) => {
        const shuffled = [...items].sort(
          (a, b) => ((a.lines.length * 31 + seed) % 7) - ((b.lines.length * 31 + seed) % 7)
        );
        expect(financeTotals(shuffled)).toEqual(financeTotals(items));
      }),
      { numRuns: RUNS }
    );
  });
});
