import { describe, expect, it } from 'vitest';
import type { FeatureCollection, Polygon } from 'geojson';
import { sameFeatures } from './heat-features';

const point = (lng: number, share: number) => ({
  type: 'Feature' as const,
  geometry: { type: 'Point' as const, coordinates: [lng, 31] },
  properties: { share }
});
const points = (...features: ReturnType<typeof point>[]): FeatureCollection => ({
  type: 'FeatureCollection',
  features
});
const outline: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [115, 24],
      [123, 24],
      [123, 38],
      [115, 24]
    ]
  ]
};
const region = (geometry: Polygon, share: number): FeatureCollection => ({
  type: 'FeatureCollection',
  features: [{ type: 'Feature', geometry, properties: { id: 'east', share } }]
});

describe('sameFeatures', () => {
  it('finds a refresh that changed nothing the same, though every object is new', () => {
    expect(sameFeatures(points(point(121, 1), point(116, 0.5)), points(point(121, 1), point(116, 0.5)))).toBe(
      true
    );
    expect(sameFeatures(region(outline, 0.4), region(outline, 0.4))).toBe(true);
  });

  it('tells a moved point, a new share or one feature more apart', () => {
    expect(sameFeatures(points(point(121, 1)), points(point(122, 1)))).toBe(false);
    expect(sameFeatures(points(point(121, 1)), points(point(121, 0.9)))).toBe(false);
    expect(sameFeatures(points(point(121, 1)), points(point(121, 1), point(116, 1)))).toBe(false);
    expect(sameFeatures(region(outline, 0.4), region(outline, 0.5))).toBe(false);
  });

  it('takes another outline object for another outline', () => {
    expect(sameFeatures(region(outline, 0.4), region({ ...outline }, 0.4))).toBe(false);
  });
});
