// Holding an order's parts for whoever takes it: reservations at the pick depots and the proposed
// transfers, written in the caller's transaction (so they stand or fall with the assignment), and the
// replenishment alerts the reservations raise.
import { proposeTransfers, reservePicks, type DomainEventInput, type Executor } from '../../db';
import type { PartsPlan } from '../../dispatcher/dispatch/types';

export async function holdParts(
  tx: Executor,
  orderId: string,
  plan: PartsPlan,
  actor: string
): Promise<DomainEventInput[]> {
  const left = await reservePicks(tx, orderId, plan.picks);
  await proposeTransfers(tx, orderId, plan.transfers);
  return left
    .filter((s) => s.available < s.safetyLevel)
    .map((s) => ({
      type: 'stock.below_safety',
      aggregateType: 'depot',
      aggregateId: s.depotId,
      actor,
      payload: { before: null, after: s, reason: `reserved for order ${orderId}` }
    }));
}
