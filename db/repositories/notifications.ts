// The in-app notification centre: one row per message a user was shown, and when they read it.
import { and, desc, eq, isNull } from 'drizzle-orm';
import { notifications } from '../schema';
import type { Executor } from '../client';

export type NotificationRow = typeof notifications.$inferSelect;
export type NewNotification = typeof notifications.$inferInsert;

/** Stores the message once per delivery: a retried delivery gets the row its first attempt stored. */
export async function storeNotification(db: Executor, row: NewNotification): Promise<NotificationRow> {
  const [inserted] = await db.insert(notifications).values(row).onConflictDoNothing().returning();
  if (inserted) return inserted;
  const [existing] = await db
    .select()
    .from(notifications)
    .where(eq(notifications.deliveryId, row.deliveryId))
    .limit(1);
  if (!existing) throw new Error(`notification for delivery ${row.deliveryId} vanished`);
  return existing;
}

const mine = (userId: string, unreadOnly: boolean) =>
  and(eq(notifications.userId, userId), unreadOnly ? isNull(notifications.readAt) : undefined);

/** Newest first. */
export async function listNotifications(
  db: Executor,
  userId: string,
  opts: { unreadOnly: boolean; limit: number }
): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(mine(userId, opts.unreadOnly))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(opts.limit);
}

export async function countUnread(db: Executor, userId: string): Promise<number> {
  return db.$count(notifications, mine(userId, true));
}

export async function findNotification(db: Executor, id: string): Promise<NotificationRow | undefined> {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id)).limit(1);
  return row;
}

/** Marks it read; undefined when it already was (the first read time stays). */
export async function markNotificationRead(
  db: Executor,
  id: string,
  at: Date
): Promise<NotificationRow | undefined> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.id, id), isNull(notifications.readAt)))
    .returning();
  return row;
}

/** Returns how many were unread. */
export async function markAllNotificationsRead(db: Executor, userId: string, at: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: at })
    .where(mine(userId, true))
    .returning({ id: notifications.id });
  return rows.length;
}
