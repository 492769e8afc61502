// The SLA engine of one process: starts an order's clocks in its creating transaction, moves them in
// every workflow transaction, and fires the durable timers. Timers are rows (`sla_timers`); this
// process's TimerQueue holds their due times, rebuilt from the rows on start, so what came due while it
// was down fires once, in order. A firing locks the order's SLA row, then claims the timer row with
// SKIP LOCKED and checks it is still pending and due, so with any number of instances each fires once.
import type { Logger } from 'pino';
import {
  claimTimer,
  findTimer,
  listOverdueTimers,
  listPendingTimers,
  settleTimer,
  type Database,
  type Transaction,
  type WorkOrderRow
} from '../../db';
import type { Clock } from '../../dispatcher/clock';
import { detectRedAlert, type RedAlert, type RedAlertInput } from '../../dispatcher/sla/red-alert';
import type { WorkflowAction } from '../../dispatcher/work-order/workflow';
import type { Bus } from '../bus';
import type { NotificationService } from '../notify/service';
import { TimerQueue } from '../timers/timer-queue';
import { fireTimer } from './fire-timer';
import { moveSla, startSla } from './moves';
import type { SlaSettings } from './settings';
import { SlaStore, type SlaEffects } from './store';
import { SlaUpdate } from './update';

/** How often a process looks for overdue timers that another (stopped) process had queued. */
export const ORPHAN_SWEEP_MS = 30_000;
/** A timer this late is taken to have lost its process; the one that queued it would have fired it. */
const ORPHAN_GRACE_MS = 10_000;
const ACTOR = 'system:sla';

export interface SlaEngineDeps {
  db: Database;
  clock: Clock;
  log: Logger;
  bus: Bus;
  settings: SlaSettings;
  notifications: NotificationService;
}

export class SlaEngine {
  readonly store: SlaStore;
  readonly #queue: TimerQueue;
  #sweep: NodeJS.Timeout | undefined;

  constructor(private readonly deps: SlaEngineDeps) {
    this.store = new SlaStore(deps.settings);
    this.#queue = new TimerQueue({ clock: deps.clock, log: deps.log, fire: (ids) => this.#fireAll(ids) });
  }

  /** Queues every pending timer and starts firing; overdue ones go first, earliest first. */
  async start(): Promise<void> {
    for (const t of await listPendingTimers(this.deps.db)) this.#queue.add(t.id, t.dueAt.getTime());
    this.#queue.start();
    this.#sweep = setInterval(() => void this.sweepOverdue(), ORPHAN_SWEEP_MS);
    this.#sweep.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#sweep);
    await this.#queue.stop();
  }

  /** Fires everything due by the clock's now (a test's fake clock, once moved), and what that makes due. */
  async tick(): Promise<void> {
    const now = () => this.deps.clock.now().getTime();
    do await this.#queue.drain();
    while ((this.#queue.nextAt ?? Infinity) <= now());
  }

  get pendingInQueue(): number {
    return this.#queue.size;
  }

  redAlertOf(order: RedAlertInput): RedAlert | null {
    return detectRedAlert(this.deps.settings.redAlertRule(), order);
  }

  /** In the orders' creating transaction. */
  async startOrders(
    tx: Transaction,
    orders: readonly { order: WorkOrderRow; redAlert: RedAlert | null }[],
    actor: string,
    at: Date
  ): Promise<SlaEffects> {
    const updates: SlaUpdate[] = [];
    for (const { order, redAlert } of orders)
      updates.push(await startSla(tx, this.deps, order, redAlert, actor, at.getTime()));
    return this.store.saveMany(tx, updates);
  }

  /** In the transaction that moved the order (`after` is its new row). */
  orderMoved(
    tx: Transaction,
    after: WorkOrderRow,
    action: WorkflowAction,
    actor: string,
    at: Date
  ): Promise<SlaEffects> {
    return this.ordersMoved(tx, [{ after, action }], actor, at);
  }

  /** In the transaction that moved the orders (`after` is each one's new row; each order at most once). */
  async ordersMoved(
    tx: Transaction,
    moves: readonly { after: WorkOrderRow; action: WorkflowAction }[],
    actor: string,
    at: Date
  ): Promise<SlaEffects> {
    const states = await this.store.lockMany(
      tx,
      moves.map((m) => m.after.id)
    );
    const updates = moves.flatMap(({ after, action }) => {
      const before = states.get(after.id);
      if (!before) return [];
      const u = new SlaUpdate(before, before, actor, at.getTime());
      moveSla(u, after, action);
      return [u];
    });
    return this.store.saveMany(tx, updates);
  }

  /** After commit: the board rows and alerts to the sockets, the new or moved timers to the queue. */
  publish(effects: SlaEffects): void {
    for (const t of effects.timers) this.#queue.add(t.id, t.dueAt.getTime());
    for (const row of effects.updated) this.deps.bus.publish('sla:updated', row);
    for (const removed of effects.removed) this.deps.bus.publish('sla:removed', removed);
    for (const { kind, alert } of effects.alerts) this.deps.bus.publish('sla:alert', kind, alert);
  }

  async #fireAll(ids: number[]): Promise<void> {
    for (const id of ids) {
      try {
        await this.#fire(id);
      } catch (err) {
        // One order's failure must not hold up the others: this one is tried again shortly.
        this.deps.log.warn({ err, timer: id }, 'firing an SLA timer failed; retrying');
        this.#queue.add(id, this.deps.clock.now().getTime() + 5_000);
      }
    }
  }

  async #fire(id: number): Promise<void> {
    const { db } = this.deps;
    const peek = await findTimer(db, id);
    if (peek?.status !== 'pending') return;
    const effects = await db.transaction(async (tx) => {
      // The SLA row first, as every other change of the order takes it: no lock-order deadlock.
      const state = await this.store.lock(tx, peek.orderId);
      const now = this.deps.clock.now();
      const timer = await claimTimer(tx, id, now);
      if (!timer) return undefined;
      if (!state) {
        await settleTimer(tx, id, 'cancelled', now);
        return undefined;
      }
      const u = new SlaUpdate(state, state, ACTOR, now.getTime());
      const fired = await fireTimer(tx, this.deps, u, timer);
      // A timer that does not apply is cancelled; if the order still wants it at another time (a warning
      // a calendar edit moved, a level not due yet), storing the state revives the row at that time.
      await settleTimer(tx, id, fired ? 'fired' : 'cancelled', now);
      return this.store.save(tx, u);
    });
    if (effects) this.publish(effects);
  }

  /** Fires overdue timers straight from the rows: those another (stopped) process had queued. */
  async sweepOverdue(): Promise<void> {
    try {
      const before = new Date(this.deps.clock.now().getTime() - ORPHAN_GRACE_MS);
      const ids = await listOverdueTimers(this.deps.db, before, 500);
      if (ids.length > 0) await this.#fireAll(ids);
    } catch (err) {
      this.deps.log.warn({ err }, 'looking for overdue SLA timers failed');
    }
  }
}
