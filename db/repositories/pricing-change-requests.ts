// Changes of a region's coefficients beyond headquarters' bounds, waiting for an admin's decision.
import { desc, eq } from 'drizzle-orm';
import type { ChangeRequestStatus } from '../../dispatcher/pricing/regional-change';
import { pricingChangeRequests } from '../schema';
import type { Executor, Transaction } from '../client';

export type ChangeRequestRow = typeof pricingChangeRequests.$inferSelect;

export async function insertChangeRequest(
  tx: Transaction,
  row: typeof pricingChangeRequests.$inferInsert
): Promise<ChangeRequestRow> {
  const [stored] = await tx.insert(pricingChangeRequests).values(row).returning();
  if (!stored) throw new Error('change request not stored');
  return stored;
}

/** Newest first; those with `status` only when given. */
export const listChangeRequests = (
  db: Executor,
  status: ChangeRequestStatus | undefined,
  limit: number
): Promise<ChangeRequestRow[]> =>
  db
    .select()
    .from(pricingChangeRequests)
    .where(status ? eq(pricingChangeRequests.status, status) : undefined)
    .orderBy(desc(pricingChangeRequests.createdAt), desc(pricingChangeRequests.id))
    .limit(limit);

/** One request, locked until the transaction ends: two admins never decide it twice. */
export async function lockChangeRequest(tx: Transaction, id: string): Promise<ChangeRequestRow | undefined> {
  const [row] = await tx
    .select()
    .from(pricingChangeRequests)
    .where(eq(pricingChangeRequests.id, id))
    .for('update');
  return row;
}

export async function decideChangeRequest(
  tx: Transaction,
  id: string,
  decision: Pick<ChangeRequestRow, 'status' | 'decidedBy' | 'decidedAt' | 'decisionReason' | 'appliedVersion'>
): Promise<ChangeRequestRow> {
  const [row] = await tx
    .update(pricingChangeRequests)
    .set(decision)
    .where(eq(pricingChangeRequests.id, id))
    .returning();
  if (!row) throw new Error(`change request ${id} not stored`);
  return row;
}
