// Which city a point belongs to: the nearest city centre of the point's own region. Regions are the
// Voronoi cells of their cities in plain lng/lat (regions.ts), so the same plain distance is used here,
// and a point near a border still goes to a city of the region it was placed in.
import Flatbush from 'flatbush';

export interface CityPoint {
  id: string;
  regionId: string;
  lng: number;
  lat: number;
}

/** A flatbush R-tree of the city centres, searched nearest first with a region filter. */
export class CityIndex {
  readonly #cities: readonly CityPoint[];
  readonly #tree: Flatbush | null;

  constructor(cities: readonly CityPoint[]) {
    this.#cities = cities;
    if (cities.length === 0) {
      this.#tree = null;
      return;
    }
    const tree = new Flatbush(cities.length);
    for (const c of cities) tree.add(c.lng, c.lat, c.lng, c.lat);
    tree.finish();
    this.#tree = tree;
  }

  /** The id of the nearest city of `regionId`, or null when the region has no city. */
  nearest(lng: number, lat: number, regionId: string): string | null {
    const [i] =
      this.#tree?.neighbors(lng, lat, 1, Infinity, (j) => this.#cities[j]?.regionId === regionId) ?? [];
    return i === undefined ? null : (this.#cities[i]?.id ?? null);
  }
}

/** The reference `CityIndex` is tested against: every city of the region, measured one by one. */
export function bruteForceNearestCity(
  cities: readonly CityPoint[],
  lng: number,
  lat: number,
  regionId: string
): string | null {
  let best: CityPoint | null = null;
  let bestD = Infinity;
  for (const c of cities) {
    if (c.regionId !== regionId) continue;
    const d = (c.lng - lng) ** 2 + (c.lat - lat) ** 2;
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best?.id ?? null;
}
