import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CandidatePool, decide } from '../../../../dispatcher/dispatch/decide';
import * as arb from './arbitraries';

const now = new Date('2026-11-23T08:00:00Z');

describe('CandidatePool.addOpenOrder', () => {
  it('decides exactly as a pool built with the added load, and leaves the technicians passed in alone', () => {
    fc.assert(
      fc.property(
        arb.order,
        arb.friendlyTechnicians,
        arb.policy,
        arb.depots,
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.integer({ min: 0, max: 12 }),
        (o, candidates, policy, depots, picks, topN) => {
          const before = JSON.stringify(candidates);
          const pool = new CandidatePool(candidates);
          const load = new Map<string, number>();
          for (const n of picks) {
            const id = candidates[n % Math.max(1, candidates.length)]?.id ?? 'nobody';
            expect(pool.addOpenOrder(id)).toBe(candidates.length > 0);
            load.set(id, (load.get(id) ?? 0) + 1);
          }
          const loaded = candidates.map((t) => ({ ...t, openOrders: t.openOrders + (load.get(t.id) ?? 0) }));
          const expected = JSON.stringify(
            decide(o, new CandidatePool(loaded), policy, depots, now, { topN })
          );
          expect(JSON.stringify(decide(o, pool, policy, depots, now, { topN }))).toBe(expected);
          expect(JSON.stringify(decide(o, loaded, policy, depots, now, { topN }))).toBe(expected);
          expect(JSON.stringify(candidates)).toBe(before);
        }
      ),
      { numRuns: 500 }
    );
  });

  it('answers false for a technician it does not hold', () => {
    expect(new CandidatePool([]).addOpenOrder('tech-1')).toBe(false);
  });
});
