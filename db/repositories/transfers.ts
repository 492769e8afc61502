// Part transfers between depots. Dispatch proposes them when no depot within reach holds an order's
// parts; a supervisor confirms one, which reserves the parts at the shipping depot.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { depots, partTransfers } from '../schema';
import type { Executor } from '../client';
import { idList, type OrderIds } from './order-ids';
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

/** The transfers proposed for several orders, in one insert. */
export async function proposeTransfers(
  db: Executor,
  orders: readonly { orderId: string; transfers: readonly ProposedTransfer[] }[]
): Promise<void> {
  const rows = orders.flatMap(({ orderId, transfers }) =>
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
  if (rows.length > 0) await db.insert(partTransfers).values(rows);
}

export async function listTransfers(db: Executor, orderId: string): Promise<TransferRow[]> {
  return db
    .select()
    .from(partTransfers)
    .where(eq(partTransfers.workOrderId, orderId))
    .orderBy(asc(partTransfers.createdAt), asc(partTransfers.id));
}

/** The transfer and the region of the depot that would ship it (whose stock a confirmation reserves). */
export async function findTransfer(
  db: Executor,
  id: string
): Promise<(TransferRow & { fromRegionId: string }) | undefined> {
  const [row] = await db
    .select({ transfer: partTransfers, fromRegionId: depots.regionId })
    .from(partTransfers)
    .innerJoin(depots, eq(depots.id, partTransfers.fromDepotId))
    .where(eq(partTransfers.id, id))
    .limit(1);
  return row ? { ...row.transfer, fromRegionId: row.fromRegionId } : undefined;
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
 * Everything the orders hold goes back: reservations to their depots, and their transfers (proposed or
 * confirmed) are withdrawn, since the next assignee gets a plan of their own.
 */
export async function releaseOrderParts(db: Executor, orders: OrderIds, at: Date): Promise<void> {
  // Transfers first: a confirmation in flight holds its transfer row, so waiting on it here means its
  // reservation has committed by the time the reservations are released below, and none is left behind.
  await withdrawTransfers(db, orders, at, ['proposed', 'confirmed']);
  await releaseReservations(db, orders, at);
}

export async function withdrawTransfers(
  db: Executor,
  orders: OrderIds,
  at: Date,
  statuses: readonly string[]
): Promise<void> {
  await db
    .update(partTransfers)
    .set({ status: 'withdrawn', decidedAt: at, decidedBy: 'system' })
    .where(
      and(inArray(partTransfers.workOrderId, idList(orders)), inArray(partTransfers.status, [...statuses]))
    );
}
