import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectivePolicy, type PolicyOverrides } from '../../../../dispatcher/dispatch/policy';
import { DEFAULT_POLICY } from '../../../../dispatcher/dispatch/types';

const weight = fc.double({ min: 0, max: 10, noNaN: true });
const overrides: fc.Arbitrary<PolicyOverrides> = fc.record(
  {
    mode: fc.constantFrom('assign' as const, 'offer' as const),
    offerTimeoutMs: fc.integer({ min: 15_000, max: 3_600_000 }),
    allowCrossRegion: fc.boolean(),
    weights: fc.record({
      distance: weight,
      workload: weight,
      rating: weight,
      parts: weight,
      fairness: weight
    })
  },
  { requiredKeys: [] }
);

describe('a region’s effective dispatch policy', () => {
  it('is the default with the region’s radius when the region changed nothing', () => {
    expect(effectivePolicy({}, 80)).toEqual({ ...DEFAULT_POLICY, maxRadiusKm: 80 });
  });

  it('takes each field the region set, and the default for every other', () => {
    fc.assert(
      fc.property(overrides, fc.integer({ min: 1, max: 1000 }), (o, radius) => {
        const policy = effectivePolicy(o, radius);
        expect(policy.maxRadiusKm).toBe(radius);
        expect(policy.mode).toBe(o.mode ?? DEFAULT_POLICY.mode);
        expect(policy.offerTimeoutMs).toBe(o.offerTimeoutMs ?? DEFAULT_POLICY.offerTimeoutMs);
        expect(policy.allowCrossRegion).toBe(o.allowCrossRegion ?? DEFAULT_POLICY.allowCrossRegion);
        expect(policy.weights).toEqual(o.weights ?? DEFAULT_POLICY.weights);
      })
    );
  });

  it('never shares its weights with the default, so changing one region’s cannot change another’s', () => {
    const policy = effectivePolicy({}, 200);
    policy.weights.distance = 99;
    expect(DEFAULT_POLICY.weights.distance).toBe(0.4);
  });
});
