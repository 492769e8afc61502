import { area, bbox, featureCollection, intersect } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { chinaOutline } from '../../../geo/basemap';
import { CITIES, REGIONS } from '../../../geo/cities';
import { buildRegionPolygons, regionPolygons } from '../../../geo/regions';

const boxesMeet = (a: number[], b: number[]) =>
  (a[0] ?? 0) <= (b[2] ?? 0) &&
  (b[0] ?? 0) <= (a[2] ?? 0) &&
  (a[1] ?? 0) <= (b[3] ?? 0) &&
  (b[1] ?? 0) <= (a[3] ?? 0);

describe('the service regions', () => {
  it('are the seven regions in REGIONS order, with their Chinese and English names', () => {
    expect(regionPolygons().map((r) => r.properties)).toEqual(REGIONS.map((r) => ({ ...r })));
  });

  it('cover the China outline: their areas add up to the outline area within 0.5 %', () => {
    const total = regionPolygons().reduce((sum, r) => sum + area(r), 0);
    expect(Math.abs(total - area(chinaOutline())) / area(chinaOutline())).toBeLessThan(0.005);
  });

  it('do not overlap: no two regions share more than a square metre, which is floating-point noise', () => {
    const regions = regionPolygons();
    let overlap = 0;
    for (let i = 0; i < regions.length; i++) {
      for (let j = i + 1; j < regions.length; j++) {
        const a = regions[i];
        const b = regions[j];
        if (!a || !b || !boxesMeet(bbox(a), bbox(b))) continue;
        const both = intersect(featureCollection<Polygon | MultiPolygon>([a, b]));
        overlap += both ? area(both) : 0;
      }
    }
    expect(overlap).toBeLessThan(1); // m², against 9.4 million km² of outline
  });

  it('come out identical when built twice from the same input', () => {
    const again = buildRegionPolygons(chinaOutline(), CITIES);
    expect(JSON.stringify(again)).toBe(JSON.stringify(regionPolygons()));
  });

  it('leave out a region without cities and still cover the outline with the others', () => {
    const few = CITIES.filter((c) => ['beijing', 'chengdu', 'lasa', 'wulumuqi'].includes(c.id));
    const regions = buildRegionPolygons(chinaOutline(), few);
    expect(regions.map((r) => r.properties.id)).toEqual(['north', 'southwest', 'northwest']);
    const total = regions.reduce((sum, r) => sum + area(r), 0);
    expect(Math.abs(total - area(chinaOutline())) / area(chinaOutline())).toBeLessThan(0.005);
  });

  it('refuse two cities at the same position, which would leave a hole', () => {
    const [first] = CITIES;
    if (!first) throw new Error('no cities');
    expect(() => buildRegionPolygons(chinaOutline(), [first, { ...first, id: 'twin' }])).toThrow(
      /share the position/
    );
  });
});
