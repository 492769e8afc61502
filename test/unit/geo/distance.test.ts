import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { haversineKm, moveToward } from '../../../geo/distance';

const beijing = { lng: 116.41, lat: 39.9 };
const shanghai = { lng: 121.47, lat: 31.23 };
const pointInChina = fc.record({
  lng: fc.double({ min: 73, max: 135, noNaN: true }),
  lat: fc.double({ min: 18, max: 54, noNaN: true })
});

describe('haversineKm', () => {
  it('measures Beijing to Shanghai as about 1,067 km and one degree of the equator as 111.2 km', () => {
    expect(haversineKm(beijing, shanghai)).toBeCloseTo(1066.7, 0);
    expect(haversineKm({ lng: 0, lat: 0 }, { lng: 1, lat: 0 })).toBeCloseTo(111.195, 2);
  });

  it('is zero from a point to itself and the same in both directions', () => {
    fc.assert(
      fc.property(pointInChina, pointInChina, (a, b) => {
        expect(haversineKm(a, a)).toBe(0);
        expect(haversineKm(a, b)).toBeCloseTo(haversineKm(b, a), 9);
      })
    );
  });
});

describe('moveToward', () => {
  it('returns the target itself when it is no farther than the step', () => {
    expect(moveToward(beijing, shanghai, 2000)).toEqual(shanghai);
    expect(moveToward(beijing, beijing, 5)).toEqual(beijing);
  });

  it('moves exactly the step along the great circle toward the target', () => {
    fc.assert(
      fc.property(
        pointInChina,
        pointInChina,
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        (a, b, share) => {
          const total = haversineKm(a, b);
          fc.pre(total > 0.01);
          const step = total * share;
          const p = moveToward(a, b, step);
          expect(haversineKm(a, p)).toBeCloseTo(step, 6);
          expect(haversineKm(p, b)).toBeCloseTo(total - step, 6);
        }
      )
    );
  });

  it('does not move for a zero, negative or NaN step, and always returns a new object', () => {
    for (const km of [0, -3, Number.NaN]) {
      const p = moveToward(beijing, shanghai, km);
      expect(p).toEqual(beijing);
      expect(p).not.toBe(beijing);
    }
  });
});
