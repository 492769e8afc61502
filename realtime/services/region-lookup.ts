// Which stored region a point falls in: the index over the regions' polygons as the database holds them
// (intake places every order with it).
import type { RegionRow } from '../../db';
import { RegionIndex } from '../../geo/region-index';

export function regionIndexOf(rows: readonly RegionRow[]): RegionIndex {
  return new RegionIndex(
    rows.map((r) => ({
      type: 'Feature' as const,
      properties: { id: r.id, name: r.name, nameEn: r.nameEn },
      geometry: r.geometry
    }))
  );
}
