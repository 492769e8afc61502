// Versioned SLA settings: every edit adds a row at the next version, so an order can read the version it
// started with. Two admins saving on one version: the primary key lets only one of them in.
import { and, desc, eq } from 'drizzle-orm';
import { slaSettings } from '../schema';
import type { Executor } from '../client';

export type SlaSettingRow = typeof slaSettings.$inferSelect;

/** The latest version of every setting. */
export const listLatestSettings = (db: Executor): Promise<SlaSettingRow[]> =>
  db
    .selectDistinctOn([slaSettings.kind, slaSettings.id])
    .from(slaSettings)
    .orderBy(slaSettings.kind, slaSettings.id, desc(slaSettings.version));

/** One version of a setting, or its latest without `version`. */
export async function findSetting(
  db: Executor,
  kind: string,
  id: string,
  version?: number
): Promise<SlaSettingRow | undefined> {
  const where = [eq(slaSettings.kind, kind), eq(slaSettings.id, id)];
  if (version !== undefined) where.push(eq(slaSettings.version, version));
  const [row] = await db
    .select()
    .from(slaSettings)
    .where(and(...where))
    .orderBy(desc(slaSettings.version))
    .limit(1);
  return row;
}

/** Adds a version; false when that version exists already (someone saved first). */
export async function insertSetting(db: Executor, row: typeof slaSettings.$inferInsert): Promise<boolean> {
  const added = await db
    .insert(slaSettings)
    .values(row)
    .onConflictDoNothing()
    .returning({ v: slaSettings.version });
  return added.length > 0;
}

/** The defaults as version 1 of each setting that has none. */
export async function seedSettings(db: Executor, rows: (typeof slaSettings.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(slaSettings).values(rows).onConflictDoNothing();
}
