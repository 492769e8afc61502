// Versioned price tables and settlement terms: every edit adds a row at the next version.
import { eq } from 'drizzle-orm';
import { pricingVersions, type PricingKind } from '../schema';
import type { Executor } from '../client';

export type PricingVersionRow = typeof pricingVersions.$inferSelect;

/** Every version of one kind, oldest first. */
export const listPricingVersions = (db: Executor, kind: PricingKind): Promise<PricingVersionRow[]> =>
  db
    .select()
    .from(pricingVersions)
    .where(eq(pricingVersions.kind, kind))
    .orderBy(pricingVersions.id, pricingVersions.version);

/** The defaults as version 1 where that version is missing. */
export async function seedPricingVersions(
  db: Executor,
  rows: (typeof pricingVersions.$inferInsert)[]
): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(pricingVersions).values(rows).onConflictDoNothing();
}
