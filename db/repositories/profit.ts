// Profit and revenue of completed orders, grouped in the database: a year of history never leaves it.
// The whole hours of a period come from the hourly rollup (`settlement_hourly`), the ragged edges
// (before the first whole hour, after the last) straight from the frozen settlements, so any period is
// exact. The figures are those of dispatcher/insights/profit.ts, here in SQL.
import { and, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import {
  noFigures,
  PROFIT_FIGURES,
  type ProfitFigure,
  type ProfitFigures,
  type ProfitGroups
} from '../../dispatcher/insights/profit';
import type { Executor, Transaction } from '../client';
import { settlementHourly, settlements, workOrders } from '../schema';
import { HEAT_ORDER_COLUMNS, type DemandOrderRow } from './demand';
import { jsonRows } from './json-rows';

export const HOUR_MS = 3_600_000;

export interface ProfitFilter {
  regionIds: readonly string[];
  from: Date;
  to: Date;
  /** The viewer's IANA time zone: what a day is. */
  timeZone: string;
}

export interface RollupKey {
  hour: Date;
  regionId: string;
  cityId: string;
  serviceType: string;
}

const COLUMN: Record<ProfitFigure, string> = {
  orders: 'orders',
  revenue: 'revenue',
  technician: 'technician',
  partner: 'partner',
  parts: 'parts',
  crossRegionOrders: 'cross_region_orders',
  subsidy: 'subsidy'
};

/** One frozen settlement's figures as rollup columns: the SQL twin of `figuresOf`. */
const SETTLEMENT_FIGURES = sql.raw(`
  1 as orders,
  s.total as revenue,
  (s.split->'labourShares'->>'technician')::bigint as technician,
  (s.split->'labourShares'->>'partner')::bigint as partner,
  (s.quote->>'parts')::bigint as parts,
  (x.lines > 0)::int as cross_region_orders,
  x.amount as subsidy`);
const CROSS_REGION_LINES = sql.raw(`cross join lateral (
  select count(*) as lines, coalesce(sum((l->>'amount')::bigint), 0) as amount
  from jsonb_array_elements(s.quote->'lines') l where l->>'key' = 'cross_region') x`);

const regionList = (ids: readonly string[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `
  );
/** Both drivers answer a raw query with its rows under `rows`; the database type leaves it unknown. */
const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;
const instant = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * Every completed order of the filter as rows of (region, city, service, day, figures): rollup hours in
 * [wholeFrom, wholeTo), settlements for the rest. Without the rollup, wholeFrom = wholeTo = to.
 */
function source(f: ProfitFilter, useRollup: boolean): SQL {
  const wholeFrom = new Date(Math.ceil(f.from.getTime() / HOUR_MS) * HOUR_MS);
  const wholeTo = new Date(Math.floor(f.to.getTime() / HOUR_MS) * HOUR_MS);
  const [a, b] = useRollup && wholeFrom < wholeTo ? [wholeFrom, wholeTo] : [f.to, f.to];
  const columns = sql.raw(PROFIT_FIGURES.map((k) => COLUMN[k]).join(', '));
  return sql`
    select region_id, city_id, service_type, to_char(hour at time zone ${f.timeZone}, 'YYYY-MM-DD') as day, ${columns}
    from settlement_hourly
    where region_id in (${regionList(f.regionIds)}) and hour >= ${instant(a)} and hour < ${instant(b)}
    union all
    select s.region_id, w.city_id, w.service_type,
      to_char(s.frozen_at at time zone ${f.timeZone}, 'YYYY-MM-DD') as day, ${SETTLEMENT_FIGURES}
    from settlements s join work_orders w on w.id = s.order_id ${CROSS_REGION_LINES}
    where s.status = 'frozen' and s.region_id in (${regionList(f.regionIds)})
      and ((s.frozen_at >= ${instant(f.from)} and s.frozen_at < ${instant(a)})
        or (s.frozen_at >= ${instant(b)} and s.frozen_at < ${instant(f.to)}))`;
}

/** A row of one grouping set: the columns outside the set are null (none of them is null in the data). */
type GroupRow = Record<ProfitFigure, number> & {
  region_id: string | null;
  city_id: string | null;
  service_type: string | null;
  day: string | null;
};

const figuresOfRow = (row: GroupRow): ProfitFigures =>
  Object.fromEntries(PROFIT_FIGURES.map((k) => [k, Number(row[k])])) as ProfitFigures;

/**
 * The completed orders of the filter summed by region, service type, city and the viewer's day, in one
 * GROUP BY GROUPING SETS. `useRollup: false` is the same question straight over the settlements: the
 * baseline the rollup must equal.
 */
export async function profitGroups(
  db: Executor,
  f: ProfitFilter,
  options: { useRollup: boolean } = { useRollup: true }
): Promise<ProfitGroups> {
  const groups: ProfitGroups = { byRegion: [], byService: [], byCity: [], byDay: [] };
  if (f.regionIds.length === 0) return groups;
  // float8 keeps sums as plain numbers on both drivers (bigint and numeric arrive as strings); exact
  // below 2^53 fen.
  const sums = sql.raw(PROFIT_FIGURES.map((k) => `sum(${COLUMN[k]})::float8 as "${k}"`).join(', '));
  const result = await db.execute(sql`
    with src as (${source(f, options.useRollup)})
    select region_id, city_id, service_type, day, ${sums}
    from src
    group by grouping sets ((region_id), (service_type), (region_id, city_id), (day))`);
  for (const row of rowsOf<GroupRow>(result)) {
    const figures = figuresOfRow(row);
    if (row.city_id !== null && row.region_id !== null)
      groups.byCity.push({ regionId: row.region_id, cityId: row.city_id, figures });
    else if (row.region_id !== null) groups.byRegion.push({ regionId: row.region_id, figures });
    else if (row.service_type !== null) groups.byService.push({ serviceType: row.service_type, figures });
    else if (row.day !== null) groups.byDay.push({ day: row.day, figures });
  }
  return groups;
}

/** Revenue (fen) per city of the filter: the revenue heatmap's weights, from the same source as profit. */
export async function revenueByCity(
  db: Executor,
  f: Omit<ProfitFilter, 'timeZone'>
): Promise<{ regionId: string; cityId: string; weight: number }[]> {
  const { byCity } = await profitGroups(db, { ...f, timeZone: 'UTC' });
  return byCity.map((c) => ({ regionId: c.regionId, cityId: c.cityId, weight: c.figures.revenue }));
}

/** One settlement's figures for its hour (a voided one's with the signs turned). */
export interface RollupChange {
  key: RollupKey;
  figures: ProfitFigures;
}

/**
 * Adds settlements' figures to their hours, in the transaction that froze (or voided) them: one upsert
 * for the batch, the changes to one hour summed first (an upsert may touch a row once).
 */
export async function addToHourly(tx: Transaction, changes: readonly RollupChange[]): Promise<void> {
  const rows = new Map<string, RollupKey & ProfitFigures>();
  for (const { key, figures } of changes) {
    const hour = new Date(Math.floor(key.hour.getTime() / HOUR_MS) * HOUR_MS);
    const id = `${hour.getTime()} ${key.regionId} ${key.cityId} ${key.serviceType}`;
    const row = rows.get(id) ?? { ...key, hour, ...noFigures() };
    for (const k of PROFIT_FIGURES) row[k] += figures[k];
    rows.set(id, row);
  }
  if (rows.size === 0) return;
  await tx
    .insert(settlementHourly)
    .select(jsonRows(settlementHourly, [...rows.values()]))
    .onConflictDoUpdate({
      target: [
        settlementHourly.hour,
        settlementHourly.regionId,
        settlementHourly.cityId,
        settlementHourly.serviceType
      ],
      set: Object.fromEntries(
        PROFIT_FIGURES.map((k) => [k, sql`${settlementHourly[k]} + ${sql.raw(`excluded.${COLUMN[k]}`)}`])
      )
    });
}

/** Revenue of frozen settlements per cell of a `cellDeg` grid over the orders' places (hot spots). */
export async function revenueByGridCell(
  db: Executor,
  f: Omit<ProfitFilter, 'timeZone'>,
  cellDeg: number
): Promise<{ gx: number; gy: number; weight: number }[]> {
  if (!(Number.isFinite(cellDeg) && cellDeg > 0)) throw new Error(`bad grid cell size ${cellDeg}`);
  if (f.regionIds.length === 0) return [];
  const size = sql.raw(String(cellDeg));
  const result = await db.execute(sql`
    select floor(w.lng / ${size})::int as gx, floor(w.lat / ${size})::int as gy, sum(s.total)::float8 as weight
    from settlements s join work_orders w on w.id = s.order_id
    where s.status = 'frozen' and s.region_id in (${regionList(f.regionIds)})
      and s.frozen_at >= ${instant(f.from)} and s.frozen_at < ${instant(f.to)}
    group by 1, 2 order by 1, 2`);
  return rowsOf<{ gx: number; gy: number; weight: number }>(result).map((r) => ({
    gx: Number(r.gx),
    gy: Number(r.gy),
    weight: Number(r.weight)
  }));
}

/** One city's completed orders of the filter with their revenue, largest first; no customer columns. */
export async function revenueOrdersOfCity(
  db: Executor,
  f: Omit<ProfitFilter, 'timeZone'>,
  cityId: string,
  limit: number
): Promise<(DemandOrderRow & { weight: number })[]> {
  return db
    .select({ ...HEAT_ORDER_COLUMNS, weight: settlements.total })
    .from(settlements)
    .innerJoin(workOrders, eq(workOrders.id, settlements.orderId))
    .where(
      and(
        eq(settlements.status, 'frozen'),
        inArray(settlements.regionId, [...f.regionIds]),
        eq(workOrders.cityId, cityId),
        gte(settlements.frozenAt, f.from),
        lt(settlements.frozenAt, f.to)
      )
    )
    .orderBy(desc(settlements.total), desc(workOrders.id))
    .limit(limit);
}
