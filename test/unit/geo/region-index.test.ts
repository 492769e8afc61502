import { bbox, bboxPolygon, featureCollection } from '@turf/turf';
import fc from 'fast-check';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { CITIES, REGIONS } from '../../../geo/cities';
import { RegionIndex, bruteForceLookup, regionIndex, type RegionPolygon } from '../../../geo/region-index';
import { regionPolygons } from '../../../geo/regions';

const polygons = regionPolygons();
const index = regionIndex();
// The regions' extent, with a margin so that the property test also runs past the edges.
const [west, south, east, north] = [71, 16, 137, 56];

function vertices(p: RegionPolygon): Position[] {
  const g = p.geometry;
  return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat(2);
}

describe('RegionIndex.lookup', () => {
  it('puts every city in its own region', () => {
    const wrong = CITIES.filter((c) => index.lookup(c.lng, c.lat) !== c.regionId).map((c) => c.id);
    expect(wrong).toEqual([]);
  });

  it('returns null outside China: the Pacific, Ulaanbaatar, Taipei, Seoul, Hong Kong', () => {
    expect(index.lookup(150, 30)).toBeNull();
    expect(index.lookup(125, 25)).toBeNull(); // East China Sea, inside the bounding box
    expect(index.lookup(106.9, 47.9)).toBeNull();
    expect(index.lookup(121.56, 25.04)).toBeNull();
    expect(index.lookup(126.98, 37.57)).toBeNull();
    expect(index.lookup(114.17, 22.32)).toBeNull(); // a separate feature in Natural Earth, see geo/README.md
  });

  it('returns null for NaN and infinite coordinates', () => {
    expect(index.lookup(Number.NaN, 30)).toBeNull();
    expect(index.lookup(116, Number.NaN)).toBeNull();
    expect(index.lookup(Number.POSITIVE_INFINITY, 30)).toBeNull();
  });

  it('resolves a vertex shared by two regions to the one that comes first in REGIONS order', () => {
    // Which regions have each vertex; a vertex on exactly two of them lies on their shared border.
    const owners = new Map<string, { at: Position; ids: string[] }>();
    for (const p of polygons) {
      for (const v of vertices(p)) {
        const entry = owners.get(`${v[0]},${v[1]}`) ?? { at: v, ids: [] };
        if (!entry.ids.includes(p.properties.id)) entry.ids.push(p.properties.id);
        owners.set(`${v[0]},${v[1]}`, entry);
      }
    }
    const rank = (id: string) => REGIONS.findIndex((r) => r.id === id);
    const borders = new Map<string, Position>();
    const junctions: { at: Position; ids: string[] }[] = [];
    for (const entry of owners.values()) {
      const ids = entry.ids.sort((a, b) => rank(a) - rank(b));
      if (ids.length === 2) borders.set(ids.join('/'), entry.at);
      if (ids.length > 2) junctions.push(entry);
    }
    expect(borders.size).toBeGreaterThanOrEqual(10); // the seven regions share at least ten borders
    for (const [pair, [lng = NaN, lat = NaN]] of borders) {
      const first = pair.split('/')[0];
      expect(index.lookup(lng, lat), pair).toBe(first);
      expect(bruteForceLookup(polygons, lng, lat), pair).toBe(first);
    }
    // Where three regions meet, the first of the three wins.
    expect(junctions.length).toBeGreaterThan(0);
    for (const { at, ids } of junctions)
      expect(index.lookup(at[0] ?? NaN, at[1] ?? NaN), ids.join('/')).toBe(ids[0]);
  });

  it('agrees with the brute-force lookup for 5,000 random points in and around the bounding box', () => {
    fc.assert(
      fc.property(
        fc.double({ min: west, max: east, noNaN: true }),
        fc.double({ min: south, max: north, noNaN: true }),
        (lng, lat) => index.lookup(lng, lat) === bruteForceLookup(polygons, lng, lat)
      ),
      { numRuns: 5000, seed: 20261123 }
    );
  });

  it('agrees with the brute-force lookup on vertices, level with vertices and on grid lines', () => {
    const corners = polygons.flatMap(vertices);
    const onVertex = fc.constantFrom(...corners).map(([lng = NaN, lat = NaN]) => [lng, lat] as const);
    // A ray cast from a point level with a vertex passes through that vertex: the classic degenerate case.
    const levelWithVertex = fc
      .tuple(fc.constantFrom(...corners), fc.double({ min: west, max: east, noNaN: true }))
      .map(([[, lat = NaN], lng]) => [lng, lat] as const);
    // The index's grid starts at the south-west corner of the polygons, in steps of the default 0.25°.
    const [minX = 0, minY = 0, maxX = 0, maxY = 0] = bbox(featureCollection(polygons));
    const step = 0.25;
    const onGridLine = fc.oneof(
      fc
        .tuple(
          fc.integer({ min: 0, max: Math.ceil((maxX - minX) / step) }),
          fc.double({ min: minY, max: maxY, noNaN: true })
        )
        .map(([k, lat]) => [minX + k * step, lat] as const),
      fc
        .tuple(
          fc.double({ min: minX, max: maxX, noNaN: true }),
          fc.integer({ min: 0, max: Math.ceil((maxY - minY) / step) })
        )
        .map(([lng, k]) => [lng, minY + k * step] as const)
    );
    fc.assert(
      fc.property(fc.oneof(onVertex, levelWithVertex, onGridLine), ([lng, lat]) => {
        return index.lookup(lng, lat) === bruteForceLookup(polygons, lng, lat);
      }),
      { numRuns: 3000, seed: 7 }
    );
  });

  it('answers most of the grid from pure cells, without a point-in-polygon test', () => {
    expect(index.stats.regions).toBe(REGIONS.length);
    expect(index.stats.pureCells / index.stats.cells).toBeGreaterThan(0.8);
  });
});

describe('RegionIndex with other polygons', () => {
  const square = (id: string, w: number, s: number): RegionPolygon => ({
    ...bboxPolygon([w, s, w + 1, s + 1]),
    properties: { id }
  });

  it('breaks ties by REGIONS order whatever the input order, and puts unknown ids last in input order', () => {
    const west1 = square('zeta', 0, 0);
    const east1 = square('alpha', 1, 0);
    const east2 = square('south', 1, 0.5);
    for (const input of [
      [west1, east1, east2],
      [east2, east1, west1]
    ]) {
      const idx = new RegionIndex(input);
      expect(idx.lookup(1, 0.25)).toBe(bruteForceLookup(input, 1, 0.25));
      expect(idx.lookup(1.5, 0.75)).toBe('south'); // overlapping: the known region wins
    }
    expect(new RegionIndex([west1, east1]).lookup(1, 0.25)).toBe('zeta');
    expect(new RegionIndex([east1, west1]).lookup(1, 0.25)).toBe('alpha');
  });

  it('answers null everywhere when it holds no polygons', () => {
    const empty = new RegionIndex([]);
    expect(empty.lookup(116, 40)).toBeNull();
    expect(empty.stats.cells).toBe(0);
  });

  it('gives the same answers with coarse and fine grid cells', () => {
    const coarse = new RegionIndex(polygons, { cellDeg: 2 });
    const fine = new RegionIndex(polygons, { cellDeg: 0.1 });
    fc.assert(
      fc.property(
        fc.double({ min: west, max: east, noNaN: true }),
        fc.double({ min: south, max: north, noNaN: true }),
        (lng, lat) => coarse.lookup(lng, lat) === fine.lookup(lng, lat)
      ),
      { numRuns: 2000, seed: 3 }
    );
  });
});
