import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { haversineKm } from '../../../geo/distance';
import { TechnicianIndex, bruteForceWithin, searchBoxes } from '../../../geo/technician-index';

const shanghai = { lng: 121.47, lat: 31.23 };
const suzhou = { lng: 120.62, lat: 31.3 };
const hangzhou = { lng: 120.16, lat: 30.27 };
const beijing = { lng: 116.41, lat: 39.9 };

const sorted = (ids: string[]) => [...ids].sort();
const anywhere = fc.record({
  lng: fc.double({ min: -180, max: 180, noNaN: true }),
  lat: fc.double({ min: -90, max: 90, noNaN: true })
});
/** Points clustered around a centre, so that many fall close to the edge of the circle (lng in ±180). */
const cluster = (center: { lng: number; lat: number }, spreadDeg: number) =>
  fc.record({
    lng: fc.double({
      min: Math.max(-180, center.lng - spreadDeg),
      max: Math.min(180, center.lng + spreadDeg),
      noNaN: true
    }),
    lat: fc.double({
      min: Math.max(-90, center.lat - spreadDeg),
      max: Math.min(90, center.lat + spreadDeg),
      noNaN: true
    })
  });
const pointsAround = (center: { lng: number; lat: number }, spreadDeg: number) =>
  fc
    .array(cluster(center, spreadDeg), { maxLength: 200 })
    .map((locations) => locations.map((location, i) => ({ id: `t${i}`, location })));

