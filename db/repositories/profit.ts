// Profit and revenue of completed orders, grouped in the database: a year of history never leaves it.
// A period is cut into whole UTC months, days and hours, read from the rollups kept for each
// (`settlement_city_rollup` and `settlement_service_rollup`, `settlement_hourly`; the trend from
// `settlement_region_hourly`), and the ragged
// edges, read straight from the frozen settlements, so any period is exact. The figures are those of
// dispatcher/insights/profit.ts, here in SQL.
import { sql, type SQL } from 'drizzle-orm';
import {
  PROFIT_FIGURES,
  type ProfitFigure,
  type ProfitFigures,
  type ProfitGroups
} from '../../dispatcher/insights/profit';
import { periodPieces, type Grain, type PeriodPieces } from '../../dispatcher/insights/period-pieces';
import type { Executor } from '../client';
import {
  CROSS_REGION_LINES,
  FIGURE_COLUMN,
  FIGURE_COLUMNS,
  frozenIn,
  SETTLEMENT_FIGURES,
  type ProfitFilter
} from './profit-sql';
import { inRanges, regionList, rowsOf, unionAll, wholeBuckets } from './range-sql';

export type { ProfitFilter } from './profit-sql';

export interface ProfitOptions {
  /** false: straight over the settlements, the baseline the rollups must equal. */
  useRollup: boolean;
}

/** The period as buckets of the rollups' `grains` (UTC) and the raw rest; without the rollups, all raw. */
export function piecesOf(
  f: Pick<ProfitFilter, 'from' | 'to'>,
  grains: readonly Grain[],
  o: ProfitOptions
): PeriodPieces {
  if (o.useRollup) return periodPieces(f.from, f.to, { grains });
  return { month: [], day: [], hour: [], raw: f.from < f.to ? [{ from: f.from, to: f.to }] : [] };
}

// float8 keeps sums as plain numbers on both drivers (bigint and numeric arrive as strings); exact below
// 2^53 fen. A group whose orders were all voided again has none left, as straight over the settlements.
const SUMS = sql.raw(PROFIT_FIGURES.map((k) => `sum(${FIGURE_COLUMN[k]})::float8 as "${k}"`).join(', '));
const SOME_ORDERS = sql.raw('having sum(orders) <> 0');
/** The sums' names, for a query around the one that sums. */
const SUMMED = sql.raw(PROFIT_FIGURES.map((k) => `"${k}"`).join(', '));

type FigureRow = Record<ProfitFigure, number>;
const figuresOfRow = (row: FigureRow): ProfitFigures =>
  Object.fromEntries(PROFIT_FIGURES.map((k) => [k, Number(row[k])])) as ProfitFigures;

/** Whole UTC hours and the ragged rest, as rows of (region, city, service, figures). */
function fineSource(f: ProfitFilter, p: PeriodPieces): SQL | null {
  return unionAll([
    p.hour.length === 0
      ? null
      : sql`select region_id, city_id, service_type, ${FIGURE_COLUMNS} from settlement_hourly
        where region_id in (${regionList(f.regionIds)}) and ${inRanges(sql`hour`, p.hour)}`,
    p.raw.length === 0
      ? null
      : sql`select s.region_id, w.city_id, w.service_type, ${SETTLEMENT_FIGURES}
        from settlements s join work_orders w on w.id = s.order_id ${CROSS_REGION_LINES}
        where ${frozenIn(f, p.raw)}`
  ]);
}

/** Whole UTC months and days of a coarse rollup by `column` (city_id or service_type). */
function coarseSource(f: ProfitFilter, p: PeriodPieces, table: string, column: string): SQL | null {
  const grain = (g: 'month' | 'day') =>
    p[g].length === 0
      ? null
      : sql`select region_id, ${sql.raw(column)}, ${FIGURE_COLUMNS} from ${sql.raw(table)}
        where ${wholeBuckets(g, f.regionIds, p[g])}`;
  return unionAll([grain('month'), grain('day')]);
}

/** A row of one grouping set: the columns outside the set are null (none of them is null in the data). */
type PlaceRow = FigureRow & { region_id: string | null; city_id: string | null; service_type: string | null };

/**
 * The filter's completed orders summed by region and city, and (unless `citiesOnly`) by service type:
 * months and days from the city and the service rollups, hours and the rest (read once) under both.
 */
