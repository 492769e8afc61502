// The SLA as people use it: the wall's board, an order's SLA view, acknowledging an escalation and
// starting or ending a waiting state. Changes lock the order's SLA row like every other SLA change and
// publish after commit.
import {
  countBreachesSince,
  findSlaSnapshots,
  findWorkOrder,
  listOpenSlaSnapshots,
  type Database,
  type SlaSnapshot
} from '../../db';
import type { Clock } from '../../dispatcher/clock';
import { acknowledge } from '../../dispatcher/sla/ladder';
import type { PauseReason } from '../../dispatcher/sla/sla-clock';
import { DAY, HOUR } from '../../dispatcher/sla/time';
import { canSeeRegion, isSupervisor, type Principal } from '../auth/scope';
import type { OrderSlaView, SlaBoard, SlaBoardRow } from '../contract';
import type { OrderPriority } from '../events';
import { HttpError } from '../http/errors';
import { regionsToList } from '../http/region-query';
import { toBoardRow, toOrderSlaView } from './board-row';
import type { SlaEngine } from './engine';
import { setWaiting } from './moves';
import { fromRows, isOpen, type OrderSlaState } from './order-state';
import type { SlaSettings } from './settings';
import { SlaUpdate } from './update';

/** Midnight in Beijing (UTC+8, no daylight saving) of the day `t` falls on. */
const beijingMidnight = (t: number): Date => new Date(Math.floor((t + 8 * HOUR) / DAY) * DAY - 8 * HOUR);

const stateOf = (snap: SlaSnapshot): OrderSlaState =>
  fromRows(snap.sla, snap.escalation, { ...snap.order, priority: snap.order.priority as OrderPriority });

/** Soonest breach first; rows held by a pause (no due time) after them, least time left first. */
const byBreach = (a: SlaBoardRow, b: SlaBoardRow): number =>
  (a.dueAt ? Date.parse(a.dueAt) : Infinity) - (b.dueAt ? Date.parse(b.dueAt) : Infinity) ||
  a.remainingMs - b.remainingMs;

const conflict = (code: string, message: string) => new HttpError(409, code, message);

export class SlaService {
  constructor(
    private readonly db: Database,
    private readonly engine: SlaEngine,
    private readonly settings: SlaSettings,
    private readonly clock: Clock,
    private readonly allRegionIds: readonly string[]
  ) {}

  async board(user: Principal, regionId: string | undefined): Promise<SlaBoard> {
    const regionIds = regionsToList(user, regionId, this.allRegionIds);
    const at = this.clock.now().getTime();
    const [snapshots, breaches] = await Promise.all([
      listOpenSlaSnapshots(this.db, regionIds),
      countBreachesSince(this.db, regionIds, beijingMidnight(at))
    ]);
    const rows = snapshots
      .map((snap) => toBoardRow(stateOf(snap), this.settings.calendar, at))
      .filter((row): row is SlaBoardRow => row !== null)
      .sort(byBreach);
    return {
      at: new Date(at).toISOString(),
      rows,
      breachesToday: Object.fromEntries(regionIds.map((id) => [id, breaches.get(id) ?? 0]))
    };
  }

  /** The `sla` of each order that has one. */
  async views(orderIds: readonly string[]): Promise<Map<string, OrderSlaView>> {
    const at = this.clock.now().getTime();
    const snapshots = await findSlaSnapshots(this.db, orderIds);
    return new Map(
      snapshots.map((snap) => [snap.sla.orderId, toOrderSlaView(stateOf(snap), this.settings.calendar, at)])
    );
  }

  acknowledge(user: Principal, orderId: string, reason: string): Promise<OrderSlaView> {
    return this.#change(user, orderId, (u) => {
      const run = u.state.escalation;
      if (!run || run.state.resolvedAt !== null)
        throw conflict('nothing_to_acknowledge', 'no escalation is running');
      const result = acknowledge(run.state, `user:${user.username}`, u.at);
      if (result.type === 'refused') throw conflict(result.reason, 'the escalation is acknowledged already');
      u.state = { ...u.state, escalation: { ...run, state: result.state } };
      u.event('sla.acknowledged', { level: run.level, cycle: run.cycle, reason });
    });
  }

  setWaiting(
    user: Principal,
    orderId: string,
    reason: PauseReason,
    waiting: boolean,
    note: string
  ): Promise<OrderSlaView> {
    return this.#change(user, orderId, (u) => {
      if (waiting && !isOpen(u.state)) throw conflict('order_finished', 'no clock of this order is running');
      if (!setWaiting(u, reason, waiting))
        throw conflict(
          waiting ? 'already_waiting' : 'not_waiting',
          `the order is ${waiting ? 'already' : 'not'} ${reason}`
        );
      u.event(waiting ? 'order.waiting_started' : 'order.waiting_ended', { reason, note });
    });
  }

  async #change(user: Principal, orderId: string, apply: (u: SlaUpdate) => void): Promise<OrderSlaView> {
    const at = this.clock.now().getTime();
    const { effects, state } = await this.db.transaction(async (tx) => {
      const s = await this.engine.store.lock(tx, orderId);
      if (!s) {
        if (!(await findWorkOrder(tx, { id: orderId })))
          throw new HttpError(404, 'not_found', 'no such work order');
        throw conflict('no_sla', 'this order has no SLA');
      }
      this.#authorize(user, s);
      const u = new SlaUpdate(s, s, `user:${user.username}`, at);
      apply(u);
      return { effects: await this.engine.store.save(tx, u), state: u.state };
    });
    this.engine.publish(effects);
    return toOrderSlaView(state, this.settings.calendar, at);
  }

  /** The supervisors of the order's region, and the technician holding it. */
  #authorize(user: Principal, s: OrderSlaState): void {
    const holder = user.technicianId !== null && user.technicianId === s.order.assignedTechnicianId;
    if (holder || (isSupervisor(user) && canSeeRegion(user, s.regionId, this.allRegionIds))) return;
    throw new HttpError(403, 'forbidden', 'this work order is not yours to act on');
  }
}
