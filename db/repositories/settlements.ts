// Settlements and their payouts. Every change locks the settlement row first (`lockSettlement`), so a
// requote, a surcharge and a milestone of one order take turns.
import { and, eq, getTableColumns, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Payout } from '../../dispatcher/settlement/milestones';
import { settlementAdjustments, settlementPayouts, settlements } from '../schema';
import type { Executor, Transaction } from '../client';
import { fromExcluded } from './excluded';
import { jsonRows } from './json-rows';

export type SettlementRow = typeof settlements.$inferSelect;
export type NewSettlement = Omit<typeof settlements.$inferInsert, 'version'>;
export type PayoutRow = typeof settlementPayouts.$inferSelect;

export interface StoredSettlement {
  row: SettlementRow;
  payouts: PayoutRow[];
}

/** The settlements with their payouts, in the order given. */
export async function withPayouts(db: Executor, rows: SettlementRow[]): Promise<StoredSettlement[]> {
  if (rows.length === 0) return [];
  const payouts = await db
    .select()
    .from(settlementPayouts)
    .where(
      inArray(
        settlementPayouts.orderId,
        rows.map((r) => r.orderId)
      )
    )
    .orderBy(settlementPayouts.orderId, settlementPayouts.id);
  return rows.map((row) => ({ row, payouts: payouts.filter((p) => p.orderId === row.orderId) }));
}

/**
 * The orders' settlements by order id, locked until the transaction ends (taken in order-id order, so
 * overlapping batches cannot deadlock); orders not quoted yet are absent.
 */
export async function lockSettlements(
  tx: Transaction,
  orderIds: readonly string[]
): Promise<Map<string, StoredSettlement>> {
  if (orderIds.length === 0) return new Map();
  const rows = await tx
    .select()
    .from(settlements)
    .where(inArray(settlements.orderId, [...orderIds]))
    .orderBy(settlements.orderId)
    .for('update');
  return new Map((await withPayouts(tx, rows)).map((s) => [s.row.orderId, s]));
}

/** The order's settlement, locked until the transaction ends; undefined before it is quoted. */
export async function lockSettlement(
  tx: Transaction,
  orderId: string
): Promise<StoredSettlement | undefined> {
  return (await lockSettlements(tx, [orderId])).get(orderId);
}

export async function findSettlements(
  db: Executor,
  orderIds: readonly string[]
): Promise<StoredSettlement[]> {
  if (orderIds.length === 0) return [];
  return withPayouts(
    db,
    await db
      .select()
      .from(settlements)
      .where(inArray(settlements.orderId, [...orderIds]))
  );
}

/** A technician's settlements quoted in [from, to), oldest first. */
export async function listTechnicianSettlements(
  db: Executor,
  technicianId: string,
  from: Date,
  to: Date
): Promise<StoredSettlement[]> {
  return withPayouts(
    db,
    await db
      .select()
      .from(settlements)
      .where(
        and(
          eq(settlements.technicianId, technicianId),
          gte(settlements.quotedAt, from),
          lt(settlements.quotedAt, to)
        )
      )
      .orderBy(settlements.quotedAt, settlements.orderId)
  );
}

/** What an upsert replaces: every column but the key and the version, from the row proposed. */
const REPLACED = fromExcluded(
  settlements,
  Object.keys(getTableColumns(settlements)).filter(
    (key): key is keyof typeof settlements._.columns => key !== 'orderId' && key !== 'version'
  )
);

/** A settlement to store and the payouts it has now. */
export interface SettlementWrite {
  settlement: NewSettlement;
  payouts: readonly Payout[];
  /**
   * When payouts became payable and were paid, by payout id, for a settlement written after the fact
   * (the demo's history); the others take the batch's instant.
   */
  payoutTimes?: ReadonlyMap<string, { payableAt: Date; paidAt: Date | null }>;
}

/**
 * Stores each settlement (each order at most once) at its next version (1 when new) and its payouts as
 * given: missing ones go (a requote replaces the pending ones), a payout keeps the instant it first became
 * payable or paid. A statement per table for the whole batch; answers what is stored now, in the order given,
 * unless `readBack` is false (nobody is told of settlements written after the fact): then nothing is read
 * back, which for a batch of a thousand saves parsing their facts and quotes again.
 */
export async function saveSettlements(
  tx: Transaction,
  writes: readonly SettlementWrite[],
  at: Date,
  { readBack = true } = {}
): Promise<StoredSettlement[]> {
  if (writes.length === 0) return [];
  const upsert = tx
    .insert(settlements)
    .select(
      jsonRows(
        settlements,
        writes.map((w) => ({ ...w.settlement, version: 1 }))
      )
    )
    .onConflictDoUpdate({
      target: settlements.orderId,
      set: { ...REPLACED, version: sql`${settlements.version} + 1` }
    });
  let rows: SettlementRow[] = [];
  if (readBack) rows = await upsert.returning();
  else await upsert;
  const orderIds = writes.map((w) => w.settlement.orderId);
  const kept = writes.flatMap((w) => w.payouts.map((p) => `${w.settlement.orderId} ${p.id}`));
  // The ids as JSON too: a parameter per order and payout cost as much as the rows did.
  await tx
    .delete(settlementPayouts)
    .where(
      and(
        sql`${settlementPayouts.orderId} in (select jsonb_array_elements_text(${JSON.stringify(orderIds)}::jsonb)::uuid)`,
        sql`${settlementPayouts.orderId}::text || ' ' || ${settlementPayouts.id} not in (select jsonb_array_elements_text(${JSON.stringify(kept)}::jsonb))`
      )
    );
  const payoutRows = writes.flatMap((w) =>
    w.payouts.map((p) => {
      const times = w.payoutTimes?.get(p.id);
      return {
        orderId: w.settlement.orderId,
        id: p.id,
        payee: p.payee,
        milestone: p.milestone,
        amount: p.amount,
        status: p.status,
        reason: p.reason ?? null,
        payableAt: p.status === 'pending' ? null : (times?.payableAt ?? at),
        paidAt: p.status === 'paid' ? (times?.paidAt ?? at) : null
      };
    })
  );
  const payoutUpsert =
    payoutRows.length === 0
      ? undefined
      : tx
          .insert(settlementPayouts)
          .select(jsonRows(settlementPayouts, payoutRows))
          .onConflictDoUpdate({
            target: [settlementPayouts.orderId, settlementPayouts.id],
            set: {
              amount: sql`excluded.amount`,
              status: sql`excluded.status`,
              reason: sql`excluded.reason`,
              payableAt: sql`coalesce(${settlementPayouts.payableAt}, excluded.payable_at)`,
              paidAt: sql`coalesce(${settlementPayouts.paidAt}, excluded.paid_at)`
            }
          });
  if (!readBack) {
    await payoutUpsert;
    return [];
  }
  const stored = payoutUpsert ? await payoutUpsert.returning() : [];
  const byOrder = new Map(rows.map((row) => [row.orderId, row]));
  return orderIds.map((orderId) => {
    const row = byOrder.get(orderId);
    if (!row) throw new Error(`settlement of ${orderId} not stored`);
    return {
      row,
      payouts: stored.filter((p) => p.orderId === orderId)
    };
  });
}

export async function insertAdjustments(
  tx: Transaction,
  rows: readonly (typeof settlementAdjustments.$inferInsert)[]
): Promise<void> {
  if (rows.length > 0) await tx.insert(settlementAdjustments).select(jsonRows(settlementAdjustments, rows));
}
