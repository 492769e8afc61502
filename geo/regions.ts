// Service regions: the Voronoi cells of the cities, merged per region and cut to the China outline.
// Every point of China thus belongs to the region of its nearest city (planar lng/lat distance), which is
// close to the provincial grouping as long as the city list has anchors near the provincial borders.
import { bbox as bboxOf, featureCollection, intersect, point, union, voronoi } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { chinaOutline } from './basemap';
import { CITIES, REGIONS, type City, type RegionId } from './cities';

export interface RegionProperties {
  id: RegionId;
  name: string;
  nameEn: string;
}
export type RegionFeature = Feature<Polygon | MultiPolygon, RegionProperties>;

/** Degrees added around the outline for the Voronoi frame, so that no cell edge runs along the border. */
const FRAME_MARGIN = 2;

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
    const key = `${c.lng},${c.lat}`;
    // d3-voronoi gives no cell to a repeated site, which would leave a hole in the cover.
    if (seen.has(key)) throw new Error(`two cities share the position ${key}`);
    seen.add(key);
  }
  const [w, s, e, n] = bboxOf(outline);
  const cells = voronoi(featureCollection(cities.map((c) => point([c.lng, c.lat]))), {
    bbox: [w - FRAME_MARGIN, s - FRAME_MARGIN, e + FRAME_MARGIN, n + FRAME_MARGIN]
  }).features;

  const regions: RegionFeature[] = [];
  for (const info of REGIONS) {
    const own = cells.filter((_, i) => cities[i]?.regionId === info.id);
    const first = own[0];
    if (!first) continue;
    const merged = own.length === 1 ? first : union(featureCollection(own));
    const clipped = merged && intersect(featureCollection<Polygon | MultiPolygon>([merged, outline]));
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
