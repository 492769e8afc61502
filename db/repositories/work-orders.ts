import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { assignments, customers, workOrders } from '../schema';
import type { Executor, Transaction } from '../client';
import { countCreatedOrders } from './created-orders';
import { jsonRows } from './json-rows';

export type WorkOrderRow = typeof workOrders.$inferSelect;
export type NewWorkOrder = typeof workOrders.$inferInsert;
export type CustomerRow = typeof customers.$inferSelect;
export type NewCustomer = typeof customers.$inferInsert;

export interface WorkOrderWithCustomer {
  order: WorkOrderRow;
  customer: CustomerRow;
  /** Who holds it now (an offer included), or null. */
  assignment: typeof assignments.$inferSelect | null;
}

/** The order, its customer and its active assignment, as every read returns them. */
const withCustomer = (db: Executor) =>
  db
    .select({ order: workOrders, customer: customers, assignment: assignments })
    .from(workOrders)
    .innerJoin(customers, eq(customers.id, workOrders.customerId))
    .leftJoin(assignments, and(eq(assignments.workOrderId, workOrders.id), eq(assignments.active, true)));

export interface NewWorkOrderWithCustomer {
  customer: NewCustomer;
  order: Omit<NewWorkOrder, 'customerId'>;
}

/**
 * Any number of orders with their customers in two inserts, counted in the rollup of created orders (in
 * the caller's transaction); answers in the order given.
 */
export async function insertWorkOrders(
  db: Executor,
  rows: readonly NewWorkOrderWithCustomer[]
): Promise<WorkOrderWithCustomer[]> {
  if (rows.length === 0) return [];
  // Ids made here tie each order to its customer without relying on the order of RETURNING rows.
  const ids = rows.map((r) => ({ customer: randomUUID(), order: randomUUID(), r }));
  const cs = await db
    .insert(customers)
    .select(
      jsonRows(
        customers,
        ids.map(({ customer, r }) => ({ ...r.customer, id: customer }))
      )
    )
    .returning();
  const os = await db
    .insert(workOrders)
    .select(
      jsonRows(
        workOrders,
        ids.map(({ customer, order, r }) => ({ ...r.order, id: order, customerId: customer }))
      )
    )
    .returning();
  await countCreatedOrders(
    db,
    os.map((o) => o.id),
    1
  );
  const customerById = new Map(cs.map((c) => [c.id, c]));
  const orderById = new Map(os.map((o) => [o.id, o]));
  return ids.map((id) => {
    const order = orderById.get(id.order);
    const customer = customerById.get(id.customer);
    if (!order || !customer) throw new Error('work order insert returned nothing');
    return { order, customer, assignment: null };
  });
}

/** What places an order in the heatmaps: its region, city, place and the moment it came in. */
export type OrderPlacement = Partial<Pick<NewWorkOrder, 'regionId' | 'cityId' | 'lng' | 'lat' | 'createdAt'>>;

/**
 * Moves open orders to another region, city, place or creation time, and their counts in the rollup of
 * created orders with them. Not for an order with a frozen settlement: the profit rollups keep the place
 * it was frozen in. The orders are locked first, so a concurrent move takes away what this one added.
 */
export async function moveWorkOrders(
  tx: Transaction,
  orderIds: readonly string[],
  to: OrderPlacement
): Promise<void> {
  await tx
    .select({ id: workOrders.id })
    .from(workOrders)
    .where(inArray(workOrders.id, [...orderIds]))
    .orderBy(workOrders.id)
    .for('update');
  await countCreatedOrders(tx, orderIds, -1);
  await tx
    .update(workOrders)
    .set(to)
    .where(inArray(workOrders.id, [...orderIds]));
  await countCreatedOrders(tx, orderIds, 1);
}

/** The orders stored under these idempotency keys, by key. */
export async function findWorkOrdersByKeys(
  db: Executor,
  keys: readonly string[]
): Promise<Map<string, WorkOrderWithCustomer>> {
  if (keys.length === 0) return new Map();
  const rows = await withCustomer(db).where(inArray(workOrders.idempotencyKey, [...keys]));
  return new Map(rows.map((r) => [r.order.idempotencyKey ?? '', r]));
}

export async function findWorkOrder(
  db: Executor,
  where: { id: string } | { idempotencyKey: string }
): Promise<WorkOrderWithCustomer | undefined> {
  const condition =
    'id' in where ? eq(workOrders.id, where.id) : eq(workOrders.idempotencyKey, where.idempotencyKey);
  const [row] = await withCustomer(db).where(condition).limit(1);
  return row;
}

export interface WorkOrderQuery {
  /** Orders of these regions, or (for a technician) the orders one technician holds. */
  scope: { regionIds: string[] } | { technicianId: string };
  status?: string;
  limit: number;
  /** Exclusive upper bound in the newest-first order. */
  after?: { createdAt: Date; id: string };
}

export async function listWorkOrders(db: Executor, q: WorkOrderQuery): Promise<WorkOrderWithCustomer[]> {
  const conditions = [
    'technicianId' in q.scope
      ? eq(workOrders.assignedTechnicianId, q.scope.technicianId)
      : inArray(workOrders.regionId, q.scope.regionIds)
  ];
  if (q.status) conditions.push(eq(workOrders.status, q.status));
  if (q.after) {
    conditions.push(
      sql`(${workOrders.createdAt}, ${workOrders.id}) < (${q.after.createdAt.toISOString()}::timestamptz, ${q.after.id}::uuid)`
    );
  }
  return withCustomer(db)
    .where(and(...conditions))
    .orderBy(desc(workOrders.createdAt), desc(workOrders.id))
    .limit(q.limit);
}

export async function countOpenByRegion(
  db: Executor,
  closedStatuses: readonly string[]
): Promise<Map<string, number>> {
  const rows = await db
    .select({ regionId: workOrders.regionId, n: sql<number>`count(*)::int` })
    .from(workOrders)
    .where(notInArray(workOrders.status, [...closedStatuses]))
    .groupBy(workOrders.regionId);
  return new Map(rows.map((r) => [r.regionId, r.n]));
}

/** Orders waiting for auto-dispatch, oldest first: created and not locked by a supervisor. */
export async function listWaitingOrders(db: Executor, limit: number): Promise<WorkOrderRow[]> {
  return db
    .select()
    .from(workOrders)
    .where(and(eq(workOrders.status, 'created'), eq(workOrders.locked, false)))
    .orderBy(workOrders.createdAt, workOrders.id)
    .limit(limit);
}
