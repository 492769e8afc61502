// The heatmaps' vocabulary and the little arithmetic they share. Pure: the weights come from whoever
// measures a layer (orders, SLA clocks, settlements); this decides how they add up and where they sit.

export const HEATMAP_LAYERS = ['demand', 'sla_risk', 'revenue'] as const;
export type HeatmapLayerId = (typeof HEATMAP_LAYERS)[number];

/** How deep the manager has drilled: the whole country, one region, or one city of a region. */
export type HeatmapLevel =
  | { type: 'nation' }
  | { type: 'region'; regionId: string }
  | { type: 'city'; regionId: string; cityId: string };

/** Half-open: `from` ≤ t < `to`. */
export interface Period {
  from: Date;
  to: Date;
}

export interface CityWeight {
  regionId: string;
  cityId: string;
  weight: number;
}

/**
 * Region totals as the sum of their cities' weights, so that the two levels of the map can never
 * disagree. Every region asked for is present, with 0 when none of its cities weigh anything.
 */
export function sumByRegion(
  cities: readonly CityWeight[],
  regionIds: readonly string[]
): Map<string, number> {
  const totals = new Map(regionIds.map((id) => [id, 0]));
  for (const c of cities) {
    const total = totals.get(c.regionId);
    if (total !== undefined) totals.set(c.regionId, total + c.weight);
  }
  return totals;
}

/**
 * Hot spots are the cells of a fixed lng/lat grid: about 11 km at 0.1°, a few districts of a city,
 * fine enough to show where inside a region the demand sits, coarse enough to name no address.
 */
export const HOTSPOT_CELL_DEG = 0.1;

/** The centre of grid cell (`gx`, `gy`), the cell holding lng ∈ [gx·size, (gx+1)·size). */
export function cellCentre(gx: number, gy: number, size = HOTSPOT_CELL_DEG): { lng: number; lat: number } {
  return { lng: round6((gx + 0.5) * size), lat: round6((gy + 0.5) * size) };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Without `from`/`to`: the last 24 hours. At most a year, which is what the dashboards keep at hand. */
export const DEFAULT_PERIOD_MS = 24 * 3_600_000;
export const MAX_PERIOD_MS = 366 * 24 * 3_600_000;

export type PeriodDecision =
  { type: 'period'; period: Period } | { type: 'invalid'; field: 'from' | 'to'; message: string };

/** The period asked for, with the defaults filled in: it ends `now` unless `to` says otherwise. */
export function resolvePeriod(from: Date | undefined, to: Date | undefined, now: Date): PeriodDecision {
  const end = to ?? now;
  const start = from ?? new Date(end.getTime() - DEFAULT_PERIOD_MS);
  if (start.getTime() >= end.getTime())
    return { type: 'invalid', field: 'from', message: 'must be before to' };
  if (end.getTime() - start.getTime() > MAX_PERIOD_MS)
    return { type: 'invalid', field: 'from', message: 'the period is longer than 366 days' };
  return { type: 'period', period: { from: start, to: end } };
}
