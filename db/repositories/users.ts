import { eq, inArray } from 'drizzle-orm';
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

export async function listUsersWithRole(db: Executor, role: string): Promise<UserRow[]> {
  return db.select().from(users).where(eq(users.role, role));
}

export interface Contact {
  email: string | null;
  phone: string | null;
}

/** Where email and SMS reach each of these users. */
export async function contactsOf(db: Executor, ids: readonly string[]): Promise<Map<string, Contact>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, email: users.email, phone: users.phone })
    .from(users)
    .where(inArray(users.id, [...ids]));
  return new Map(rows.map(({ id, ...contact }) => [id, contact]));
}

/** The login of a technician's phone, if they have one. */
export async function findUserOfTechnician(db: Executor, technicianId: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.technicianId, technicianId)).limit(1);
  return row;
}
