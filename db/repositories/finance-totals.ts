// Finance's totals summed in the database: the figures of dispatcher/settlement/totals.ts over every
// settlement of a filter, by region, partner and Beijing day or month, in one GROUPING SETS query, so a
// year of settlements never crosses to the server to be added up.
import { sql } from 'drizzle-orm';
import { emptyTotals, type FinanceTotals, type Totals } from '../../dispatcher/settlement/totals';
import { settlements } from '../schema';
import type { Executor } from '../client';
import { financeWhere, type FinanceFilter } from './finance';

const FIGURES = [
  'settlements',
  'total',
  'platform',
  'partner',
  'technician',
  'pending',
  'payable',
  'paid'
] as const;

type TotalsRow = Record<(typeof FIGURES)[number], number> & {
  region_id: string | null;
  /** '' for technicians without a partner, as DIRECT. */
  partner_id: string | null;
  period: string | null;
  grouped: number;
};

/** Period keys as month.ts makes them: the Beijing date of quotedAt, to the day or the month. */
const PERIOD_FORMAT = { day: 'YYYY-MM-DD', month: 'YYYY-MM' } as const;

export async function sumFinanceTotals(
  db: Executor,
  filter: FinanceFilter,
  period: keyof typeof PERIOD_FORMAT
): Promise<FinanceTotals> {
  const totals: FinanceTotals = { all: emptyTotals(), byRegion: {}, byPartner: {}, byPeriod: {} };
  if (filter.regionIds.length === 0) return totals;
  const format = sql.raw(`'${PERIOD_FORMAT[period]}'`);
  // A void settlement counts, but its lines and shares do not; void payouts are not money either.
  const result = await db.execute(sql`
    with s as (
      select ${settlements.regionId} as region_id, coalesce(${settlements.partnerId}, '') as partner_id,
        to_char(${settlements.quotedAt} at time zone 'Asia/Shanghai', ${format}) as period,
        ${settlements.status} <> 'void' as counts, ${settlements.quote} as quote, ${settlements.shares} as shares,
        p.pending, p.payable, p.paid
      from ${settlements}
      left join lateral (
        select sum(amount) filter (where status = 'pending') as pending,
          sum(amount) filter (where status = 'payable') as payable,
          sum(amount) filter (where status = 'paid') as paid
        from settlement_payouts where order_id = ${settlements.orderId}) p on true
      where ${financeWhere(filter, null)})
    select region_id, partner_id, period, grouping(region_id, partner_id, period) as grouped,
      count(*)::float8 as settlements,
      coalesce(sum((quote->>'total')::bigint) filter (where counts), 0)::float8 as total,
      coalesce(sum((shares->>'platform')::bigint) filter (where counts), 0)::float8 as platform,
      coalesce(sum((shares->>'partner')::bigint) filter (where counts), 0)::float8 as partner,
      coalesce(sum((shares->>'technician')::bigint) filter (where counts), 0)::float8 as technician,
      coalesce(sum(pending), 0)::float8 as pending,
      coalesce(sum(payable), 0)::float8 as payable,
      coalesce(sum(paid), 0)::float8 as paid
    from s group by grouping sets ((), (region_id), (partner_id), (period))`);
  for (const row of (result as unknown as { rows: TotalsRow[] }).rows) {
    const t: Totals = Object.fromEntries(FIGURES.map((k) => [k, Number(row[k])])) as unknown as Totals;
    // grouping(): a bit per column left out of the row's set, region first.
    if (row.grouped === 7) totals.all = t;
    else if (row.region_id !== null) totals.byRegion[row.region_id] = t;
    else if (row.partner_id !== null) totals.byPartner[row.partner_id] = t;
    else if (row.period !== null) totals.byPeriod[row.period] = t;
  }
  return totals;
}
