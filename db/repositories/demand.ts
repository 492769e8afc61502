// Demand as the heatmaps count it: orders still open, plus orders that came in during the period (an
// order that is both counts once). Grouped in the database, so a year of history never leaves it.
import { and, asc, desc, eq, gte, inArray, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { workOrders } from '../schema';
import type { Executor } from '../client';

export interface DemandFilter {
  regionIds: readonly string[];
  /** Statuses in which an order no longer counts as open (the domain's finished statuses). */
  finishedStatuses: readonly string[];
  from: Date;
  to: Date;
}

function demandWhere(f: DemandFilter, ...more: SQL[]): SQL | undefined {
  return and(
    inArray(workOrders.regionId, [...f.regionIds]),
    or(
      notInArray(workOrders.status, [...f.finishedStatuses]),
      and(gte(workOrders.createdAt, f.from), lt(workOrders.createdAt, f.to))
    ),
    ...more
  );
}

export async function demandByCity(
  db: Executor,
  f: DemandFilter
): Promise<{ regionId: string; cityId: string; weight: number }[]> {
  return db
    .select({ regionId: workOrders.regionId, cityId: workOrders.cityId, weight: sql<number>`count(*)::int` })
    .from(workOrders)
    .where(demandWhere(f))
    .groupBy(workOrders.regionId, workOrders.cityId)
    .orderBy(asc(workOrders.regionId), asc(workOrders.cityId));
}

/** Demand per cell of a `cellDeg` grid: cell (gx, gy) holds lng ∈ [gx·cellDeg, (gx+1)·cellDeg). */
export async function demandByGridCell(
  db: Executor,
  f: DemandFilter,
  cellDeg: number
): Promise<{ gx: number; gy: number; weight: number }[]> {
  // A literal, not a parameter: the grouped expressions must be the selected ones to the letter, and two
  // parameters ($1, $2) holding the same size are not the same expression to Postgres.
  if (!(Number.isFinite(cellDeg) && cellDeg > 0)) throw new Error(`bad grid cell size ${cellDeg}`);
  const size = sql.raw(String(cellDeg));
  const gx = sql<number>`floor(${workOrders.lng} / ${size})::int`;
  const gy = sql<number>`floor(${workOrders.lat} / ${size})::int`;
  return db
    .select({ gx, gy, weight: sql<number>`count(*)::int` })
    .from(workOrders)
    .where(demandWhere(f))
    .groupBy(gx, gy)
    .orderBy(gx, gy);
}

export interface DemandOrderRow {
  id: string;
  status: string;
  priority: string;
  serviceType: string;
  lng: number;
  lat: number;
  createdAt: Date;
}

/** What a heatmap may show of an order: no customer column is among them. */
export const HEAT_ORDER_COLUMNS = {
  id: workOrders.id,
  status: workOrders.status,
  priority: workOrders.priority,
  serviceType: workOrders.serviceType,
  lng: workOrders.lng,
  lat: workOrders.lat,
  createdAt: workOrders.createdAt
};

/** One city's orders that count as demand, newest first; no customer columns are read at all. */
export async function demandOrdersOfCity(
  db: Executor,
  f: DemandFilter,
  cityId: string,
  limit: number
): Promise<DemandOrderRow[]> {
  return db
    .select(HEAT_ORDER_COLUMNS)
    .from(workOrders)
    .where(demandWhere(f, eq(workOrders.cityId, cityId)))
    .orderBy(desc(workOrders.createdAt), desc(workOrders.id))
    .limit(limit);
}
