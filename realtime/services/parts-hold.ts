// Holding an order's parts for whoever takes it: reservations at the pick depots and the proposed
// transfers, written in the caller's transaction (so they stand or fall with the assignment), and the
// replenishment alerts the reservations raise: events to store with it, alerts to publish after commit.
import { proposeTransfers, reservePicks, type Executor } from '../../db';
import type { PartsPlan } from '../../dispatcher/dispatch/types';
import { stockAlerts, type StockAlerts } from './stock-alerts';

export async function holdParts(
  tx: Executor,
  orderId: string,
  plan: PartsPlan,
  actor: string,
  at: Date
): Promise<StockAlerts> {
  const left = await reservePicks(tx, orderId, plan.picks);
  await proposeTransfers(tx, orderId, plan.transfers);
  return stockAlerts(left, { orderId, actor, at });
}
