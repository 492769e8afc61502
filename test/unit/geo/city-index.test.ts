import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CITIES, REGIONS } from '../../../geo/cities';
import { bruteForceNearestCity, CityIndex } from '../../../geo/city-index';

describe('the city index', () => {
  const index = new CityIndex(CITIES);

  it('puts every city centre in its own city', () => {
    for (const c of CITIES) expect(index.nearest(c.lng, c.lat, c.regionId), c.id).toBe(c.id);
  });

  it('answers what measuring every city of the region answers, for any point and region', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 73, max: 135, noNaN: true }),
        fc.double({ min: 18, max: 54, noNaN: true }),
        fc.constantFrom(...REGIONS.map((r) => r.id)),
        (lng, lat, regionId) => {
          expect(index.nearest(lng, lat, regionId)).toBe(bruteForceNearestCity(CITIES, lng, lat, regionId));
        }
      ),
      { numRuns: 2000 }
    );
  });

  it('keeps a point in a city of the region it was given, even when a city of another region is nearer', () => {
    // Suzhou (east) is the nearest city of all, but the order was placed in central.
    const city = CITIES.find((c) => c.id === index.nearest(120.6, 31.3, 'central'));
    expect(city?.regionId).toBe('central');
  });

  it('answers null for a region without cities', () => {
    expect(index.nearest(121, 31, 'atlantis')).toBeNull();
    expect(new CityIndex([]).nearest(121, 31, 'east')).toBeNull();
  });
});
