// SQL pieces the profit and revenue reads share: a frozen settlement's figures (the twin of
// dispatcher/insights/profit.ts `figuresOf`), which settlements a filter means, and periods as ranges.
import { sql } from 'drizzle-orm';
import { PROFIT_FIGURES, type ProfitFigure } from '../../dispatcher/insights/profit';
import type { Range } from '../../dispatcher/insights/period-pieces';
import { inRanges, regionList } from './range-sql';

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

/** The frozen settlements `s` of the filter's regions frozen in the ranges. */
export const frozenIn = (f: Pick<ProfitFilter, 'regionIds'>, ranges: readonly Range[]) =>
  sql`s.status = 'frozen' and s.region_id in (${regionList(f.regionIds)}) and ${inRanges(sql`s.frozen_at`, ranges)}`;
