// Service companies (服务商): few, read whole.
import { asc } from 'drizzle-orm';
import { partners } from '../schema';
import type { Executor } from '../client';

export type PartnerRow = typeof partners.$inferSelect;
export type NewPartner = typeof partners.$inferInsert;

export const listPartners = (db: Executor): Promise<PartnerRow[]> =>
  db.select().from(partners).orderBy(asc(partners.regionId), asc(partners.id));

export async function insertPartners(db: Executor, rows: NewPartner[]): Promise<void> {
  if (rows.length > 0) await db.insert(partners).values(rows);
}