async function placeGroups(
  db: Executor,
  f: ProfitFilter,
  o: ProfitOptions & { citiesOnly?: boolean }
): Promise<Omit<ProfitGroups, 'byDay'>> {
  const groups: Omit<ProfitGroups, 'byDay'> = { byRegion: [], byService: [], byCity: [] };
  const p = piecesOf(f, ['month', 'day', 'hour'], o);
  const fine = fineSource(f, p);
  const [cities, services] = [
    unionAll([
      coarseSource(f, p, 'settlement_city_rollup', 'city_id'),
      fine && sql`select region_id, city_id, ${FIGURE_COLUMNS} from fine`
    ]),
    unionAll([
      coarseSource(f, p, 'settlement_service_rollup', 'service_type'),
      fine && sql`select region_id, service_type, ${FIGURE_COLUMNS} from fine`
    ])
  ];
  if (!cities || !services) return groups;
  const byService = o.citiesOnly
    ? sql``
    : sql`union all select null, null, service_type, ${SUMS} from (${services}) src group by service_type ${SOME_ORDERS}`;
  const result = await db.execute(sql`
    ${fine ? sql`with fine as (${fine})` : sql``}
    select region_id, city_id, null as service_type, ${SUMS} from (${cities}) src
    group by grouping sets ((region_id), (region_id, city_id)) ${SOME_ORDERS}
    ${byService}`);
  for (const row of rowsOf<PlaceRow>(result)) {
    const figures = figuresOfRow(row);
    if (row.city_id !== null && row.region_id !== null)
      groups.byCity.push({ regionId: row.region_id, cityId: row.city_id, figures });
    else if (row.region_id !== null) groups.byRegion.push({ regionId: row.region_id, figures });
    else if (row.service_type !== null) groups.byService.push({ serviceType: row.service_type, figures });
  }
  return groups;
}

/**
 * The filter's completed orders summed by the viewer's day: whole UTC hours per region (a whole-hour
 * zone's days are whole UTC hours, not whole UTC days), the ragged rest from the settlements.
 */
async function dayGroups(db: Executor, f: ProfitFilter, o: ProfitOptions): Promise<ProfitGroups['byDay']> {
  const p = piecesOf(f, ['hour'], o);
  const source = unionAll([
    p.hour.length === 0
      ? null
      : sql`select hour as at, ${FIGURE_COLUMNS} from settlement_region_hourly
        where region_id in (${regionList(f.regionIds)}) and ${inRanges(sql`hour`, p.hour)}`,
    p.raw.length === 0
      ? null
      : sql`select s.frozen_at as at, ${SETTLEMENT_FIGURES}
        from settlements s ${CROSS_REGION_LINES} where ${frozenIn(f, p.raw)}`
  ]);
  if (!source) return [];
  // Grouped by the local date, named once per day: formatting every hour's row cost as much as the sums.
  const result = await db.execute(sql`
    select to_char(d, 'YYYY-MM-DD') as day, ${SUMMED} from (
      select (at at time zone ${f.timeZone})::date as d, ${SUMS} from (${source}) src group by 1 ${SOME_ORDERS}) g`);
  return rowsOf<FigureRow & { day: string }>(result).map((row) => ({
    day: row.day,
    figures: figuresOfRow(row)
  }));
}

/**
 * The completed orders of the filter summed by region, service type, city and the viewer's day.
 * `useRollup: false` is the same question straight over the settlements: the baseline the rollups must
 * equal.
 */
export async function profitGroups(
  db: Executor,
  f: ProfitFilter,
  options: ProfitOptions = { useRollup: true }
): Promise<ProfitGroups> {
  if (f.regionIds.length === 0) return { byRegion: [], byService: [], byCity: [], byDay: [] };
  const places = await placeGroups(db, f, options);
  return { ...places, byDay: await dayGroups(db, f, options) };
}

/** Revenue (fen) per city of the filter: the revenue heatmap's weights, from the same sums as profit. */
export async function revenueByCity(
  db: Executor,
  f: Omit<ProfitFilter, 'timeZone'>,
  options: ProfitOptions = { useRollup: true }
): Promise<{ regionId: string; cityId: string; weight: number }[]> {
  if (f.regionIds.length === 0) return [];
  const { byCity } = await placeGroups(db, { ...f, timeZone: 'UTC' }, { ...options, citiesOnly: true });
  return byCity.map((c) => ({ regionId: c.regionId, cityId: c.cityId, weight: c.figures.revenue }));
}
