// SQL pieces the profit and revenue reads share: a frozen settlement's figures (the twin of
// dispatcher/insights/profit.ts `figuresOf`), which settlements a filter means, and periods as ranges.
import { sql, type SQL } from 'drizzle-orm';
import { PROFIT_FIGURES, type ProfitFigure } from '../../dispatcher/insights/profit';
import type { Range } from '../../dispatcher/insights/period-pieces';

export interface ProfitFilter {
  regionIds: readonly string[];
  from: Date;
  to: Date;
  /** The viewer's IANA time zone: what a day is. */
  timeZone: string;
}

export const FIGURE_COLUMN: Record<ProfitFigure, string> = {
  orders: 'orders',
  revenue: 'revenue',
  technician: 'technician',
  partner: 'partner',
  parts: 'parts',
  crossRegionOrders: 'cross_region_orders',
  subsidy: 'subsidy'
};

/** The figure columns of a rollup, in PROFIT_FIGURES' order. */
export const FIGURE_COLUMNS = sql.raw(PROFIT_FIGURES.map((k) => FIGURE_COLUMN[k]).join(', '));

/** One frozen settlement `s` as rollup columns; needs CROSS_REGION_LINES beside it. */
export const SETTLEMENT_FIGURES = sql.raw(`
  1 as orders,
  s.total as revenue,
  (s.split->'labourShares'->>'technician')::bigint as technician,
  (s.split->'labourShares'->>'partner')::bigint as partner,
  (s.quote->>'parts')::bigint as parts,
  (x.lines > 0)::int as cross_region_orders,
  x.amount as subsidy`);
export const CROSS_REGION_LINES = sql.raw(`cross join lateral (
  select count(*) as lines, coalesce(sum((l->>'amount')::bigint), 0) as amount
  from jsonb_array_elements(s.quote->'lines') l where l->>'key' = 'cross_region') x`);

export const regionList = (ids: readonly string[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `
  );

/** Both drivers answer a raw query with its rows under `rows`; the database type leaves it unknown. */
export const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

const instant = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** `column` in any of the half-open ranges (there is at least one). */
export const inRanges = (column: SQL, ranges: readonly Range[]) =>
  sql`(${sql.join(
    ranges.map((r) => sql`(${column} >= ${instant(r.from)} and ${column} < ${instant(r.to)})`),
    sql` or `
  )})`;

/** The frozen settlements `s` of the filter's regions frozen in the ranges. */
export const frozenIn = (f: Pick<ProfitFilter, 'regionIds'>, ranges: readonly Range[]) =>
  sql`s.status = 'frozen' and s.region_id in (${regionList(f.regionIds)}) and ${inRanges(sql`s.frozen_at`, ranges)}`;

/** Rows of several sources as one, the sources with nothing to read left out; null when none is left. */
export function unionAll(branches: readonly (SQL | null)[]): SQL | null {
  const kept = branches.filter((b): b is SQL => b !== null);
  return kept.length === 0 ? null : sql.join(kept, sql` union all `);
}
