import { eq, sql } from 'drizzle-orm';
import { technicians } from '../schema';
import type { Executor } from '../client';

export type TechnicianRow = typeof technicians.$inferSelect;
export type NewTechnician = typeof technicians.$inferInsert;

export interface TechnicianLocation {
  id: string;
  lng: number;
  lat: number;
}

export const listTechnicians = (db: Executor): Promise<TechnicianRow[]> =>
  db.select().from(technicians).orderBy(technicians.id);

export async function insertTechnicians(db: Executor, rows: NewTechnician[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insert(technicians).values(rows.slice(i, i + 500));
}

export async function updateTechnicianStatus(
  db: Executor,
  id: string,
  status: string,
  at: Date
): Promise<void> {
  await db.update(technicians).set({ status, updatedAt: at }).where(eq(technicians.id, id));
}

/** Positions arrive many times a second; they are stored in batches with one statement per chunk.
 * Status is not touched: it is written at once, with its event, by whoever changes it. */
export async function storeLocations(db: Executor, rows: TechnicianLocation[], at: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const values = sql.join(
      rows.slice(i, i + 1000).map((r) => sql`(${r.id}, ${r.lng}::float8, ${r.lat}::float8)`),
      sql`, `
    );
    await db.execute(sql`
      update ${technicians} as t
      set lng = v.lng, lat = v.lat, updated_at = ${at.toISOString()}::timestamptz
      from (values ${values}) as v(id, lng, lat)
      where t.id = v.id`);
  }
}
