// Versioned price tables and settlement terms: every edit adds a row at the next version.
import { and, desc, eq } from 'drizzle-orm';
import { pricingVersions, type PricingKind } from '../schema';
import type { Executor, Transaction } from '../client';

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

/** The latest version of one table or terms, locked until the transaction ends: edits take turns. */
export async function lockLatestPricingVersion(
  tx: Transaction,
  kind: PricingKind,
  id: string
): Promise<PricingVersionRow | undefined> {
  const [row] = await tx
    .select()
    .from(pricingVersions)
    .where(and(eq(pricingVersions.kind, kind), eq(pricingVersions.id, id)))
    .orderBy(desc(pricingVersions.version))
    .limit(1)
    .for('update');
  return row;
}

export async function insertPricingVersion(
  tx: Transaction,
  row: typeof pricingVersions.$inferInsert
): Promise<void> {
  await tx.insert(pricingVersions).values(row);
}

/** Ends a version when its successor begins; its document says so too, as the book reads it. */
export async function endPricingVersion(
  tx: Transaction,
  key: { kind: PricingKind; id: string; version: number },
  effectiveTo: Date,
  document: unknown
): Promise<void> {
  await tx
    .update(pricingVersions)
    .set({ effectiveTo, document })
    .where(
      and(
        eq(pricingVersions.kind, key.kind),
        eq(pricingVersions.id, key.id),
        eq(pricingVersions.version, key.version)
      )
    );
}

/** Every version of one document, locked until the transaction ends: edits of it take turns. */
export const lockPricingDocument = (
  tx: Transaction,
  kind: PricingKind,
  id: string
): Promise<PricingVersionRow[]> =>
  tx
    .select()
    .from(pricingVersions)
    .where(and(eq(pricingVersions.kind, kind), eq(pricingVersions.id, id)))
    .orderBy(pricingVersions.version)
    .for('update');

/**
 * A new version, ending at its start the open-ended versions it succeeds: the only change ever made to
 * a stored version, so that versions never overlap and each keeps what it said.
 */
export async function addPricingVersion(
  tx: Transaction,
  row: typeof pricingVersions.$inferInsert & { document: Record<string, unknown> },
  ends: readonly PricingVersionRow[]
): Promise<void> {
  for (const v of ends)
    await tx
      .update(pricingVersions)
      .set({
        effectiveTo: row.effectiveFrom,
        document: { ...(v.document as Record<string, unknown>), effectiveTo: row.effectiveFrom.getTime() }
      })
      .where(
        and(
          eq(pricingVersions.kind, v.kind),
          eq(pricingVersions.id, v.id),
          eq(pricingVersions.version, v.version)
        )
      );
  await tx.insert(pricingVersions).values(row);
}
