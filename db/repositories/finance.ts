// Settlements as finance lists them: with the city, partner and technician names, and nothing of the
// customer (the work order lends its city only). Newest first, paged by (quotedAt, orderId).
import { and, desc, eq, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { SettlementStatus } from '../../dispatcher/settlement/status';
import { cities, partners, settlements, technicians, workOrders } from '../schema';
import type { Executor } from '../client';
import { withPayouts, type StoredSettlement } from './settlements';

export interface FinanceFilter {
  from?: Date;
  to?: Date;
  /** Only these regions (the caller's, or the one asked for). */
  regionIds: readonly string[];
  /** null: technicians without a partner. */
  partnerId?: string | null;
  status?: SettlementStatus;
  technicianId?: string;
}

/** Where a page starts: after this settlement in newest-first order. */
export interface FinanceCursor {
  quotedAt: Date;
  orderId: string;
}

export interface FinanceRow extends StoredSettlement {
  cityId: string;
  cityName: string | null;
  partnerName: string | null;
  technicianName: string | null;
}

export function financeWhere(f: FinanceFilter, after: FinanceCursor | null): SQL | undefined {
  return and(
    inArray(settlements.regionId, [...f.regionIds]),
    f.from ? gte(settlements.quotedAt, f.from) : undefined,
    f.to ? lt(settlements.quotedAt, f.to) : undefined,
    f.partnerId === undefined
      ? undefined
      : f.partnerId === null
        ? isNull(settlements.partnerId)
        : eq(settlements.partnerId, f.partnerId),
    f.status ? eq(settlements.status, f.status) : undefined,
    f.technicianId ? eq(settlements.technicianId, f.technicianId) : undefined,
    // One row comparison, not an OR: the index on (quoted_at, order_id) then starts the page at the
    // cursor instead of filtering every newer row again, page after page.
    after
      ? sql`(${settlements.quotedAt}, ${settlements.orderId}) < (${after.quotedAt.toISOString()}::timestamptz, ${after.orderId}::uuid)`
      : undefined
  );
}

/** Up to `limit` settlements after `after`, newest first, with their payouts. */
export async function listFinanceSettlements(
  db: Executor,
  filter: FinanceFilter,
  after: FinanceCursor | null,
  limit: number
): Promise<FinanceRow[]> {
  if (filter.regionIds.length === 0) return [];
  const rows = await db
    .select({
      row: settlements,
      cityId: workOrders.cityId,
      cityName: cities.name,
      partnerName: partners.name,
      technicianName: technicians.name
    })
    .from(settlements)
    .innerJoin(workOrders, eq(workOrders.id, settlements.orderId))
    .leftJoin(cities, eq(cities.id, workOrders.cityId))
    .leftJoin(partners, eq(partners.id, settlements.partnerId))
    .leftJoin(technicians, eq(technicians.id, settlements.technicianId))
    .where(financeWhere(filter, after))
    .orderBy(desc(settlements.quotedAt), desc(settlements.orderId))
    .limit(limit);
  const stored = await withPayouts(
    db,
    rows.map((r) => r.row)
  );
  return rows.map((r, i) => ({ ...r, payouts: stored[i]?.payouts ?? [] }));
}
