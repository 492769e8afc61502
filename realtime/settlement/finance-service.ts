// Finance's settlements: a page of them with the totals of all that match the filters, and the same set
// walked in batches for the CSV statement. Who may: finance, admins and executives everywhere, regional
// managers in their own regions; nobody else. The page's totals are summed in the database
// (db/repositories/finance-totals.ts); the statement sums the rows it lists (dispatcher/settlement/totals.ts),
// and the two agree to the fen.
import {
  listFinanceSettlements,
  listPartners,
  sumFinanceTotals,
  type Database,
  type FinanceCursor,
  type FinanceFilter,
  type FinanceRow
} from '../../db';
import { DIRECT, type FinanceTotals } from '../../dispatcher/settlement/totals';
import { permittedRegions, type Principal } from '../auth/scope';
import type { FinanceSettlementsPage, FinanceSettlementView } from '../contract';
import { HttpError } from '../http/errors';
import type { FinancePeriod, FinanceQuery } from '../schemas/finance';
import { dayOf, dayStart, monthOf } from './month';
import { toSettlementView } from './view';

const READERS: readonly Principal['role'][] = ['finance', 'admin', 'executive', 'regional_manager'];
/** How many settlements one query reads while totals and statements walk the whole set. */
const BATCH = 500;
const DAY_MS = 86_400_000;

const refused = (path: string, message: string) =>
  new HttpError(422, 'validation_failed', `invalid input: ${path}`, [{ path, message }]);

/** A day covers that whole Beijing day: `from` its midnight, `to` the next. */
const instant = (value: string, end: boolean): Date =>
  value.length === 10 ? new Date(dayStart(value).getTime() + (end ? DAY_MS : 0)) : new Date(value);

const encodeCursor = (c: FinanceCursor) =>
  Buffer.from(JSON.stringify([c.quotedAt.toISOString(), c.orderId])).toString('base64url');

function decodeCursor(raw: string): FinanceCursor {
  try {
    const [at, orderId] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    const quotedAt = new Date(String(at));
    if (typeof orderId === 'string' && !Number.isNaN(quotedAt.getTime())) return { quotedAt, orderId };
  } catch {
    // Falls through to the 422: a cursor is only ever one this server handed out.
  }
  throw refused('cursor', 'not a cursor this server gave');
}

export const periodOf = (at: Date, period: FinancePeriod): string =>
  period === 'day' ? dayOf(at) : monthOf(at);

export const toFinanceView = (r: FinanceRow): FinanceSettlementView => ({
  ...toSettlementView(r),
  cityId: r.cityId,
  cityName: r.cityName,
  partnerId: r.row.partnerId,
  partnerName: r.partnerName,
  technicianName: r.technicianName
});

export class FinanceService {
  constructor(
    private readonly db: Database,
    private readonly allRegionIds: readonly string[]
  ) {}

  /** The filter the caller may run: 403 for a role or a region not theirs, 422 for a bad range. */
  filter(user: Principal, q: FinanceQuery): FinanceFilter {
    if (!READERS.includes(user.role)) throw new HttpError(403, 'forbidden', 'settlements are for finance');
    const mine = permittedRegions(user, this.allRegionIds);
    if (q.regionId && !mine.includes(q.regionId))
      throw new HttpError(403, 'forbidden', `region ${q.regionId} is outside your regions`);
    const from = q.from ? instant(q.from, false) : undefined;
    const to = q.to ? instant(q.to, true) : undefined;
    if (from && to && to <= from) throw refused('to', 'must be after from');
    return {
      regionIds: q.regionId ? [q.regionId] : mine,
      from,
      to,
      partnerId: q.partnerId === 'none' ? null : q.partnerId,
      status: q.status,
      technicianId: q.technicianId
    };
  }

  async page(user: Principal, q: FinanceQuery): Promise<FinanceSettlementsPage> {
    const filter = this.filter(user, q);
    const after = q.cursor ? decodeCursor(q.cursor) : null;
    const rows = await listFinanceSettlements(this.db, filter, after, q.limit + 1);
    const items = rows.slice(0, q.limit);
    const last = items.at(-1);
    const totals = await sumFinanceTotals(this.db, filter, q.period);
    return {
      items: items.map(toFinanceView),
      nextCursor:
        rows.length > q.limit && last
          ? encodeCursor({ quotedAt: last.row.quotedAt, orderId: last.row.orderId })
          : null,
      period: q.period,
      totals: await this.totalsView(totals)
    };
  }

  /** Every settlement the filter matches, newest first, read a batch at a time. */
  async *rows(filter: FinanceFilter): AsyncGenerator<FinanceRow> {
    let after: FinanceCursor | null = null;
    for (;;) {
      const batch = await listFinanceSettlements(this.db, filter, after, BATCH);
      yield* batch;
      const last = batch.at(-1);
      if (batch.length < BATCH || !last) return;
      after = { quotedAt: last.row.quotedAt, orderId: last.row.orderId };
    }
  }

  /** Partner names for the totals (and the statement's total lines). */
  async partnerNames(): Promise<Map<string, string>> {
    return new Map((await listPartners(this.db)).map((p) => [p.id, p.name]));
  }

  async totalsView(totals: FinanceTotals): Promise<FinanceSettlementsPage['totals']> {
    const names = await this.partnerNames();
    const sorted = <T>(record: Record<string, T>) =>
      Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
    return {
      all: totals.all,
      byRegion: sorted(totals.byRegion).map(([regionId, t]) => ({ regionId, ...t })),
      byPartner: sorted(totals.byPartner).map(([id, t]) => ({
        partnerId: id === DIRECT ? null : id,
        partnerName: id === DIRECT ? null : (names.get(id) ?? null),
        ...t
      })),
      byPeriod: sorted(totals.byPeriod).map(([period, t]) => ({ period, ...t }))
    };
  }
}

export const totalsItem = (r: FinanceRow, period: FinancePeriod) => ({
  regionId: r.row.regionId,
  partnerId: r.row.partnerId,
  period: periodOf(r.row.quotedAt, period),
  status: r.row.status,
  lines: r.row.quote.lines,
  shares: r.row.shares,
  payouts: r.payouts
});
