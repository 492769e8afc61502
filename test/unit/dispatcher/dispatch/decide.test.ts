import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { haversineKm } from '../../../../geo/distance';
import { CandidatePool, decide } from '../../../../dispatcher/dispatch/decide';
import { partsReadiness, planFor, preparePartsContext } from '../../../../dispatcher/dispatch/parts';
import { isEligible, violations } from '../../../../dispatcher/dispatch/rules';
import { scoreCandidate } from '../../../../dispatcher/dispatch/score';
import {
  DEFAULT_POLICY,
  HARD_RULES,
  type CandidateTechnician,
  type DispatchOrder,
  type HardRule,
  type RegionPolicy
} from '../../../../dispatcher/dispatch/types';
import * as arb from './arbitraries';

const shanghai = { lng: 121.47, lat: 31.23 };
const near = (km: number) => ({ lng: shanghai.lng, lat: shanghai.lat + km / 111.195 });
const now = new Date('2026-11-23T08:00:00Z');

function order(overrides: Partial<DispatchOrder> = {}): DispatchOrder {
  return {
    id: 'o1',
    regionId: 'east',
    location: shanghai,
    priority: 'normal',
    requiredSkills: [],
    requiredCertifications: [],
    parts: [],
    ...overrides
  };
}

function tech(id: string, overrides: Partial<CandidateTechnician> = {}): CandidateTechnician {
  return {
    id,
    regionId: 'east',
    location: near(5),
    status: 'idle',
    skills: ['电工', '高空作业'],
    certifications: [],
    rating: 4,
    capacity: 3,
    openOrders: 0,
    onShift: true,
    earnedThisMonthFen: 100_000,
    ...overrides
  };
}

const chosenOf = (d: ReturnType<typeof decide>) => (d.type === 'no-candidate' ? null : d.technicianId);

