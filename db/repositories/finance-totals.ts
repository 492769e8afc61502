// Finance's totals summed in the database: the figures of dispatcher/settlement/totals.ts over every
// settlement of a filter, by region, partner and Beijing day or month, in one GROUPING SETS query, so a
// year of settlements never crosses to the server to be added up. The whole Beijing days of the period
// and the whole hours at its ends come from the rollup (`finance_rollup`), the ragged minutes (and any
// filter by technician, which the rollup does not key) straight from the settlements with their payouts,
// so any period is exact.
import { and, sql, type SQL } from 'drizzle-orm';
import { periodPieces, type Grain, type Range } from '../../dispatcher/insights/period-pieces';
import {
  emptyTotals,
  TOTALS_FIGURES,
  type FinanceTotals,
  type Totals
} from '../../dispatcher/settlement/totals';
import { financeRollup, settlements } from '../schema';
import type { Executor } from '../client';
import { financeWhere, type FinanceFilter } from './finance';
import { FINANCE_GRAINS, FINANCE_OFFSET_MINUTES } from './finance-rollup';
import { inRanges, rowsOf, wholeBuckets } from './range-sql';

type TotalsRow = Record<(typeof TOTALS_FIGURES)[number], number> & {
  region_id: string | null;
  /** '' for technicians without a partner, as DIRECT. */
  partner_id: string | null;
  period: string | null;
  grouped: number;
};

/** Period keys as month.ts makes them: the Beijing date of quotedAt, to the day or the month. */
const PERIOD_FORMAT = { day: 'YYYY-MM-DD', month: 'YYYY-MM' } as const;
/** An open end of the filter as a Beijing midnight far away: no ragged rest lies beyond it. */
const EARLIEST = new Date('1970-01-01T00:00:00+08:00');
const LATEST = new Date('9999-01-01T00:00:00+08:00');

/** The rollup rows of the filter's whole buckets of `grain` in [r.from, r.to): every filter but a technician. */
function rollupRows(filter: FinanceFilter, grain: Grain, r: Range, format: SQL): SQL {
  const figures = sql.raw(TOTALS_FIGURES.join(', '));
  return sql`
    select region_id, partner_id, to_char(start at time zone 'Asia/Shanghai', ${format}) as period, ${figures}
    from ${financeRollup}
    where ${wholeBuckets(grain, filter.regionIds, [r], sql`start`)} and settlements > 0
      ${filter.partnerId === undefined ? sql`` : sql`and partner_id = ${filter.partnerId ?? ''}`}
      ${filter.status ? sql`and status = ${filter.status}` : sql``}`;
}

/**
 * The settlements of the filter quoted in the ranges, one row each with its figures. A void settlement
 * counts, but its lines and shares do not; void payouts are not money either.
 */
function settlementRows(filter: FinanceFilter, ranges: readonly Range[] | 'all', format: SQL): SQL {
  const when =
    ranges === 'all'
      ? undefined
      : ranges.length === 0
        ? sql`false`
        : inRanges(sql`${settlements.quotedAt}`, ranges);
  const counts = sql`${settlements.status} <> 'void'`;
  const share = (party: string) =>
    sql`case when ${counts} then (${settlements.shares}->>${party})::bigint else 0 end`;
  return sql`
    select ${settlements.regionId} as region_id, coalesce(${settlements.partnerId}, '') as partner_id,
      to_char(${settlements.quotedAt} at time zone 'Asia/Shanghai', ${format}) as period,
      1 as settlements, case when ${counts} then ${settlements.total} else 0 end as total,
      ${share('platform')} as platform, ${share('partner')} as partner, ${share('technician')} as technician,
      p.pending, p.payable, p.paid
    from ${settlements}
    left join lateral (
      select sum(amount) filter (where status = 'pending') as pending,
        sum(amount) filter (where status = 'payable') as payable,
        sum(amount) filter (where status = 'paid') as paid
      from settlement_payouts where order_id = ${settlements.orderId}) p on true
    where ${and(financeWhere(filter, null), when)}`;
}

/**
 * The totals of every settlement of the filter, by region, partner and period. `useRollup: false` is
 * the same question straight over the settlements: the baseline the rollup must equal.
 */
export async function sumFinanceTotals(
  db: Executor,
  filter: FinanceFilter,
  period: keyof typeof PERIOD_FORMAT,
  options: { useRollup: boolean } = { useRollup: true }
): Promise<FinanceTotals> {
  const totals: FinanceTotals = { all: emptyTotals(), byRegion: {}, byPartner: {}, byPeriod: {} };
  if (filter.regionIds.length === 0) return totals;
  const format = sql.raw(`'${PERIOD_FORMAT[period]}'`);
  let source: SQL;
  if (options.useRollup && !filter.technicianId) {
    const pieces = periodPieces(filter.from ?? EARLIEST, filter.to ?? LATEST, {
      offsetMinutes: FINANCE_OFFSET_MINUTES,
      grains: FINANCE_GRAINS
    });
    const rollup = FINANCE_GRAINS.flatMap((g) => pieces[g].map((r) => rollupRows(filter, g, r, format)));
    source = sql.join([...rollup, settlementRows(filter, pieces.raw, format)], sql` union all `);
  } else source = settlementRows(filter, 'all', format);
  // float8 keeps sums as plain numbers on both drivers (bigint and numeric arrive as strings); exact
  // below 2^53 fen.
  const sums = sql.raw(TOTALS_FIGURES.map((k) => `coalesce(sum(${k}), 0)::float8 as ${k}`).join(', '));
  const result = await db.execute(sql`
    with src as (${source})
    select region_id, partner_id, period, grouping(region_id, partner_id, period) as grouped, ${sums}
    from src group by grouping sets ((), (region_id), (partner_id), (period))`);
  for (const row of rowsOf<TotalsRow>(result)) {
    const t = Object.fromEntries(TOTALS_FIGURES.map((k) => [k, Number(row[k])])) as unknown as Totals;
    // grouping(): a bit per column left out of the row's set, region first.
    if (row.grouped === 7) totals.all = t;
    else if (row.region_id !== null) totals.byRegion[row.region_id] = t;
    else if (row.partner_id !== null) totals.byPartner[row.partner_id] = t;
    else if (row.period !== null) totals.byPeriod[row.period] = t;
  }
  return totals;
}
