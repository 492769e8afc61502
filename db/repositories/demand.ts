// Demand as the heatmaps count it: orders still open, plus orders that came in during the period (an
// order that is both counts once). Grouped in the database, so a year of history never leaves it.
//
// With the rollup (the default), demand = orders created in [from, to) + open orders created outside it.
// The first half is read per piece of the period (dispatcher/insights/period-pieces.ts): whole UTC months,
// days and hours from the rollup of created orders (created-orders.ts), the ragged rest from work_orders by
// (region_id, created_at); the second half from the partial index of open orders. `useRollup: false` is
// the straight count over work_orders: the baseline the rollup must equal.
import { and, asc, desc, eq, gte, inArray, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { periodPieces, type Grain, type Range } from '../../dispatcher/insights/period-pieces';
import { createdOrdersCell, createdOrdersCity, workOrders } from '../schema';
import type { Executor } from '../client';
import { ROLLUP_CELL_DEG } from './created-orders';
import { wholeBuckets } from './range-sql';

export interface DemandFilter {
  regionIds: readonly string[];
  /** Statuses in which an order no longer counts as open (the domain's finished statuses). */
  finishedStatuses: readonly string[];
  from: Date;
  to: Date;
}

export interface DemandOptions {
  useRollup: boolean;
}

const ROLLUP: DemandOptions = { useRollup: true };

const createdIn = (r: Range) => and(gte(workOrders.createdAt, r.from), lt(workOrders.createdAt, r.to));

/** The straight count's condition: open, or created in the period. */
function demandWhere(f: DemandFilter, ...more: SQL[]): SQL | undefined {
  return and(
    inArray(workOrders.regionId, [...f.regionIds]),
    or(notInArray(workOrders.status, [...f.finishedStatuses]), createdIn(f)),
    ...more
  );
}

/** Open orders of the filter's regions that came in outside its period (the partial index's rows). */
const openOutside = (f: DemandFilter) =>
  and(
    inArray(workOrders.regionId, [...f.regionIds]),
    notInArray(workOrders.status, [...f.finishedStatuses]),
    or(lt(workOrders.createdAt, f.from), gte(workOrders.createdAt, f.to))
  );

/**
 * Demand as rows of (key…, n) to be summed: `rolled(grain, range)` selects a rollup's whole buckets,
 * `counted(where)` the orders themselves (each n = 1), for the ragged pieces and the open orders.
 */
function demandPieces(
  f: DemandFilter,
  grains: readonly Grain[],
  rolled: (grain: Grain, r: Range) => SQL,
  counted: (where: SQL | undefined) => SQL
): SQL {
  const pieces = periodPieces(f.from, f.to, { grains });
  const parts = [
    ...grains.flatMap((g) => pieces[g].map((r) => rolled(g, r))),
    ...pieces.raw.map((r) => counted(and(inArray(workOrders.regionId, [...f.regionIds]), createdIn(r)))),
    counted(openOutside(f))
  ];
  return sql.join(parts, sql` union all `);
}

/**
 * The rows of a raw query (both drivers answer them under `rows`), planned without parallel workers: the
 * pieces read a few thousand rows, and starting workers took 20–60 ms on a busy 2-core machine, several
 * times the query itself.
 */
async function rowsOf<T>(db: Executor, query: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
    return ((await tx.execute(query)) as unknown as { rows: T[] }).rows;
  });
}

export async function demandByCity(
  db: Executor,
  f: DemandFilter,
  options: DemandOptions = ROLLUP
): Promise<{ regionId: string; cityId: string; weight: number }[]> {
  if (options.useRollup) {
    if (f.regionIds.length === 0) return [];
    const t = createdOrdersCity;
    const w = workOrders;
    const src = demandPieces(
      f,
      ['month', 'day', 'hour'],
      (g, r) =>
        sql`select ${t.regionId}, ${t.cityId}, ${t.orders} as n from ${t} where ${wholeBuckets(g, f.regionIds, [r])}`,
      (where) => sql`select ${w.regionId}, ${w.cityId}, 1 as n from ${w} where ${where}`
    );
    return rowsOf(
      db,
      sql`select region_id as "regionId", city_id as "cityId", sum(n)::int as weight from (${src}) src
        group by 1, 2 having sum(n) <> 0 order by 1, 2`
    );
  }
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
  cellDeg: number,
  options: DemandOptions = ROLLUP
): Promise<{ gx: number; gy: number; weight: number }[]> {
  // A literal, not a parameter: the grouped expressions must be the selected ones to the letter, and two
  // parameters ($1, $2) holding the same size are not the same expression to Postgres.
  if (!(Number.isFinite(cellDeg) && cellDeg > 0)) throw new Error(`bad grid cell size ${cellDeg}`);
  const size = sql.raw(String(cellDeg));
  const gx = sql<number>`floor(${workOrders.lng} / ${size})::int`;
  const gy = sql<number>`floor(${workOrders.lat} / ${size})::int`;
  // The rollup is kept at one grid only; any other size is counted straight.
  if (options.useRollup && cellDeg === ROLLUP_CELL_DEG) {
    if (f.regionIds.length === 0) return [];
    const t = createdOrdersCell;
    const src = demandPieces(
      f,
      ['month', 'day'],
      (g, r) =>
        sql`select ${t.gx}, ${t.gy}, ${t.orders} as n from ${t} where ${wholeBuckets(g, f.regionIds, [r])}`,
      (where) => sql`select ${gx} as gx, ${gy} as gy, 1 as n from ${workOrders} where ${where}`
    );
    return rowsOf(
      db,
      sql`select gx, gy, sum(n)::int as weight from (${src}) src group by 1, 2 having sum(n) <> 0 order by 1, 2`
    );
  }
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

const newestFirst = (a: DemandOrderRow, b: DemandOrderRow) =>
  b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * One city's orders that count as demand, newest first; no customer columns are read at all. With the
 * rollup's split, the newest `limit` created in the period (read backwards along (city_id, created_at)) and
 * the newest `limit` open ones from outside it, merged: neither reads more than it returns.
 */
export async function demandOrdersOfCity(
  db: Executor,
  f: DemandFilter,
  cityId: string,
  limit: number,
  options: DemandOptions = ROLLUP
): Promise<DemandOrderRow[]> {
  const newest = (where: SQL | undefined) =>
    db
      .select(HEAT_ORDER_COLUMNS)
      .from(workOrders)
      .where(where)
      .orderBy(desc(workOrders.createdAt), desc(workOrders.id))
      .limit(limit);
  if (!options.useRollup) return newest(demandWhere(f, eq(workOrders.cityId, cityId)));
  const city = eq(workOrders.cityId, cityId);
  const [inPeriod, open] = await Promise.all([
    newest(and(city, inArray(workOrders.regionId, [...f.regionIds]), createdIn(f))),
    newest(and(city, openOutside(f)))
  ]);
  return [...inPeriod, ...open].sort(newestFirst).slice(0, limit);
}
