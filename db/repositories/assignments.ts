// Assignment writes. Each one is conditional on the order's version, so of two writers that read the
// same version only the first commits; the partial unique index is the last line of defence.
import { and, asc, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import { assignments, workOrders } from '../schema';
import type { Executor } from '../client';
import { idList, type OrderIds } from './order-ids';
import { releaseOrderParts } from './transfers';
import type { WorkOrderRow } from './work-orders';

export type AssignmentRow = typeof assignments.$inferSelect;

export interface OrderChange {
  orderId: string;
  expectedVersion: number;
  status: string;
  assignedTechnicianId: string | null;
  locked: boolean;
  at: Date;
}

/** Moves the order to its next version, or returns undefined when someone else got there first. */
export async function advanceOrder(db: Executor, c: OrderChange): Promise<WorkOrderRow | undefined> {
  const [row] = await db
    .update(workOrders)
    .set({
      status: c.status,
      assignedTechnicianId: c.assignedTechnicianId,
      locked: c.locked,
      version: sql`${workOrders.version} + 1`,
      updatedAt: c.at
    })
    .where(and(eq(workOrders.id, c.orderId), eq(workOrders.version, c.expectedVersion)))
    .returning();
  return row;
}

/** An order or more moved from under a batch of writes: the caller's transaction must undo the rest. */
export class StaleOrderError extends Error {
  constructor(readonly orderIds: readonly string[]) {
    super(`${orderIds.length} order(s) changed version meanwhile: ${orderIds.slice(0, 3).join(', ')}`);
  }
}

/**
 * `advanceOrder` for many orders in one statement, each to its own status and technician at one instant.
 * Throws `StaleOrderError` (after moving the others: roll back) when any version moved.
 */
async function advanceOrders(
  db: Executor,
  changes: readonly Omit<OrderChange, 'at'>[],
  at: Date
): Promise<WorkOrderRow[]> {
  const byId = <T>(value: (c: Omit<OrderChange, 'at'>) => T, type: string) =>
    sql.join(
      [
        sql`case ${workOrders.id}`,
        ...changes.map((c) => sql`when ${c.orderId}::uuid then ${value(c)}::${sql.raw(type)}`),
        sql`end`
      ],
      sql` `
    );
  const keys = sql.join(
    changes.map((c) => sql`(${c.orderId}::uuid, ${c.expectedVersion}::int)`),
    sql`, `
  );
  const rows = await db
    .update(workOrders)
    .set({
      status: byId((c) => c.status, 'text'),
      assignedTechnicianId: byId((c) => c.assignedTechnicianId, 'text'),
      locked: byId((c) => c.locked, 'boolean'),
      version: sql`${workOrders.version} + 1`,
      updatedAt: at
    })
    .where(sql`(${workOrders.id}, ${workOrders.version}) in (${keys})`)
    .returning();
  if (rows.length < changes.length) {
    const moved = new Set(rows.map((r) => r.id));
    throw new StaleOrderError(changes.filter((c) => !moved.has(c.orderId)).map((c) => c.orderId));
  }
  const byOrder = new Map(rows.map((r) => [r.id, r]));
  return changes.map((c) => byOrder.get(c.orderId) as WorkOrderRow);
}

/** Why an assignment ended; `declined` and `expired` keep the order from being offered to them again. */
export type AssignmentEnd = 'declined' | 'expired' | 'reassigned' | 'unassigned' | 'completed' | 'cancelled';

export async function endActiveAssignment(
  db: Executor,
  orders: OrderIds,
  at: Date,
  reason: AssignmentEnd
): Promise<void> {
  await db
    .update(assignments)
    .set({ active: false, endedAt: at, endedReason: reason })
    .where(and(inArray(assignments.workOrderId, idList(orders)), eq(assignments.active, true)));
}

/** One insert for any number of rows; the partial unique index refuses a second active one per order. */
export async function insertAssignments(
  db: Executor,
  rows: readonly (typeof assignments.$inferInsert)[]
): Promise<void> {
  if (rows.length > 0) await db.insert(assignments).values([...rows]);
}

export async function findActiveAssignment(
  db: Executor,
  orderId: string
): Promise<AssignmentRow | undefined> {
  const [row] = await db
    .select()
    .from(assignments)
    .where(and(eq(assignments.workOrderId, orderId), eq(assignments.active, true)))
    .limit(1);
  return row;
}

export async function countActiveAssignments(db: Executor, orderId: string): Promise<number> {
  return db.$count(assignments, and(eq(assignments.workOrderId, orderId), eq(assignments.active, true)));
}

/** Open orders per technician: the workload the capacity rule counts. */
export async function activeLoadByTechnician(db: Executor): Promise<Map<string, number>> {
  const rows = await db
    .select({ id: assignments.technicianId, n: sql<number>`count(*)::int` })
    .from(assignments)
    .where(eq(assignments.active, true))
    .groupBy(assignments.technicianId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

export async function countActiveAssignmentsOf(db: Executor, technicianId: string): Promise<number> {
  return db.$count(
    assignments,
    and(eq(assignments.technicianId, technicianId), eq(assignments.active, true))
  );
}

export type NewAssignment = Omit<typeof assignments.$inferInsert, 'workOrderId'>;

/**
 * Hands the order to `next` (or to nobody): the conditional version step, the end of the previous
 * assignment and its parts reservation, and the new assignment. Undefined when the version moved.
 */
export async function reassignOrder(
  db: Executor,
  { at, ...change }: OrderChange,
  next: NewAssignment | null
): Promise<WorkOrderRow | undefined> {
  try {
    const [row] = await reassignOrders(db, [{ change, next }], at);
    return row;
  } catch (err) {
    // One order: its stale version stopped the first statement, so nothing is written to roll back.
    if (err instanceof StaleOrderError) return undefined;
    throw err;
  }
}

export interface Handover {
  change: Omit<OrderChange, 'at'>;
  next: NewAssignment | null;
}

/**
 * `reassignOrder` for many orders in a handful of statements, whatever their number (a dispatch sweep).
 * Throws `StaleOrderError` when any order's version moved: the caller's transaction must then roll back.
 */
export async function reassignOrders(
  db: Executor,
  moves: readonly Handover[],
  at: Date
): Promise<WorkOrderRow[]> {
  if (moves.length === 0) return [];
  const ids = moves.map((m) => m.change.orderId);
  const rows = await advanceOrders(
    db,
    moves.map((m) => m.change),
    at
  );
  const ending = (reassigned: boolean) =>
    moves.filter((m) => (m.next !== null) === reassigned).map((m) => m.change.orderId);
  for (const [orders, reason] of [
    [ending(true), 'reassigned'],
    [ending(false), 'unassigned']
  ] as const)
    if (orders.length > 0) await endActiveAssignment(db, orders, at, reason);
  // Parts held for the previous assignee go back to the depot.
  await releaseOrderParts(db, ids, at);
  await insertAssignments(
    db,
    moves.flatMap((m) => (m.next ? [{ ...m.next, workOrderId: m.change.orderId }] : []))
  );
  return rows;
}

/** An accepted offer no longer runs out. */
export async function settleOffer(db: Executor, orderId: string): Promise<void> {
  await db
    .update(assignments)
    .set({ expiresAt: null })
    .where(and(eq(assignments.workOrderId, orderId), eq(assignments.active, true)));
}

export interface DueOffer {
  orderId: string;
  technicianId: string;
  version: number;
}

/** Offers still unanswered at `now`, oldest deadline first. */
export async function dueOffers(db: Executor, now: Date, limit: number): Promise<DueOffer[]> {
  return db
    .select({
      orderId: assignments.workOrderId,
      technicianId: assignments.technicianId,
      version: workOrders.version
    })
    .from(assignments)
    .innerJoin(workOrders, eq(workOrders.id, assignments.workOrderId))
    .where(
      and(
        eq(assignments.active, true),
        isNotNull(assignments.expiresAt),
        lte(assignments.expiresAt, now),
        eq(workOrders.status, 'offered')
      )
    )
    .orderBy(asc(assignments.expiresAt))
    .limit(limit);
}

/** A reopened order starts afresh: nobody's earlier decline or lapse keeps them from it any longer. */
export async function forgetDeclines(db: Executor, orderId: string): Promise<void> {
  await db
    .update(assignments)
    .set({ beforeReopen: true })
    .where(and(eq(assignments.workOrderId, orderId), eq(assignments.beforeReopen, false)));
}

/** Per order, the technicians who declined its offer or let it lapse since it was last reopened. */
export async function declinedTechnicians(
  db: Executor,
  orderIds: readonly string[]
): Promise<Map<string, string[]>> {
  const declined = new Map<string, string[]>();
  if (orderIds.length === 0) return declined;
  const rows = await db
    .selectDistinct({ orderId: assignments.workOrderId, technicianId: assignments.technicianId })
    .from(assignments)
    .where(
      and(
        inArray(assignments.workOrderId, [...orderIds]),
        inArray(assignments.endedReason, ['declined', 'expired']),
        eq(assignments.beforeReopen, false)
      )
    );
  for (const r of rows) declined.set(r.orderId, [...(declined.get(r.orderId) ?? []), r.technicianId]);
  return declined;
}
