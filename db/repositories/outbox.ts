// The notification outbox: deliveries written in the transaction that raised them, claimed by a worker
// with FOR UPDATE SKIP LOCKED (on PGlite's one connection the lock never meets another), sent, settled.
import { and, asc, eq, gt, inArray, lte, max, or, sql } from 'drizzle-orm';
import { notificationOutbox as outbox } from '../schema';
import type { Executor } from '../client';

export type DeliveryRow = typeof outbox.$inferSelect;
export type NewDelivery = typeof outbox.$inferInsert;

/** Adds deliveries, leaving out any whose dedupe key already reached that recipient on that channel. */
export async function enqueueDeliveries(db: Executor, rows: readonly NewDelivery[]): Promise<number> {
  if (rows.length === 0) return 0;
  const added = await db
    .insert(outbox)
    .values([...rows])
    .onConflictDoNothing()
    .returning({ id: outbox.id });
  return added.length;
}

/** Due now: pending and its time has come, or claimed by a sender whose claim lapsed (it died). */
const due = (channel: string, now: Date) =>
  and(
    eq(outbox.channel, channel),
    inArray(outbox.status, ['pending', 'sending']),
    lte(outbox.nextAttemptAt, now)
  );

/**
 * Locks every waiting row of up to `groups` recipients that have something due on the channel, the
 * longest-waiting first: a recipient's rows not yet due come along, so they can share one digest. Rows
 * another worker holds are skipped, so no row is claimed twice.
 */
export async function lockDueGroups(
  tx: Executor,
  channel: string,
  now: Date,
  groups: number
): Promise<DeliveryRow[]> {
  const recipients = tx
    .select({ recipient: outbox.recipient })
    .from(outbox)
    .where(due(channel, now))
    .groupBy(outbox.recipient)
    .orderBy(sql`min(${outbox.nextAttemptAt})`)
    .limit(groups);
  return tx
    .select()
    .from(outbox)
    .where(
      and(
        eq(outbox.channel, channel),
        inArray(outbox.recipient, recipients),
        or(eq(outbox.status, 'pending'), due(channel, now))
      )
    )
    .orderBy(asc(outbox.createdAt), asc(outbox.id))
    .for('update', { skipLocked: true });
}

/** When each of these recipients was last sent something on the channel, if after `since`. */
export async function lastSentTo(
  db: Executor,
  channel: string,
  recipients: readonly string[],
  since: Date
): Promise<Map<string, Date>> {
  if (recipients.length === 0) return new Map();
  const rows = await db
    .select({ recipient: outbox.recipient, at: max(outbox.sentAt) })
    .from(outbox)
    .where(
      and(
        eq(outbox.channel, channel),
        inArray(outbox.recipient, [...recipients]),
        eq(outbox.status, 'sent'),
        gt(outbox.sentAt, since)
      )
    )
    .groupBy(outbox.recipient);
  return new Map(rows.flatMap((r) => (r.at ? [[r.recipient, r.at] as const] : [])));
}

/** Back to waiting until `at`, without counting an attempt. */
export async function holdDeliveries(db: Executor, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(outbox)
    .set({ status: 'pending', nextAttemptAt: at })
    .where(inArray(outbox.id, [...ids]));
}

/** Claims rows for sending: one more attempt, and the claim lapses at `leaseUntil` if nobody settles it. */
export async function claimDeliveries(
  db: Executor,
  ids: readonly string[],
  leaseUntil: Date
): Promise<DeliveryRow[]> {
  if (ids.length === 0) return [];
  return db
    .update(outbox)
    .set({ status: 'sending', attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: leaseUntil })
    .where(inArray(outbox.id, [...ids]))
    .returning();
}

// Settling touches only rows still claimed: one whose claim lapsed and was taken over is the new owner's.
const claimed = (ids: readonly string[]) => and(inArray(outbox.id, [...ids]), eq(outbox.status, 'sending'));

/** `leadId`'s message went out; the other rows rode along in it as a digest. */
export async function settleSent(db: Executor, leadId: string, ids: readonly string[], at: Date) {
  await db
    .update(outbox)
    .set({
      status: sql`case when ${outbox.id} = ${leadId} then 'sent' else 'digested' end`,
      digestOf: sql`case when ${outbox.id} = ${leadId} then null else ${leadId}::uuid end`,
      sentAt: at,
      lastError: null
    })
    .where(claimed(ids));
}

export async function settleSkipped(db: Executor, ids: readonly string[], reason: string) {
  await db.update(outbox).set({ status: 'skipped', lastError: reason }).where(claimed(ids));
}

/** Waits until `retryAt` for another attempt, or fails for good when `retryAt` is null. */
export async function settleFailed(
  db: Executor,
  ids: readonly string[],
  error: string,
  retryAt: Date | null
) {
  if (ids.length === 0) return;
  await db
    .update(outbox)
    .set(
      retryAt
        ? { status: 'pending', lastError: error, nextAttemptAt: retryAt }
        : { status: 'failed', lastError: error }
    )
    .where(claimed(ids));
}
