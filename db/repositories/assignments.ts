// Assignment writes. Each one is conditional on the order's version, so of two writers that read the
// same version only the first commits; the partial unique index is the last line of defence.
import { and, asc, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import { assignments, workOrders } from '../schema';
import type { Executor } from '../client';
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

/** Why an assignment ended; `declined` and `expired` keep the order from being offered to them again. */
export type AssignmentEnd = 'declined' | 'expired' | 'reassigned' | 'unassigned' | 'completed' | 'cancelled';

export async function endActiveAssignment(
  db: Executor,
  orderId: string,
  at: Date,
  reason: AssignmentEnd
): Promise<void> {
  await db
    .update(assignments)
    .set({ active: false, endedAt: at, endedReason: reason })
    .where(and(eq(assignments.workOrderId, orderId), eq(assignments.active, true)));
}

export async function insertAssignment(
  db: Executor,
  row: typeof assignments.$inferInsert
): Promise<AssignmentRow> {
  const [created] = await db.insert(assignments).values(row).returning();
  if (!created) throw new Error('assignment insert returned nothing');
  return created;
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
  change: OrderChange,
  next: NewAssignment | null
): Promise<WorkOrderRow | undefined> {
  const row = await advanceOrder(db, change);
  if (!row) return undefined;
  await endActiveAssignment(db, change.orderId, change.at, next ? 'reassigned' : 'unassigned');
  // Parts held for the previous assignee go back to the depot.
  await releaseOrderParts(db, change.orderId, change.at);
  if (next) await insertAssignment(db, { ...next, workOrderId: change.orderId });
  return row;
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

/** Per order, the technicians who declined its offer or let it lapse. */
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
        inArray(assignments.endedReason, ['declined', 'expired'])
      )
    );
  for (const r of rows) declined.set(r.orderId, [...(declined.get(r.orderId) ?? []), r.technicianId]);
  return declined;
}
