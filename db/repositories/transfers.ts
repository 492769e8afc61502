// Part transfers between depots. Dispatch proposes them when no depot within reach holds an order's
// parts; a supervisor confirms one, which reserves the parts at the shipping depot.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { partTransfers } from '../schema';
import type { Executor } from '../client';
import { releaseReservations } from './stock';

export type TransferRow = typeof partTransfers.$inferSelect;

export interface ProposedTransfer {
  fromDepot: string;
  toDepot: string;
  sku: string;
  qty: number;
  distanceKm: number;
  etaHours: number;
}

export async function proposeTransfers(
  db: Executor,
  orderId: string,
  transfers: readonly ProposedTransfer[]
): Promise<void> {
  if (transfers.length === 0) return;
  await db.insert(partTransfers).values(
    transfers.map((t) => ({
      workOrderId: orderId,
      fromDepotId: t.fromDepot,
      toDepotId: t.toDepot,
      sku: t.sku,
      qty: t.qty,
      distanceKm: t.distanceKm,
      etaHours: t.etaHours,
      status: 'proposed'
    }))
  );
}

export async function listTransfers(db: Executor, orderId: string): Promise<TransferRow[]> {
  return db
    .select()
    .from(partTransfers)
    .where(eq(partTransfers.workOrderId, orderId))
    .orderBy(asc(partTransfers.createdAt), asc(partTransfers.id));
}

export async function findTransfer(db: Executor, id: string): Promise<TransferRow | undefined> {
  const [row] = await db.select().from(partTransfers).where(eq(partTransfers.id, id)).limit(1);
  return row;
}

/** Proposed → confirmed, or undefined when it is no longer proposed (confirmed twice, withdrawn). */
export async function confirmTransfer(
  db: Executor,
  id: string,
  by: string,
  at: Date
): Promise<TransferRow | undefined> {
  const [row] = await db
    .update(partTransfers)
    .set({ status: 'confirmed', decidedBy: by, decidedAt: at })
    .where(and(eq(partTransfers.id, id), eq(partTransfers.status, 'proposed')))
    .returning();
  return row;
}

/**
 * Everything an order holds goes back: reservations to their depots, and its transfers (proposed or
 * confirmed) are withdrawn, since the next assignee gets a plan of their own.
 */
export async function releaseOrderParts(db: Executor, orderId: string, at: Date): Promise<void> {
  // Transfers first: a confirmation in flight holds its transfer row, so waiting on it here means its
  // reservation has committed by the time the reservations are released below, and none is left behind.
  await withdrawTransfers(db, orderId, at, ['proposed', 'confirmed']);
  await releaseReservations(db, orderId, at);
}

export async function withdrawTransfers(
  db: Executor,
  orderId: string,
  at: Date,
  statuses: readonly string[]
): Promise<void> {
  await db
    .update(partTransfers)
    .set({ status: 'withdrawn', decidedAt: at, decidedBy: 'system' })
    .where(and(eq(partTransfers.workOrderId, orderId), inArray(partTransfers.status, [...statuses])));
}
