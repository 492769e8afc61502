import type { Feature, Point, Position } from 'geojson';
import type { TechPosition, TechStatus } from '$realtime/events';
import type { BasemapCollection, RegionCollection } from '$realtime/contract';

export interface TechFeatureProperties {
  id: string;
  status: TechStatus;
}

/** The technician's dot; `id` is also the source's `promoteId`, so a later diff can replace it. */
export function techFeature(p: TechPosition): Feature<Point, TechFeatureProperties> {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [p.lng, p.lat] },
    properties: { id: p.id, status: p.status }
  };
}

export type Bounds = [west: number, south: number, east: number, north: number];

/** Mainland China and Hainan; used when the data gives no better extent. */
export const CHINA_BOUNDS: Bounds = [73.5, 18.0, 135.1, 53.6];

/** Extent of the service regions, else of the focus (China) basemap feature, else a fixed box. */
export function chinaBounds(regions: RegionCollection, basemap: BasemapCollection): Bounds {
  const fromRegions = bboxOf(regions.features.map((f) => f.geometry));
  if (fromRegions) return fromRegions;
  const fromFocus = bboxOf(basemap.features.filter((f) => f.properties?.focus).map((f) => f.geometry));
  return fromFocus ?? CHINA_BOUNDS;
}

export function bboxOf(
  geometries: ({ type: string; coordinates: unknown } | null | undefined)[]
): Bounds | null {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  const visit = (coords: unknown): void => {
    if (!Array.isArray(coords)) return;
    if (typeof coords[0] === 'number') {
      const [lng, lat] = coords as Position;
      if (lng === undefined || lat === undefined) return;
      west = Math.min(west, lng);
      east = Math.max(east, lng);
      south = Math.min(south, lat);
      north = Math.max(north, lat);
      return;
    }
    for (const c of coords) visit(c);
  };
  for (const g of geometries) if (g) visit(g.coordinates);
  return west <= east && south <= north ? [west, south, east, north] : null;
}

/** The technician whose dot is closest to `at` (screen pixels), within `radius`; null when none is. */
export function nearestTechnician(
  dots: readonly { id: string; point: { x: number; y: number } }[],
  at: { x: number; y: number },
  radius: number
): string | null {
  let best: string | null = null;
  let bestD = radius * radius;
  for (const dot of dots) {
    const d = (dot.point.x - at.x) ** 2 + (dot.point.y - at.y) ** 2;
    if (d <= bestD) {
      bestD = d;
      best = dot.id;
    }
  }
  return best;
}
