// Moves an order along its workflow (accept, depart, arrive, complete, confirm, close, cancel, reopen).
// Assignment moves go through AssignmentService; everything here is one conditional write plus its event.
import {
  advanceOrder,
  appendEvents,
  endActiveAssignment,
  findWorkOrder,
  forgetDeclines,
  consumeReservations,
  releaseOrderParts,
  withdrawTransfers,
  settleOffer,
  type AssignmentEnd,
  type Database,
  type WorkOrderRow
} from '../../db';
import type { Clock } from '../../dispatcher/clock';
import type { WorkflowAction } from '../../dispatcher/work-order/workflow';
import { canSeeRegion, isSupervisor } from '../auth/scope';
import type { Bus } from '../bus';
import { HttpError } from '../http/errors';
import type { SettlementEngine } from '../settlement/engine';
import type { SlaEngine } from '../sla/engine';
import { nextStatus, versionConflict } from './order-moves';
import { toOrderSummary } from './work-order-view';
import type { Actor } from './work-orders';

export const ASSIGNMENT_ACTIONS: readonly WorkflowAction[] = ['offer', 'assign', 'unassign'];
/** What the technician holding the order may do from their phone. */
const TECHNICIAN_ACTIONS: readonly WorkflowAction[] = ['accept', 'decline', 'depart', 'arrive', 'complete'];
/** Only the dispatcher itself runs an offer out; nobody may do it for someone else. */
const SYSTEM_ACTIONS: readonly WorkflowAction[] = ['expire'];
/** After these the technician no longer holds the order (their capacity frees up), and this is why. */
const ENDS: Partial<Record<WorkflowAction, AssignmentEnd>> = {
  decline: 'declined',
  expire: 'expired',
  complete: 'completed',
  cancel: 'cancelled'
};

export class WorkflowService {
  constructor(
    private readonly db: Database,
    private readonly allRegionIds: readonly string[],
    private readonly bus: Bus,
    private readonly clock: Clock,
    private readonly sla: SlaEngine,
    private readonly settlement: SettlementEngine
  ) {}

  async act(
    actor: Actor,
    orderId: string,
    action: WorkflowAction,
    reason: string,
    expectedVersion?: number
  ): Promise<WorkOrderRow> {
    if (ASSIGNMENT_ACTIONS.includes(action))
      throw new HttpError(422, 'validation_failed', 'assignment changes go through /assignment', [
        { path: 'action', message: 'use PUT or DELETE /api/work-orders/:id/assignment' }
      ]);
    const row = await findWorkOrder(this.db, { id: orderId });
    if (!row) throw new HttpError(404, 'not_found', 'no such work order');
    const order = row.order;
    this.#authorize(actor, order, action);
    if (expectedVersion !== undefined && expectedVersion !== order.version) throw versionConflict(order);
    const to = nextStatus(order, action);
    const at = this.clock.now();
    const deadline = row.assignment?.expiresAt;
    // The expiry check runs every few seconds; an answer after the deadline is late even before it has.
    if (action === 'accept' && order.status === 'offered' && deadline && deadline <= at)
      throw new HttpError(409, 'offer_expired', 'the offer ran out before it was accepted');
    const name = actor.kind === 'user' ? `user:${actor.user.username}` : `system:${actor.name}`;
    const result = await this.db.transaction(async (tx) => {
      const next = await advanceOrder(tx, {
        orderId,
        expectedVersion: order.version,
        status: to,
        // Back in the queue or cancelled, nobody holds it: the former holder's phone loses sight of it.
        assignedTechnicianId: to === 'created' || to === 'cancelled' ? null : order.assignedTechnicianId,
        locked: order.locked,
        at
      });
      if (!next) return undefined;
      const end = ENDS[action];
      if (end) await endActiveAssignment(tx, orderId, at, end);
      if (action === 'accept') await settleOffer(tx, orderId);
      if (action === 'reopen') await forgetDeclines(tx, orderId);
      // Parts go back unless they were used: a completed job consumed them.
      if (to === 'cancelled' || (to === 'created' && action !== 'reopen'))
        await releaseOrderParts(tx, orderId, at);
      if (action === 'complete') {
        // The job used what it held; a shipment still only proposed is no longer needed.
        await consumeReservations(tx, orderId, at);
        await withdrawTransfers(tx, orderId, at, ['proposed']);
      }
      await appendEvents(tx, [
        {
          type: `order.${action}`,
          aggregateType: 'work_order',
          aggregateId: orderId,
          actor: name,
          payload: {
            before: { status: order.status, version: order.version },
            after: { status: next.status, version: next.version },
            reason
          }
        }
      ]);
      return {
        next,
        effects: await this.sla.orderMoved(tx, next, action, name, at),
        earnings: await this.settlement.orderMoved(tx, next, action, name, at)
      };
    });
    if (!result) {
      const current = await findWorkOrder(this.db, { id: orderId });
      throw versionConflict(current?.order ?? order);
    }
    this.bus.publish('order:updated', toOrderSummary(result.next), order.assignedTechnicianId);
    this.sla.publish(result.effects);
    this.settlement.publish(result.earnings);
    return result.next;
  }

  #authorize(actor: Actor, order: WorkOrderRow, action: WorkflowAction): void {
    if (actor.kind === 'system') return;
    const { user } = actor;
    if (SYSTEM_ACTIONS.includes(action))
      throw new HttpError(403, 'forbidden', `only the dispatcher may ${action} an order`);
    if (user.role === 'technician') {
      if (!user.technicianId || order.assignedTechnicianId !== user.technicianId)
        throw new HttpError(403, 'forbidden', 'this order is not yours');
      if (!TECHNICIAN_ACTIONS.includes(action))
        throw new HttpError(403, 'forbidden', `a technician cannot ${action} an order`);
      return;
    }
    if (!isSupervisor(user)) throw new HttpError(403, 'forbidden', 'this role cannot change orders');
    if (!canSeeRegion(user, order.regionId, this.allRegionIds))
      throw new HttpError(403, 'forbidden', 'this work order is outside your regions');
  }
}
