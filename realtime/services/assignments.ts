// Supervisor overrides: assign, reassign, lock, unassign. Checked in the order a supervisor would want
// to hear about problems (who, what, which version, which rule), then written in one conditional
// transaction so a stale or racing write cannot double-assign.
import {
  advanceOrder,
  appendEvents,
  reassignOrder,
  findWorkOrder,
  StockShortError,
  type Database,
  type WorkOrderRow
} from '../../db';
import type { PartsPlan } from '../../dispatcher/dispatch/types';
import type { Clock } from '../../dispatcher/clock';
import type { WorkOrderStatus } from '../../dispatcher/work-order/status';
import { canSeeRegion, isSupervisor, type Principal } from '../auth/scope';
import type { Bus } from '../bus';
import { HttpError } from '../http/errors';
import type { AssignInput, UnassignInput } from '../schemas/assignment';
import type { Fleet, LiveTechnician } from './fleet';
import { noSettlementEffects, type SettlementEffects, type SettlementEngine } from '../settlement/engine';
import type { SlaEngine } from '../sla/engine';
import { noEffects, type SlaEffects } from '../sla/store';
import { nextStatus, versionConflict } from './order-moves';
import { holdParts } from './parts-hold';
import type { DepotAlert } from '../events';
import { toOrderSummary } from './work-order-view';

/** The hard rules a technician breaks for an order (empty when none). */
export type HardRuleCheck = (order: WorkOrderRow, technician: LiveTechnician) => Promise<string[]>;
/** Where the technician would pick up the order's parts, and what would have to be shipped. */
export type PartsPlanner = (order: WorkOrderRow, technician: LiveTechnician) => Promise<PartsPlan>;

/** The driver's error, or drizzle's wrapping it, carries this SQLSTATE. */
const hasSqlState = (err: unknown, state: string): boolean => {
  const e = err as { code?: string; cause?: { code?: string } };
  return e.code === state || e.cause?.code === state;
};

export const isUniqueViolation = (err: unknown): boolean => hasSqlState(err, '23505');

/** Postgres broke a lock cycle by failing this transaction; the other one went through. */
export const isDeadlock = (err: unknown): boolean => hasSqlState(err, '40P01');

export class AssignmentService {
  constructor(
    private readonly db: Database,
    private readonly fleet: Fleet,
    private readonly allRegionIds: readonly string[],
    private readonly bus: Bus,
    private readonly clock: Clock,
    private readonly hardRules: HardRuleCheck,
    private readonly planParts: PartsPlanner,
    private readonly sla: SlaEngine,
    private readonly settlement: SettlementEngine
  ) {}