describe('TechnicianIndex', () => {
  it('finds the technicians within the radius and leaves out the ones beyond it', () => {
    const index = new TechnicianIndex([
      { id: 'sh', location: shanghai },
      { id: 'sz', location: suzhou },
      { id: 'hz', location: hangzhou },
      { id: 'bj', location: beijing }
    ]);
    expect(sorted(index.within(shanghai, 100))).toEqual(['sh', 'sz']);
    expect(sorted(index.within(shanghai, 200))).toEqual(['hz', 'sh', 'sz']);
    expect(sorted(index.within(shanghai, 2000))).toEqual(['bj', 'hz', 'sh', 'sz']);
    expect(index.within(shanghai, -1)).toEqual([]);
  });

  it('reports each point with its number in the rebuild and its exact distance', () => {
    const index = new TechnicianIndex([
      { id: 'sh', location: shanghai },
      { id: 'sz', location: suzhou }
    ]);
    const seen: [string | undefined, number][] = [];
    index.forEachWithin(shanghai, 100, (i, km) => seen.push([index.idAt(i), km]));
    expect(seen.sort()).toEqual([
      ['sh', 0],
      ['sz', haversineKm(shanghai, suzhou)]
    ]);
  });

  it('reports the very distance haversineKm measures, to the last bit', () => {
    fc.assert(
      fc.property(pointsAround(shanghai, 5), cluster(shanghai, 3), (points, center) => {
        const index = new TechnicianIndex(points);
        index.forEachWithin(center, 1000, (i, km) => {
          expect(km).toBe(haversineKm(center, points[i]?.location ?? center));
        });
      }),
      { numRuns: 200 }
    );
  });

  it('asks accept first and leaves out the points it refuses', () => {
    const index = new TechnicianIndex([
      { id: 'sh', location: shanghai },
      { id: 'sz', location: suzhou }
    ]);
    const asked: number[] = [];
    const seen: number[] = [];
    index.forEachWithin(
      shanghai,
      100,
      (i) => seen.push(i),
      (i) => {
        asked.push(i);
        return i === 1;
      }
    );
    expect(asked.sort()).toEqual([0, 1]);
    expect(seen).toEqual([1]);
  });

  it('replaces every position on rebuild and answers nothing when empty', () => {
    const index = new TechnicianIndex();
    expect(index.size).toBe(0);
    expect(index.within(shanghai, 1000)).toEqual([]);
    index.rebuild([{ id: 'a', location: beijing }]);
    expect(index.within(beijing, 1)).toEqual(['a']);
    index.rebuild([{ id: 'a', location: shanghai }]);
    expect(index.within(beijing, 1)).toEqual([]);
    expect(index.within(shanghai, 1)).toEqual(['a']);
  });

  it('answers exactly as the brute force around Chinese cities', () => {
    fc.assert(
      fc.property(
        pointsAround(shanghai, 4),
        cluster(shanghai, 3),
        fc.double({ min: 0, max: 600, noNaN: true }),
        (points, center, radiusKm) => {
          const index = new TechnicianIndex(points);
          expect(sorted(index.within(center, radiusKm))).toEqual(
            sorted(bruteForceWithin(points, center, radiusKm))
          );
        }
      ),
      { numRuns: 300 }
    );
  });

  it('answers exactly as the brute force for a fleet of thousands spread over China', () => {
    const points = fc
      .sample(cluster({ lng: 104, lat: 35 }, 15), { numRuns: 5000, seed: 7 })
      .map((location, i) => ({
        id: `t${i}`,
        location
      }));
    const index = new TechnicianIndex(points);
    fc.assert(
      fc.property(
        cluster({ lng: 104, lat: 35 }, 15),
        fc.double({ min: 0, max: 800, noNaN: true }),
        (center, radiusKm) => {
          expect(sorted(index.within(center, radiusKm))).toEqual(
            sorted(bruteForceWithin(points, center, radiusKm))
          );
        }
      ),
      { numRuns: 200 }
    );
  });

  it('answers exactly as the brute force near the poles, across the antimeridian and for huge radii', () => {
    const edgeCentres = fc.constantFrom(
      { lng: 179.9, lat: 10 },
      { lng: -179.9, lat: -20 },
      { lng: 0, lat: 89.5 },
      { lng: 45, lat: -89.9 },
      { lng: 100, lat: 70 }
    );
    fc.assert(
      fc.property(
        edgeCentres.chain((c) => fc.tuple(fc.constant(c), pointsAround(c, 30))),
        fc.double({ min: 0, max: 25_000, noNaN: true }),
        ([center, points], radiusKm) => {
          const index = new TechnicianIndex(points);
          expect(sorted(index.within(center, radiusKm))).toEqual(
            sorted(bruteForceWithin(points, center, radiusKm))
          );
        }
      ),
      { numRuns: 300 }
    );
  });

  it('visits the same points with a lower bound of each distance, short by no more than arc minus chord', () => {
    const centres = fc.oneof(
      cluster(shanghai, 3),
      fc.constantFrom({ lng: 179.9, lat: 10 }, { lng: 0, lat: 89.5 }, { lng: 45, lat: -89.9 })
    );
    fc.assert(
      fc.property(
        centres.chain((c) => fc.tuple(fc.constant(c), pointsAround(c, 5))),
        fc.oneof(
          fc.double({ min: 0, max: 800, noNaN: true }),
          fc.double({ min: 0, max: 25_000, noNaN: true })
        ),
        ([center, points], radiusKm) => {
          const index = new TechnicianIndex(points);
          const seen: string[] = [];
          index.forEachWithinLowerBound(center, radiusKm, (i, atLeastKm) => {
            const point = points[i];
            if (point === undefined) throw new Error(`no point ${i}`);
            seen.push(point.id);
            const km = haversineKm(center, point.location);
            expect(atLeastKm).toBeLessThanOrEqual(km);
            // R · (θ − 2 sin(θ/2)) ≤ R θ³ / 24: a few metres at 200 km.
            expect(km - atLeastKm).toBeLessThanOrEqual(km ** 3 / (24 * 6371 ** 2) + 1e-6);
          });
          expect(sorted(seen)).toEqual(sorted(bruteForceWithin(points, center, radiusKm)));
        }
      ),
      { numRuns: 500 }
    );
  });

  it('queries boxes that hold every point of the circle', () => {
    fc.assert(
      fc.property(
        anywhere,
        fc.double({ min: 0, max: 3000, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        (center, radiusKm, bearing) => {
          // The point at exactly radiusKm along `bearing` (spherical destination formula).
          const R = 6371.0088;
          const d = radiusKm / R;
          const φ1 = (center.lat * Math.PI) / 180;
          const λ1 = (center.lng * Math.PI) / 180;
          const φ2 = Math.asin(Math.sin(φ1) * Math.cos(d) + Math.cos(φ1) * Math.sin(d) * Math.cos(bearing));
          const λ2 =
            λ1 +
            Math.atan2(
              Math.sin(bearing) * Math.sin(d) * Math.cos(φ1),
              Math.cos(d) - Math.sin(φ1) * Math.sin(φ2)
            );
          const lat = (φ2 * 180) / Math.PI;
          const lng = (((((λ2 * 180) / Math.PI + 540) % 360) + 360) % 360) - 180;
          // At a pole every longitude is the same point: the formula's rounding may give any of them.
          const atPole = Math.abs(lat) > 90 - 1e-6;
          const inside = searchBoxes(center, radiusKm).some(
            ([w, s, e, n]) =>
              (atPole || (lng >= w - 1e-7 && lng <= e + 1e-7)) && lat >= s - 1e-7 && lat <= n + 1e-7
          );
          expect(inside).toBe(true);
        }
      ),
      { numRuns: 1000 }
    );
  });
});
