// Settlements and their payouts. Every change locks the settlement row first (`lockSettlement`), so a
// requote, a surcharge and a milestone of one order take turns.
import { and, eq, gte, inArray, lt, notInArray, sql } from 'drizzle-orm';
import type { Payout } from '../../dispatcher/settlement/milestones';
import { settlementAdjustments, settlementPayouts, settlements } from '../schema';
import type { Executor, Transaction } from '../client';

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

/** The order's settlement, locked until the transaction ends; undefined before it is quoted. */
export async function lockSettlement(
  tx: Transaction,
  orderId: string
): Promise<StoredSettlement | undefined> {
  const rows = await tx.select().from(settlements).where(eq(settlements.orderId, orderId)).for('update');
  return (await withPayouts(tx, rows))[0];
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

/**
 * Stores the settlement at its next version (1 when new) and its payouts as given: missing ones go (a
 * requote replaces the pending ones), a payout keeps the instant it first became payable or paid.
 * Answers what is stored now.
 */
export async function saveSettlement(
  tx: Transaction,
  settlement: NewSettlement,
  payouts: readonly Payout[],
  at: Date
): Promise<StoredSettlement> {
  const { orderId, ...change } = settlement;
  const [row] = await tx
    .insert(settlements)
    .values({ ...settlement, version: 1 })
    .onConflictDoUpdate({
      target: settlements.orderId,
      set: { ...change, version: sql`${settlements.version} + 1` }
    })
    .returning();
  if (!row) throw new Error(`settlement of ${orderId} not stored`);
  const ids = payouts.map((p) => p.id);
  await tx
    .delete(settlementPayouts)
    .where(
      and(
        eq(settlementPayouts.orderId, orderId),
        ids.length > 0 ? notInArray(settlementPayouts.id, ids) : undefined
      )
    );
  if (payouts.length === 0) return { row, payouts: [] };
  const stored = await tx
    .insert(settlementPayouts)
    .values(
      payouts.map((p) => ({
        orderId,
        id: p.id,
        payee: p.payee,
        milestone: p.milestone,
        amount: p.amount,
        status: p.status,
        reason: p.reason ?? null,
        payableAt: p.status === 'pending' ? null : at,
        paidAt: p.status === 'paid' ? at : null
      }))
    )
    .onConflictDoUpdate({
      target: [settlementPayouts.orderId, settlementPayouts.id],
      set: {
        amount: sql`excluded.amount`,
        status: sql`excluded.status`,
        reason: sql`excluded.reason`,
        payableAt: sql`coalesce(${settlementPayouts.payableAt}, excluded.payable_at)`,
        paidAt: sql`coalesce(${settlementPayouts.paidAt}, excluded.paid_at)`
      }
    })
    .returning();
  return { row, payouts: stored };
}

export async function insertAdjustment(
  tx: Transaction,
  row: typeof settlementAdjustments.$inferInsert
): Promise<void> {
  await tx.insert(settlementAdjustments).values(row);
}