  async assign(user: Principal, orderId: string, input: AssignInput): Promise<WorkOrderRow> {
    const order = await this.#loadForOverride(user, orderId, input.expectedVersion);
    const tech = this.fleet.get(input.technicianId);
    if (!tech)
      throw new HttpError(404, 'not_found', 'no such technician', [
        { path: 'technicianId', message: 'unknown technician' }
      ]);
    if (!canSeeRegion(user, tech.regionId, this.allRegionIds))
      throw new HttpError(403, 'forbidden', `technician ${tech.id} is outside your regions`);
    // The same technician again (the drawer's lock toggle): only the lock changes. Re-assigning would
    // undo their acceptance and withdraw the parts already on their way to them.
    if (tech.id === order.assignedTechnicianId)
      return this.#write(user, order, {
        status: order.status as WorkOrderStatus,
        technicianId: tech.id,
        locked: input.lock,
        event: input.lock ? 'order.locked' : 'order.unlocked',
        reason: input.reason,
        violations: [],
        parts: null,
        keepAssignment: true
      });
    const to = nextStatus(order, 'assign');
    const violations = await this.hardRules(order, tech);
    if (violations.length > 0 && !input.confirmViolations)
      throw new HttpError(
        422,
        'hard_rule_violation',
        `technician ${tech.id} breaks: ${violations.join(', ')}; confirm to assign anyway`,
        [{ path: 'technicianId', message: violations.join(', ') }],
        { violations }
      );
    return this.#write(user, order, {
      status: to,
      technicianId: tech.id,
      locked: input.lock,
      event: 'order.assigned',
      reason: input.reason,
      violations,
      parts: await this.planParts(order, tech)
    });
  }

  async unassign(user: Principal, orderId: string, input: UnassignInput): Promise<WorkOrderRow> {
    const order = await this.#loadForOverride(user, orderId, input.expectedVersion);
    const to = nextStatus(order, 'unassign');
    return this.#write(user, order, {
      status: to,
      technicianId: null,
      locked: input.lock,
      event: 'order.unassigned',
      reason: input.reason,
      violations: [],
      parts: null
    });
  }

  async #loadForOverride(user: Principal, orderId: string, expectedVersion: number): Promise<WorkOrderRow> {
    if (!isSupervisor(user)) throw new HttpError(403, 'forbidden', 'only supervisors change assignments');
    const row = await findWorkOrder(this.db, { id: orderId });
    if (!row) throw new HttpError(404, 'not_found', 'no such work order');
    if (!canSeeRegion(user, row.order.regionId, this.allRegionIds))
      throw new HttpError(403, 'forbidden', 'this work order is outside your regions');
    if (row.order.version !== expectedVersion) throw versionConflict(row.order);
    return row.order;
  }

  async #write(
    user: Principal,
    order: WorkOrderRow,
    change: {
      status: WorkOrderStatus;
      technicianId: string | null;
      locked: boolean;
      event: string;
      reason: string;
      violations: string[];
      /** What the new assignee takes from which depot; null when nobody takes the order. */
      parts: PartsPlan | null;
      /** Only the lock changes: the assignment, its reservations and transfers stay as they are. */
      keepAssignment?: boolean;
    }
  ): Promise<WorkOrderRow> {
    const at = this.clock.now();
    const actor = `user:${user.username}`;
    const alerts: DepotAlert[] = [];
    let updated: { next: WorkOrderRow; effects: SlaEffects; earnings: SettlementEffects } | undefined;
    try {
      updated = await this.db.transaction(async (tx) => {
        const step = {
          orderId: order.id,
          expectedVersion: order.version,
          status: change.status,
          assignedTechnicianId: change.technicianId,
          locked: change.locked,
          at
        };
        const next = change.keepAssignment
          ? await advanceOrder(tx, step)
          : await reassignOrder(
              tx,
              step,
              change.technicianId
                ? {
                    technicianId: change.technicianId,
                    kind: 'manual',
                    reason: change.reason,
                    actor,
                    violations: change.violations
                  }
                : null
            );
        if (!next) return undefined;
        const stock = change.parts
          ? await holdParts(tx, [{ orderId: order.id, plan: change.parts }], actor, at)
          : null;
        if (stock) alerts.push(...stock.alerts);
        await appendEvents(tx, [
          {
            type: change.event,
            aggregateType: 'work_order',
            aggregateId: order.id,
            actor,
            payload: {
              before: {
                status: order.status,
                technicianId: order.assignedTechnicianId,
                locked: order.locked,
                version: order.version
              },
              after: {
                status: next.status,
                technicianId: next.assignedTechnicianId,
                locked: next.locked,
                version: next.version
              },
              reason: change.reason,
              confirmedViolations: change.violations,
              ...(change.parts ? { parts: change.parts } : {})
            }
          },
          ...(stock?.events ?? [])
        ]);
        // A lock alone leaves the SLA and the price be; a new holder answers the order (and is paid for
        // it), none puts it back in the queue.
        if (change.keepAssignment) return { next, effects: noEffects(), earnings: noSettlementEffects() };
        const action = change.technicianId ? 'assign' : 'unassign';
        return {
          next,
          effects: await this.sla.orderMoved(tx, next, action, actor, at),
          earnings: await this.settlement.orderMoved(tx, next, action, actor, at)
        };
      });
    } catch (err) {
      if (err instanceof StockShortError)
        throw new HttpError(409, 'stock_changed', `${err.message}; the parts plan changed, try again`);
      if (!isUniqueViolation(err)) throw err;
    }
    if (!updated) {
      const current = await findWorkOrder(this.db, { id: order.id });
      throw versionConflict(current?.order ?? order);
    }
    this.bus.publish('order:updated', toOrderSummary(updated.next), order.assignedTechnicianId);
    for (const alert of alerts) this.bus.publish('depot:alert', alert);
    this.sla.publish(updated.effects);
    this.settlement.publish(updated.earnings);
    return updated.next;
  }
}
