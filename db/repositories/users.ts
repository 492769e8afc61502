import { eq } from 'drizzle-orm';
import { users } from '../schema';
import type { Executor } from '../client';

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export async function findUserByUsername(db: Executor, username: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  return row;
}

export async function insertUsers(db: Executor, rows: NewUser[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insert(users).values(rows.slice(i, i + 500));
}

export async function countUsers(db: Executor): Promise<number> {
  return db.$count(users);
}
