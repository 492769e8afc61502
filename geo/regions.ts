// Service regions: the Voronoi cells of the cities, merged per region and cut to the China outline.
// Every point of China thus belongs to the region of its nearest city (planar lng/lat distance), which is
// close to the provincial grouping as long as the city list has anchors near the provincial borders.
import {
  bbox as bboxOf,
  booleanPointInPolygon,
  featureCollection,
  intersect,
  multiPolygon,
  point,
  voronoi
} from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { chinaOutline, clipToBox } from './basemap';
import { CITIES, REGIONS, type City, type RegionId } from './cities';

export interface RegionProperties {
  id: RegionId;
  name: string;
  nameEn: string;
}
export type RegionFeature = Feature<Polygon | MultiPolygon, RegionProperties>;

/** Degrees added around the outline for the Voronoi frame, so that no cell edge runs along the border. */
const FRAME_MARGIN = 2;
/** Degrees added around a region's box before pre-clipping the outline to it (see `outlineNear`). */
const CLIP_MARGIN = 0.05;

const key = (p: Position): string => `${p[0]},${p[1]}`;

function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1 = 0, y1 = 0] = ring[i] ?? [];
    const [x2 = 0, y2 = 0] = ring[i + 1] ?? [];
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

/**
 * Union of Voronoi cells by cancelling the edges that two cells share. d3-voronoi gives neighbouring cells
 * the very same vertex values and one winding, so this is exact, and much faster than a general polygon
 * union (which took about half of the build time).
 */
function mergeCells(rings: Position[][]): Position[][][] {
  const edges = new Map<string, [Position, Position]>();
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const a = ring[i];
      const b = ring[i + 1];
      if (!a || !b) continue;
      const reverse = `${key(b)}>${key(a)}`;
      if (edges.has(reverse)) edges.delete(reverse);
      else edges.set(`${key(a)}>${key(b)}`, [a, b]);
    }
  }
  const outgoing = new Map<string, { from: Position; to: Position[] }>();
  for (const [a, b] of edges.values()) {
    const entry = outgoing.get(key(a));
    if (entry) entry.to.push(b);
    else outgoing.set(key(a), { from: a, to: [b] });
  }
  // Every vertex keeps as many edges in as out, so each walk comes back to its start. A vertex shared by
  // two boundary loops has two edges out; either choice closes valid rings.
  const chained: Position[][] = [];
  for (const [startKey, { from, to }] of outgoing) {
    while (to.length > 0) {
      const ring = [from];
      let at = startKey;
      do {
        const next = outgoing.get(at)?.to.pop();
        if (!next) throw new Error('Voronoi cells with unbalanced edges');
        ring.push(next);
        at = key(next);
      } while (at !== startKey);
      chained.push(ring);
    }
  }
  const winding = Math.sign(signedArea(rings[0] ?? []));
  const outers = chained.filter((r) => Math.sign(signedArea(r)) === winding).map((r) => [r]);
  for (const hole of chained.filter((r) => Math.sign(signedArea(r)) !== winding)) {
    const inside = outers.find((p) =>
      booleanPointInPolygon(hole[0] ?? [], { type: 'Polygon', coordinates: p })
    );
    inside?.push(hole);
  }
  return outers;
}

/**
 * The outline cut to a box around `region`. Polygon intersection costs grow with the outline's 2,600
 * vertices, and a rectangle clip first more than halves that time. Its zero-width seams along the box lie
 * outside the region and vanish in the intersection.
 */
function outlineNear(outline: Feature<Polygon | MultiPolygon>, region: Feature<MultiPolygon>) {
  const [w, s, e, n] = bboxOf(region);
  const parts = clipToBox(outline.geometry, [
    w - CLIP_MARGIN,
    s - CLIP_MARGIN,
    e + CLIP_MARGIN,
    n + CLIP_MARGIN
  ]);
  return parts.length > 0 ? multiPolygon(parts) : null;
}

/**
 * One feature per region that has at least one city, in REGIONS order. Together they cover `outline`
 * without overlap (up to floating-point noise at the shared edges). Deterministic for a given input.
 */
export function buildRegionPolygons(
  outline: Feature<Polygon | MultiPolygon>,
  cities: readonly City[]
): RegionFeature[] {
  const seen = new Set<string>();
  for (const c of cities) {
    const at = `${c.lng},${c.lat}`;
    // d3-voronoi gives no cell to a repeated site, which would leave a hole in the cover.
    if (seen.has(at)) throw new Error(`two cities share the position ${at}`);
    seen.add(at);
  }
  const [w, s, e, n] = bboxOf(outline);
  const cells = voronoi(featureCollection(cities.map((c) => point([c.lng, c.lat]))), {
    bbox: [w - FRAME_MARGIN, s - FRAME_MARGIN, e + FRAME_MARGIN, n + FRAME_MARGIN]
  }).features;

  const regions: RegionFeature[] = [];
  for (const info of REGIONS) {
    const rings = cells.flatMap((cell, i) =>
      cities[i]?.regionId === info.id ? cell.geometry.coordinates : []
    );
    if (rings.length === 0) continue;
    const merged = multiPolygon(mergeCells(rings));
    const near = outlineNear(outline, merged);
    const clipped = near && intersect(featureCollection<Polygon | MultiPolygon>([merged, near]));
    if (!clipped) continue;
    regions.push({
      type: 'Feature',
      properties: { id: info.id, name: info.name, nameEn: info.nameEn },
      geometry: clipped.geometry
    });
  }
  return regions;
}

let cached: RegionFeature[] | undefined;

/** The seven regions built from the bundled outline and city list, computed once. */
export function regionPolygons(): RegionFeature[] {
  cached ??= buildRegionPolygons(chinaOutline(), CITIES);
  return cached;
}
