// Loads an order's SLA under its row lock and stores a change back: the row (at its next version), the
// ladder, the timers it now wants (new or moved ones go to the queue after commit) and its events. What
// the sockets should hear is returned as effects, published by the caller once the transaction commits.
import {
  appendEvents,
  cancelTimersExcept,
  findEscalation,
  insertOrderSla,
  lockOrderSla,
  saveEscalation,
  schema,
  updateOrderSla,
  upsertTimers,
  type DueTimer,
  type Transaction
} from '../../db';
import { eq } from 'drizzle-orm';
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
    const row = await lockOrderSla(tx, orderId);
    if (!row) return undefined;
    const [order] = await tx
      .select({
        priority: schema.workOrders.priority,
        serviceType: schema.workOrders.serviceType,
        assignedTechnicianId: schema.workOrders.assignedTechnicianId
      })
      .from(schema.workOrders)
      .where(eq(schema.workOrders.id, orderId));
    if (!order) return undefined;
    return fromRows(row, await findEscalation(tx, orderId), {
      ...order,
      priority: order.priority as OrderPriority
    });
  }

  async save(tx: Transaction, update: SlaUpdate): Promise<SlaEffects> {
    const { before, state: s, at } = update;
    const fields = {
      clocks: s.clocks,
      redAlert: s.redAlert,
      waiting: s.waiting,
      status: s.status,
      statusSince: new Date(s.statusSince),
      open: isOpen(s),
      updatedAt: new Date(at)
    };
    const stored = before
      ? await updateOrderSla(tx, s.orderId, fields)
      : await insertOrderSla(tx, {
          ...fields,
          orderId: s.orderId,
          regionId: s.regionId,
          policyId: s.policyId,
          policyVersion: s.policyVersion,
          ladderId: s.ladderId,
          ladderVersion: s.ladderVersion
        });
    const state = { ...s, version: stored.version };
    update.state = state;
    const run = state.escalation;
    if (run && run !== before?.escalation)
      await saveEscalation(tx, {
        orderId: s.orderId,
        ladder: run.ladder,
        state: run.state,
        level: run.level,
        cycle: run.cycle,
        active: run.state.resolvedAt === null,
        updatedAt: new Date(at)
      });
    const planned = plannedTimers(state, this.settings.calendar, this.settings.dwellRules());
    const timers = await upsertTimers(tx, planned);
    await cancelTimersExcept(
      tx,
      s.orderId,
      planned.map((t) => t.key)
    );
    await appendEvents(tx, update.events);
    const row = toBoardRow(state, this.settings.calendar, at);
    const wasOpen = before === null || isOpen(before);
    return {
      updated: row ? [row] : [],
      removed:
        !row && wasOpen ? [{ orderId: s.orderId, regionId: s.regionId, at: new Date(at).toISOString() }] : [],
      alerts: update.alerts,
      timers
    };
  }
}
