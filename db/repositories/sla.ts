// An order's SLA row and its escalation ladder. Every change locks the SLA row first (`lockOrderSla`),
// so a workflow step, a timer firing and an acknowledgement of one order take turns, in one lock order.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { escalations, orderSla, workOrders } from '../schema';
import type { Executor, Transaction } from '../client';

export type OrderSlaRow = typeof orderSla.$inferSelect;
export type NewOrderSla = typeof orderSla.$inferInsert;
export type EscalationRow = typeof escalations.$inferSelect;

/** What the board and the order view need of an order's SLA, in one read. */
export interface SlaSnapshot {
  sla: OrderSlaRow;
  escalation: EscalationRow | null;
  order: { priority: string; serviceType: string; assignedTechnicianId: string | null };
}

export async function insertOrderSla(tx: Executor, row: NewOrderSla): Promise<OrderSlaRow> {
  const [created] = await tx.insert(orderSla).values(row).returning();
  if (!created) throw new Error('order SLA insert returned nothing');
  return created;
}

export async function lockOrderSla(tx: Transaction, orderId: string): Promise<OrderSlaRow | undefined> {
  const [row] = await tx.select().from(orderSla).where(eq(orderSla.orderId, orderId)).for('update');
  return row;
}

/** Stores the changed fields and raises the row's version. */
export async function updateOrderSla(
  tx: Executor,
  orderId: string,
  change: Partial<Omit<NewOrderSla, 'orderId' | 'version'>>
): Promise<OrderSlaRow> {
  const [row] = await tx
    .update(orderSla)
    .set({ ...change, version: sql`${orderSla.version} + 1` })
    .where(eq(orderSla.orderId, orderId))
    .returning();
  if (!row) throw new Error(`no SLA for order ${orderId}`);
  return row;
}

export async function findEscalation(tx: Executor, orderId: string): Promise<EscalationRow | undefined> {
  const [row] = await tx.select().from(escalations).where(eq(escalations.orderId, orderId));
  return row;
}

/** One ladder per order: a new one replaces the one that ended. */
export async function saveEscalation(tx: Executor, row: typeof escalations.$inferInsert): Promise<void> {
  const { ladder, state, level, cycle, active, updatedAt } = row;
  await tx.insert(escalations).values(row).onConflictDoUpdate({
    target: escalations.orderId,
    set: { ladder, state, level, cycle, active, updatedAt }
  });
}

const snapshots = (db: Executor) =>
  db
    .select({
      sla: orderSla,
      escalation: escalations,
      order: {
        priority: workOrders.priority,
        serviceType: workOrders.serviceType,
        assignedTechnicianId: workOrders.assignedTechnicianId
      }
    })
    .from(orderSla)
    .innerJoin(workOrders, eq(workOrders.id, orderSla.orderId))
    .leftJoin(escalations, eq(escalations.orderId, orderSla.orderId));

export const findSlaSnapshots = (db: Executor, orderIds: readonly string[]): Promise<SlaSnapshot[]> =>
  orderIds.length === 0 ? Promise.resolve([]) : snapshots(db).where(inArray(orderSla.orderId, [...orderIds]));

export const listOpenSlaSnapshots = (db: Executor, regionIds: readonly string[]): Promise<SlaSnapshot[]> =>
  regionIds.length === 0
    ? Promise.resolve([])
    : snapshots(db).where(and(eq(orderSla.open, true), inArray(orderSla.regionId, [...regionIds])));
