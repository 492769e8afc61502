// Small random worlds for the property tests: a few hundred km around Shanghai, so that the radius, the
// regions, skills, shifts, capacity and stock all bite often.
import fc from 'fast-check';
import { TECHNICIAN_STATUSES } from '../../../../dispatcher/fleet/status';
import type {
  CandidateTechnician,
  DepotStock,
  DispatchOrder,
  RegionPolicy
} from '../../../../dispatcher/dispatch/types';
import { ORDER_PRIORITIES } from '../../../../dispatcher/work-order/intake';

export const SKILLS = ['电工', '高空作业', '制冷', '燃气'] as const;
export const CERTIFICATIONS = ['电工证', '高处作业证'] as const;
export const SKUS = ['A', 'B', 'C'] as const;
const REGION_IDS = ['east', 'central'] as const;

export const location = fc.record({
  lng: fc.double({ min: 119, max: 124, noNaN: true }),
  lat: fc.double({ min: 29, max: 33, noNaN: true })
});

/** `friendly` technicians are mostly available and skilled, so that many are eligible at once. */
export const technician = (id: string, friendly = false): fc.Arbitrary<CandidateTechnician> =>
  fc.record({
    id: fc.constant(id),
    regionId: fc.constantFrom(...REGION_IDS),
    location,
    status: friendly
      ? fc.constantFrom('idle', 'idle', 'busy', 'offline')
      : fc.constantFrom(...TECHNICIAN_STATUSES),
    skills: friendly ? fc.subarray([...SKILLS], { minLength: 3 }) : fc.subarray([...SKILLS]),
    certifications: friendly
      ? fc.subarray([...CERTIFICATIONS], { minLength: 1 })
      : fc.subarray([...CERTIFICATIONS]),
    rating: fc.double({ min: 0, max: 5, noNaN: true }),
    capacity: fc.integer({ min: 0, max: 5 }),
    openOrders: fc.integer({ min: 0, max: friendly ? 2 : 6 }),
    onShift: fc.integer({ min: 0, max: friendly ? 9 : 3 }).map((n) => n > 0),
    earnedThisMonthFen: fc.integer({ min: 0, max: 2_000_000 })
  });

/** Unique ids, some sharing a prefix so that the id tie-break is exercised on similar strings. */
export const technicians = fc
  .integer({ min: 0, max: 40 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => technician(`tech-${i}`))));

/** Many eligible at once: the pool's fast path, which skips the misses, runs on these. */
export const friendlyTechnicians = fc
  .integer({ min: 0, max: 60 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => technician(`tech-${i}`, true))));

export const partLines = fc.array(
  fc.record({ sku: fc.constantFrom(...SKUS), qty: fc.integer({ min: 1, max: 6 }) }),
  { maxLength: 3 }
);

export const order: fc.Arbitrary<DispatchOrder> = fc.record({
  id: fc.constant('order-1'),
  regionId: fc.constantFrom(...REGION_IDS),
  location,
  priority: fc.constantFrom(...ORDER_PRIORITIES),
  requiredSkills: fc.subarray([...SKILLS], { maxLength: 2 }),
  requiredCertifications: fc.subarray([...CERTIFICATIONS], { maxLength: 1 }),
  parts: partLines,
  declinedBy: fc.subarray(
    Array.from({ length: 8 }, (_, i) => `tech-${i}`),
    { maxLength: 3 }
  )
});

/** Available stock may even be negative or fractional (bad data): the plan must still never overdraw. */
const stock = fc.dictionary(
  fc.constantFrom(...SKUS),
  fc.oneof(fc.integer({ min: -2, max: 8 }), fc.double({ min: 0, max: 5, noNaN: true }))
);

export const depots: fc.Arbitrary<DepotStock[]> = fc.integer({ min: 0, max: 6 }).chain((n) =>
  fc.tuple(
    ...Array.from({ length: n }, (_, i) =>
      fc.record({
        depotId: fc.constant(`depot-${i}`),
        regionId: fc.constantFrom(...REGION_IDS),
        location,
        available: stock
      })
    )
  )
);

const weight = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 10, noNaN: true }));

export const policy: fc.Arbitrary<RegionPolicy> = fc.record({
  maxRadiusKm: fc.oneof(fc.constant(200), fc.double({ min: 5, max: 500, noNaN: true })),
  allowCrossRegion: fc.boolean(),
  mode: fc.constantFrom('assign', 'offer'),
  offerTimeoutMs: fc.integer({ min: 1_000, max: 600_000 }),
  weights: fc.record({ distance: weight, workload: weight, rating: weight, parts: weight, fairness: weight })
});

/** A permutation of `items` driven by a seed, so fast-check can shrink it. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let s = seed >>> 0;
  for (let i = copy.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
