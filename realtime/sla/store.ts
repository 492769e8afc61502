// Loads an order's SLA under its row lock and stores a change back: the row (at its next version), the
// ladder, the timers it now wants (new or moved ones go to the queue after commit) and its events. What
// the sockets should hear is returned as effects, published by the caller once the transaction commits.
import {
  appendEvents,
  cancelTimersExcept,
  lockSlaSnapshots,
  saveEscalations,
  saveOrderSlas,
  upsertTimers,
  type DueTimer,
  type Transaction
} from '../../db';
import type { SlaBoardRow } from '../contract';
import type { OrderPriority } from '../events';
import { toBoardRow } from './board-row';
import { fromRows, isOpen, type OrderSlaState } from './order-state';
import type { SlaSettings } from './settings';
import { plannedTimers } from './timer-plan';
import type { SlaUpdate } from './update';

export interface SlaEffects {
  updated: SlaBoardRow[];
  removed: { orderId: string; regionId: string; at: string }[];
  alerts: SlaUpdate['alerts'];
  timers: DueTimer[];
}

export const noEffects = (): SlaEffects => ({ updated: [], removed: [], alerts: [], timers: [] });

export class SlaStore {
  constructor(readonly settings: SlaSettings) {}

  /** The order's SLA, locked until the transaction ends; undefined for an order without one. */
  async lock(tx: Transaction, orderId: string): Promise<OrderSlaState | undefined> {
    return (await this.lockMany(tx, [orderId])).get(orderId);
  }

  /** The orders' SLAs by order id, locked until the transaction ends; orders without one are absent. */
  async lockMany(tx: Transaction, orderIds: readonly string[]): Promise<Map<string, OrderSlaState>> {
    const rows = await lockSlaSnapshots(tx, orderIds);
    return new Map(
      rows.map(({ sla, escalation, order }) => [
        sla.orderId,
        fromRows(sla, escalation, { ...order, priority: order.priority as OrderPriority })
      ])
    );
  }

  save(tx: Transaction, update: SlaUpdate): Promise<SlaEffects> {
    return this.saveMany(tx, [update]);
  }

  /**
   * Stores the changes of several orders (each at most once) with a statement per table, not per order:
   * the rows at their next versions, the ladders that changed, the timers each now wants (and the pending
   * ones it no longer wants cancelled) and their events.
   */
  async saveMany(tx: Transaction, updates: readonly SlaUpdate[]): Promise<SlaEffects> {
    if (updates.length === 0) return noEffects();
    const stored = await saveOrderSlas(
      tx,
      updates.map(({ state: s, at }) => ({
        orderId: s.orderId,
        regionId: s.regionId,
        policyId: s.policyId,
        policyVersion: s.policyVersion,
        ladderId: s.ladderId,
        ladderVersion: s.ladderVersion,
        clocks: s.clocks,
        redAlert: s.redAlert,
        waiting: s.waiting,
        status: s.status,
        statusSince: new Date(s.statusSince),
        open: isOpen(s),
        updatedAt: new Date(at)
      }))
    );
    const versions = new Map(stored.map((r) => [r.orderId, r.version]));
    for (const u of updates)
      u.state = { ...u.state, version: versions.get(u.state.orderId) ?? u.state.version };
    await saveEscalations(
      tx,
      updates.flatMap(({ before, state: s, at }) => {
        const run = s.escalation;
        if (!run || run === before?.escalation) return [];
        return [
          {
            orderId: s.orderId,
            ladder: run.ladder,
            state: run.state,
            level: run.level,
            cycle: run.cycle,
            active: run.state.resolvedAt === null,
            updatedAt: new Date(at)
          }
        ];
      })
    );
    const planned = updates.flatMap(({ state }) =>
      plannedTimers(state, this.settings.calendar, this.settings.dwellRules())
    );
    const timers = await upsertTimers(tx, planned);
    await cancelTimersExcept(
      tx,
      updates.map((u) => u.state.orderId),
      planned
    );
    await appendEvents(
      tx,
      updates.flatMap((u) => u.events)
    );
    const effects = noEffects();
    effects.timers = timers;
    for (const { before, state, at, alerts } of updates) {
      const row = toBoardRow(state, this.settings.calendar, at);
      if (row) effects.updated.push(row);
      else if (before === null || isOpen(before))
        effects.removed.push({
          orderId: state.orderId,
          regionId: state.regionId,
          at: new Date(at).toISOString()
        });
      effects.alerts.push(...alerts);
    }
    return effects;
  }
}