describe('decide: examples', () => {
  it('never chooses a technician who lacks a required skill, however close and well rated', () => {
    const decision = decide(
      order({ requiredSkills: ['高空作业'] }),
      [
        tech('close', { location: shanghai, rating: 5, skills: ['电工'] }),
        tech('far', { location: near(150), rating: 2 })
      ],
      DEFAULT_POLICY,
      [],
      now
    );
    expect(decision.type).toBe('assigned');
    expect(chosenOf(decision)).toBe('far');
    expect(decision.ranked.map((r) => [r.technicianId, r.violations])).toEqual([
      ['far', []],
      ['close', ['skill']]
    ]);
  });

  it('counts the candidates per failed rule when nobody is eligible', () => {
    const lacking = Array.from({ length: 14 }, (_, i) => tech(`s${i}`, { skills: ['电工'] }));
    const full = Array.from({ length: 3 }, (_, i) => tech(`c${i}`, { capacity: 2, openOrders: 2 }));
    const decision = decide(
      order({ requiredSkills: ['高空作业'] }),
      [...lacking, ...full],
      DEFAULT_POLICY,
      [],
      now
    );
    expect(decision).toMatchObject({
      type: 'no-candidate',
      failed: { skill: 14, capacity: 3 },
      reason: '14 lacked skill 高空作业, 3 at capacity'
    });
    // The supervisor still sees the nearest misses, with what each breaks.
    expect(decision.ranked).toHaveLength(10);
  });

  it('passes an offer on to the next best technician once the first declined, and says who declined', () => {
    const offerPolicy: RegionPolicy = { ...DEFAULT_POLICY, mode: 'offer' };
    const fleet = [tech('best', { location: near(1) }), tech('next', { location: near(20) })];
    const first = decide(order(), new CandidatePool(fleet), offerPolicy, [], now);
    expect(first).toMatchObject({ type: 'offered', technicianId: 'best' });
    const second = decide(order({ declinedBy: ['best'] }), new CandidatePool(fleet), offerPolicy, [], now);
    expect(second).toMatchObject({ type: 'offered', technicianId: 'next' });
    const third = decide(order({ declinedBy: ['best', 'next'] }), fleet, offerPolicy, [], now);
    expect(third).toMatchObject({
      type: 'no-candidate',
      failed: { declined: 2 },
      reason: '2 declined the offer or let it lapse'
    });
  });

  it('names every broken rule in the reason, the distance limit included', () => {
    const decision = decide(
      order({ requiredCertifications: ['电工证'] }),
      [
        tech('away', { location: near(300) }),
        tech('home', { status: 'offline', onShift: false }),
        tech('west', { regionId: 'central', certifications: ['电工证'] })
      ],
      DEFAULT_POLICY,
      [],
      now
    );
    expect(decision.type).toBe('no-candidate');
    if (decision.type !== 'no-candidate') return;
    expect(decision.failed).toEqual({ radius: 1, region: 1, offline: 1, off_shift: 1, certification: 1 });
    expect(decision.reason).toBe(
      '1 beyond 200 km, 1 in another region (cross-region not allowed), 1 offline, 1 off shift, ' +
        '1 lacked certification 电工证'
    );
    expect(decide(order(), [], DEFAULT_POLICY, [], now)).toEqual({
      type: 'no-candidate',
      failed: {},
      reason: 'no technicians to choose from',
      ranked: []
    });
  });

  it('flags a cross-region pick, and picks one only when no technician of the region is eligible', () => {
    const policy: RegionPolicy = { ...DEFAULT_POLICY, allowCrossRegion: true };
    const neighbour = tech('neighbour', { regionId: 'central', location: shanghai, rating: 5 });
    const own = tech('own', { location: near(120), rating: 1, openOrders: 2 });
    const first = decide(order(), [neighbour, own], policy, [], now);
    expect(first).toMatchObject({ type: 'assigned', technicianId: 'own', crossRegion: false });
    expect(first.ranked.map((r) => [r.technicianId, r.crossRegion])).toEqual([
      ['own', false],
      ['neighbour', true]
    ]);
    const second = decide(order(), [neighbour, { ...own, onShift: false }], policy, [], now);
    expect(second).toMatchObject({ type: 'assigned', technicianId: 'neighbour', crossRegion: true });
  });

  it('offers to the best technician in offer mode, the offer expiring after the policy timeout', () => {
    const policy: RegionPolicy = { ...DEFAULT_POLICY, mode: 'offer', offerTimeoutMs: 90_000 };
    const decision = decide(order(), [tech('a'), tech('b', { location: near(1) })], policy, [], now);
    expect(decision).toMatchObject({
      type: 'offered',
      technicianId: 'b',
      expiresAt: new Date('2026-11-23T08:01:30Z'),
      crossRegion: false
    });
  });

  it('explains each factor with its raw value, normalized value, weight and contribution', () => {
    const policy: RegionPolicy = {
      ...DEFAULT_POLICY,
      maxRadiusKm: 100,
      weights: { distance: 2, workload: 1, rating: 1, parts: 0, fairness: 0 }
    };
    const t = tech('a', { location: near(25), openOrders: 1, capacity: 4, rating: 4.5 });
    const [only] = decide(order(), [t], policy, [], now).ranked;
    const km = haversineKm(shanghai, t.location);
    expect(km).toBeCloseTo(25, 3);
    expect(only?.factors.map((f) => [f.name, f.value, f.weight])).toEqual([
      ['distance', km, 2],
      ['workload', 1, 1],
      ['rating', 4.5, 1],
      ['parts', 0, 0],
      ['fairness', 100_000, 0]
    ]);
    expect(only?.factors.map((f) => f.normalized)).toEqual([1 - km / 100, 0.75, 0.9, 1, 1]);
    expect(only?.score).toBeCloseTo((2 * 0.75 + 0.75 + 0.9) / 4, 6);
  });

  it('prefers the technician with parts on the way when the weights say parts matter', () => {
    const policy: RegionPolicy = {
      ...DEFAULT_POLICY,
      weights: { distance: 0, workload: 0, rating: 0, parts: 1, fairness: 0 }
    };
    const depot = { depotId: 'd-north', regionId: 'east', location: near(40), available: { compressor: 1 } };
    const decision = decide(
      order({ parts: [{ sku: 'compressor', qty: 1 }] }),
      [tech('south', { location: near(-30) }), tech('north', { location: near(45) })],
      policy,
      [depot],
      now
    );
    expect(decision).toMatchObject({
      type: 'assigned',
      technicianId: 'north',
      parts: { status: 'single-depot', picks: [{ depotId: 'd-north', sku: 'compressor', qty: 1 }] }
    });
  });

  it('breaks a tie in score by technician id', () => {
    const decision = decide(order(), [tech('b'), tech('a'), tech('c')], DEFAULT_POLICY, [], now);
    expect(decision.ranked.map((r) => r.technicianId)).toEqual(['a', 'b', 'c']);
    expect(chosenOf(decision)).toBe('a');
  });
});

