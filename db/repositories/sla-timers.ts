// Durable SLA timers. A change of an order states the timers it wants (`upsertTimers`) and drops the
// pending ones it no longer wants (`cancelTimersExcept`); a firing claims its row (`claimTimer`) so that,
// of any number of processes, one fires it once.
import { and, eq, gte, inArray, lte, notInArray, sql } from 'drizzle-orm';
import { orderSla, slaTimers } from '../schema';
import type { Executor, Transaction } from '../client';

export type SlaTimerRow = typeof slaTimers.$inferSelect;
export type NewSlaTimer = Omit<typeof slaTimers.$inferInsert, 'id' | 'status' | 'firedAt' | 'createdAt'>;

/** A pending timer as the in-process queue holds it. */
export interface DueTimer {
  id: number;
  dueAt: Date;
}

/**
 * Inserts the timers that are new, moves the ones whose due time changed and revives cancelled ones; a
 * fired timer stays fired. Returns the rows that are pending at a new time, for the queue.
 */
export async function upsertTimers(tx: Executor, rows: readonly NewSlaTimer[]): Promise<DueTimer[]> {
  if (rows.length === 0) return [];
  return tx
    .insert(slaTimers)
    .values([...rows])
    .onConflictDoUpdate({
      target: [slaTimers.orderId, slaTimers.key],
      set: { dueAt: sql`excluded.due_at`, status: 'pending' },
      setWhere: sql`${slaTimers.status} = 'cancelled' or (${slaTimers.status} = 'pending' and ${slaTimers.dueAt} <> excluded.due_at)`
    })
    .returning({ id: slaTimers.id, dueAt: slaTimers.dueAt });
}

/** Cancels the pending timers of `orderIds` other than the `keep` ones (by order and key). */
export async function cancelTimersExcept(
  tx: Executor,
  orderIds: readonly string[],
  keep: readonly { orderId: string; key: string }[]
): Promise<void> {
  if (orderIds.length === 0) return;
  const conditions = [inArray(slaTimers.orderId, [...orderIds]), eq(slaTimers.status, 'pending')];
  if (keep.length > 0)
    conditions.push(
      notInArray(
        sql`${slaTimers.orderId}::text || ' ' || ${slaTimers.key}`,
        keep.map((t) => `${t.orderId} ${t.key}`)
      )
    );
  await tx
    .update(slaTimers)
    .set({ status: 'cancelled' })
    .where(and(...conditions));
}

export async function findTimer(db: Executor, id: number): Promise<SlaTimerRow | undefined> {
  const [row] = await db.select().from(slaTimers).where(eq(slaTimers.id, id));
  return row;
}

/**
 * The timer, locked, if it is still pending and due; undefined when another process holds it, settled
 * it, or it was moved later.
 */
export async function claimTimer(tx: Transaction, id: number, now: Date): Promise<SlaTimerRow | undefined> {
  const [row] = await tx
    .select()
    .from(slaTimers)
    .where(and(eq(slaTimers.id, id), eq(slaTimers.status, 'pending'), lte(slaTimers.dueAt, now)))
    .for('update', { skipLocked: true });
  return row;
}

export async function settleTimer(
  tx: Executor,
  id: number,
  status: 'fired' | 'cancelled',
  at: Date
): Promise<void> {
  await tx
    .update(slaTimers)
    .set({ status, firedAt: status === 'fired' ? at : null })
    .where(eq(slaTimers.id, id));
}

/** Every pending timer, for a process's queue at start. */
export const listPendingTimers = (db: Executor): Promise<DueTimer[]> =>
  db
    .select({ id: slaTimers.id, dueAt: slaTimers.dueAt })
    .from(slaTimers)
    .where(eq(slaTimers.status, 'pending'));

/** Pending timers due before `before`, earliest first: what a process that died left behind. */
export async function listOverdueTimers(db: Executor, before: Date, limit: number): Promise<number[]> {
  const rows = await db
    .select({ id: slaTimers.id })
    .from(slaTimers)
    .where(and(eq(slaTimers.status, 'pending'), lte(slaTimers.dueAt, before)))
    .orderBy(slaTimers.dueAt, slaTimers.id)
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Clocks breached since `since` per region (fired breach timers, by their due time). */
export async function countBreachesSince(
  db: Executor,
  regionIds: readonly string[],
  since: Date
): Promise<Map<string, number>> {
  if (regionIds.length === 0) return new Map();
  const rows = await db
    .select({ regionId: orderSla.regionId, n: sql<number>`count(*)::int` })
    .from(slaTimers)
    .innerJoin(orderSla, eq(orderSla.orderId, slaTimers.orderId))
    .where(
      and(
        eq(slaTimers.kind, 'breach'),
        eq(slaTimers.status, 'fired'),
        gte(slaTimers.dueAt, since),
        inArray(orderSla.regionId, [...regionIds])
      )
    )
    .groupBy(orderSla.regionId);
  return new Map(rows.map((r) => [r.regionId, r.n]));
}
