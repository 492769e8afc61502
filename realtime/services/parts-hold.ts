// Holding orders' parts for whoever takes them: reservations at the pick depots and the proposed
// transfers, written in the caller's transaction (so they stand or fall with the assignments), and the
// replenishment alerts the reservations raise: events to store with it, alerts to publish after commit.
// A supervisor's move holds one order's parts, a dispatch sweep those of all it places, in as many
// statements.
import { proposeTransfers, reserveAll, type Executor } from '../../db';
import type { PartsPlan } from '../../dispatcher/dispatch/types';
import { stockAlerts, type StockAlerts } from './stock-alerts';

export interface PartsHold {
  orderId: string;
  plan: PartsPlan;
}

export async function holdParts(
  tx: Executor,
  holds: readonly PartsHold[],
  actor: string,
  at: Date
): Promise<StockAlerts> {
  const left = await reserveAll(
    tx,
    holds.map((h) => ({ orderId: h.orderId, picks: h.plan.picks }))
  );
  await proposeTransfers(
    tx,
    holds.map((h) => ({ orderId: h.orderId, transfers: h.plan.transfers }))
  );
  const each = holds.map((h, i) => stockAlerts(left[i] ?? [], { orderId: h.orderId, actor, at }));
  return { events: each.flatMap((a) => a.events), alerts: each.flatMap((a) => a.alerts) };
}