describe('decide: properties', () => {
  const world = fc.record({
    order: arb.order,
    candidates: arb.technicians,
    policy: arb.policy,
    depots: arb.depots,
    seed: fc.integer()
  });

  it('never assigns or offers a technician who breaks a hard rule, nor one at capacity', () => {
    fc.assert(
      fc.property(world, ({ order: o, candidates, policy, depots }) => {
        const decision = decide(o, candidates, policy, depots, now);
        if (decision.type === 'no-candidate') return;
        const chosen = candidates.find((c) => c.id === decision.technicianId);
        expect(chosen).toBeDefined();
        if (chosen === undefined) return;
        expect(violations(o, chosen, policy, haversineKm(o.location, chosen.location))).toEqual([]);
        expect(chosen.openOrders).toBeLessThan(chosen.capacity);
        expect(haversineKm(o.location, chosen.location)).toBeLessThanOrEqual(policy.maxRadiusKm);
        expect(decision.crossRegion).toBe(chosen.regionId !== o.regionId);
      }),
      { numRuns: 500 }
    );
  });

  it('chooses someone whenever anyone is eligible, own region first, and otherwise counts every failure', () => {
    fc.assert(
      fc.property(world, ({ order: o, candidates, policy, depots }) => {
        const decision = decide(o, candidates, policy, depots, now);
        const checked = candidates.map((c) => ({
          c,
          broken: violations(o, c, policy, haversineKm(o.location, c.location))
        }));
        const eligible = checked.filter((x) => x.broken.length === 0);
        if (eligible.length === 0) {
          expect(decision.type).toBe('no-candidate');
          if (decision.type !== 'no-candidate') return;
          // Beyond the radius counts once, under radius only; the others under every rule they break.
          const expected: Partial<Record<HardRule, number>> = {};
          for (const { broken } of checked) {
            for (const rule of broken[0] === 'radius' ? (['radius'] as const) : broken) {
              expected[rule] = (expected[rule] ?? 0) + 1;
            }
          }
          expect(decision.failed).toEqual(expected);
          for (const rule of HARD_RULES) {
            if (expected[rule] !== undefined) expect(decision.reason).toContain(String(expected[rule]));
          }
          return;
        }
        expect(decision.type).toBe(policy.mode === 'offer' ? 'offered' : 'assigned');
        if (decision.type === 'no-candidate') return;
        if (decision.crossRegion) expect(eligible.every((x) => x.c.regionId !== o.regionId)).toBe(true);
        expect(decision.ranked[0]?.technicianId).toBe(decision.technicianId);
        if (decision.type === 'offered') {
          expect(decision.expiresAt.getTime()).toBe(now.getTime() + policy.offerTimeoutMs);
        }
      }),
      { numRuns: 500 }
    );
  });

  it('ranks the same way for the same input, whatever the order of the candidates and with or without the index', () => {
    fc.assert(
      fc.property(world, ({ order: o, candidates, policy, depots, seed }) => {
        const first = decide(o, candidates, policy, depots, now);
        expect(decide(o, candidates, policy, depots, now)).toEqual(first);
        expect(decide(o, arb.shuffled(candidates, seed), policy, depots, now)).toEqual(first);
        const pooled = decide(o, new CandidatePool(arb.shuffled(candidates, seed + 1)), policy, depots, now);
        // Byte for byte: the stored decision does not depend on the input order either (key order included).
        expect(JSON.stringify(pooled)).toBe(JSON.stringify(first));
      }),
      { numRuns: 300 }
    );
  });

  it('decides the same with the pool as with the list when many are eligible, for any size of ranking', () => {
    fc.assert(
      fc.property(
        fc.record({
          order: arb.order,
          candidates: arb.friendlyTechnicians,
          policy: arb.policy,
          depots: arb.depots,
          seed: fc.integer(),
          topN: fc.integer({ min: 0, max: 12 })
        }),
        ({ order: o, candidates, policy, depots, seed, topN }) => {
          const first = decide(o, candidates, policy, depots, now, { topN });
          expect(first.ranked.length).toBeLessThanOrEqual(topN);
          const pooled = decide(o, new CandidatePool(arb.shuffled(candidates, seed)), policy, depots, now, {
            topN
          });
          expect(JSON.stringify(pooled)).toBe(JSON.stringify(first));
        }
      ),
      { numRuns: 500 }
    );
  });

  it('tests each pooled technician against the rules exactly as isEligible does', () => {
    fc.assert(
      fc.property(arb.order, arb.friendlyTechnicians, arb.policy, (o, candidates, policy) => {
        const pool = new CandidatePool(candidates);
        const accept = pool.eligibility(o, policy);
        candidates.forEach((t, i) => {
          expect(accept?.(i) ?? false).toBe(isEligible(o, t, policy, 0));
          expect(isEligible(o, t, policy, 0)).toBe(violations(o, t, policy, 0).length === 0);
        });
      }),
      { numRuns: 500 }
    );
  });

  it('ranks exactly as scoring every eligible candidate in full would', () => {
    fc.assert(
      fc.property(
        fc.record({
          order: arb.order,
          candidates: arb.friendlyTechnicians,
          policy: arb.policy,
          depots: arb.depots
        }),
        fc.integer({ min: 1, max: 5 }),
        ({ order: o, candidates, policy, depots }, topN) => {
          const eligible = candidates.filter(
            (c) => violations(o, c, policy, haversineKm(o.location, c.location)).length === 0
          );
          const fen = eligible.map((c) => c.earnedThisMonthFen);
          const parts = preparePartsContext(o, depots, policy.maxRadiusKm);
          const full = eligible
            .map((c) => {
              const km = haversineKm(o.location, c.location);
              const plan = planFor(parts, c.location, km);
              const { score } = scoreCandidate(
                c,
                {
                  distanceKm: km,
                  partsDetourKm: plan.detourKm,
                  partsReadiness: partsReadiness(parts),
                  earningsFen: { min: Math.min(...fen), max: Math.max(...fen) }
                },
                policy
              );
              return { id: c.id, cross: c.regionId !== o.regionId, score };
            })
            .sort((a, b) => Number(a.cross) - Number(b.cross) || b.score - a.score || (a.id < b.id ? -1 : 1))
            .slice(0, topN);
          const ranked = decide(o, new CandidatePool(candidates), policy, depots, now, { topN }).ranked;
          expect(
            ranked.filter((r) => r.violations.length === 0).map((r) => [r.technicianId, r.score])
          ).toEqual(full.map((f) => [f.id, f.score]));
        }
      ),
      { numRuns: 500 }
    );
  });

  it('explains every ranked candidate with contributions that add up to its score', () => {
    fc.assert(
      fc.property(world, ({ order: o, candidates, policy, depots }) => {
        const decision = decide(o, candidates, policy, depots, now);
        expect(decision.ranked.length).toBeLessThanOrEqual(10);
        const ids = new Set(decision.ranked.map((r) => r.technicianId));
        expect(ids.size).toBe(decision.ranked.length);
        let seenMiss = false;
        for (const r of decision.ranked) {
          const sum = r.factors.reduce((s, f) => s + f.contribution, 0);
          expect(Math.abs(sum - r.score)).toBeLessThanOrEqual(1e-9);
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(1 + 1e-12);
          for (const f of r.factors) {
            expect(f.normalized).toBeGreaterThanOrEqual(0);
            expect(f.normalized).toBeLessThanOrEqual(1);
          }
          // Eligible candidates come before the misses.
          if (r.violations.length > 0) seenMiss = true;
          else expect(seenMiss).toBe(false);
        }
      }),
      { numRuns: 500 }
    );
  });
});
