// The revenue heatmap's region and city levels over a year of history: hot spots from the cell rollup
// (`revenue_cells`, whole UTC months, days and hours) and the ragged rest from the settlements; a city's
// largest orders from the top of `revenue_orders`' index. The nation level is profit's `revenueByCity`.
import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { HOTSPOT_CELL_DEG } from '../../dispatcher/insights/heatmap';
import type { Executor } from '../client';
import { revenueOrders, settlements, workOrders } from '../schema';
import { HEAT_ORDER_COLUMNS, type DemandOrderRow } from './demand';
import { piecesOf, type ProfitOptions } from './profit';
import { frozenIn, type ProfitFilter } from './profit-sql';
import { rowsOf, unionAll, wholeBuckets } from './range-sql';

type RevenueFilter = Omit<ProfitFilter, 'timeZone'>;

/**
 * Revenue of frozen settlements per cell of a `cellDeg` grid over the orders' places (hot spots). The
 * rollup holds the HOTSPOT_CELL_DEG grid; any other size is read from the settlements.
 */
export async function revenueByGridCell(
  db: Executor,
  f: RevenueFilter,
  cellDeg: number,
  options: ProfitOptions = { useRollup: true }
): Promise<{ gx: number; gy: number; weight: number }[]> {
  if (!(Number.isFinite(cellDeg) && cellDeg > 0)) throw new Error(`bad grid cell size ${cellDeg}`);
  if (f.regionIds.length === 0) return [];
  const p = piecesOf(f, ['month', 'day', 'hour'], {
    useRollup: options.useRollup && cellDeg === HOTSPOT_CELL_DEG
  });
  const size = sql.raw(String(cellDeg));
  const rolled = (grain: 'month' | 'day' | 'hour') =>
    p[grain].length === 0
      ? null
      : sql`select gx, gy, orders, revenue from revenue_cells
        where ${wholeBuckets(grain, f.regionIds, p[grain])}`;
  const source = unionAll([
    rolled('month'),
    rolled('day'),
    rolled('hour'),
    p.raw.length === 0
      ? null
      : sql`select floor(w.lng / ${size})::int as gx, floor(w.lat / ${size})::int as gy, 1 as orders, s.total as revenue
        from settlements s join work_orders w on w.id = s.order_id where ${frozenIn(f, p.raw)}`
  ]);
  if (!source) return [];
  // A cell whose orders were all voided again has none left, as straight over the settlements.
  const result = await db.execute(sql`
    select gx, gy, sum(revenue)::float8 as weight from (${source}) src
    group by 1, 2 having sum(orders) <> 0 order by 1, 2`);
  return rowsOf<{ gx: number; gy: number; weight: number }>(result).map((r) => ({
    gx: Number(r.gx),
    gy: Number(r.gy),
    weight: Number(r.weight)
  }));
}

/**
 * One city's completed orders of the filter with their revenue, largest first; no customer columns.
 * Postgres walks `revenue_orders_city_top_idx` from the largest total and stops after `limit` in the
 * period, or for a short period sorts the few the city froze in it (`revenue_orders_city_frozen_idx`).
 * The baseline joins every frozen settlement of the period to its order to find the city's.
 */
export async function revenueOrdersOfCity(
  db: Executor,
  f: RevenueFilter,
  cityId: string,
  limit: number,
  options: ProfitOptions = { useRollup: true }
): Promise<(DemandOrderRow & { weight: number })[]> {
  const from = options.useRollup ? revenueOrders : settlements;
  return db
    .select({ ...HEAT_ORDER_COLUMNS, weight: from.total })
    .from(from)
    .innerJoin(workOrders, eq(workOrders.id, from.orderId))
    .where(
      and(
        options.useRollup ? eq(revenueOrders.cityId, cityId) : eq(workOrders.cityId, cityId),
        options.useRollup ? undefined : eq(settlements.status, 'frozen'),
        inArray(from.regionId, [...f.regionIds]),
        gte(from.frozenAt, f.from),
        lt(from.frozenAt, f.to)
      )
    )
    .orderBy(desc(from.total), desc(from.orderId))
    .limit(limit);
}
