// An order's SLA row and its escalation ladder. Every change locks the SLA row first (`lockOrderSla`),
// so a workflow step, a timer firing and an acknowledgement of one order take turns, in one lock order.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { escalations, orderSla, workOrders } from '../schema';
import type { Executor, Transaction } from '../client';
import { fromExcluded } from './excluded';
import { jsonRows } from './json-rows';

export type OrderSlaRow = typeof orderSla.$inferSelect;
export type NewOrderSla = typeof orderSla.$inferInsert;
export type EscalationRow = typeof escalations.$inferSelect;

/** What the board and the order view need of an order's SLA, in one read. */
export interface SlaSnapshot {
  sla: OrderSlaRow;
  escalation: EscalationRow | null;
  order: { priority: string; serviceType: string; assignedTechnicianId: string | null };
}

/**
 * Stores each order's SLA row: a new one at version 1, an existing one with its changed fields at its next
 * version. One statement for a batch of orders (each at most once); answers the rows as stored.
 */
export async function saveOrderSlas(tx: Executor, rows: readonly NewOrderSla[]): Promise<OrderSlaRow[]> {
  if (rows.length === 0) return [];
  return tx
    .insert(orderSla)
    .select(jsonRows(orderSla, rows))
    .onConflictDoUpdate({
      target: orderSla.orderId,
      set: {
        ...fromExcluded(orderSla, [
          'clocks',
          'redAlert',
          'waiting',
          'status',
          'statusSince',
          'open',
          'updatedAt'
        ]),
        version: sql`${orderSla.version} + 1`
      }
    })
    .returning();
}

/** One ladder per order: a new one replaces the one that ended. */
export async function saveEscalations(
  tx: Executor,
  rows: readonly (typeof escalations.$inferInsert)[]
): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insert(escalations)
    .select(jsonRows(escalations, rows))
    .onConflictDoUpdate({
      target: escalations.orderId,
      set: fromExcluded(escalations, ['ladder', 'state', 'level', 'cycle', 'active', 'updatedAt'])
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

/**
 * The orders' SLA snapshots with their SLA rows locked until the transaction ends, taken in order-id
 * order so two transactions locking overlapping batches cannot deadlock. Orders without an SLA are absent.
 */
export const lockSlaSnapshots = (tx: Transaction, orderIds: readonly string[]): Promise<SlaSnapshot[]> =>
  orderIds.length === 0
    ? Promise.resolve([])
    : snapshots(tx)
        .where(inArray(orderSla.orderId, [...orderIds]))
        .orderBy(orderSla.orderId)
        .for('update', { of: orderSla });

export const listOpenSlaSnapshots = (db: Executor, regionIds: readonly string[]): Promise<SlaSnapshot[]> =>
  regionIds.length === 0
    ? Promise.resolve([])
    : snapshots(db).where(and(eq(orderSla.open, true), inArray(orderSla.regionId, [...regionIds])));
