// A reservation that leaves a depot's line under its safety level is told twice: as a `stock.below_safety`
// event, stored in the reservation's transaction (the audit log), and as a `depot:alert` for the walls of
// the depot's region, published once that transaction has committed.
import type { DomainEventInput, StockLeft } from '../../db';
import type { DepotAlert } from '../events';

export interface StockAlerts {
  events: DomainEventInput[];
  alerts: DepotAlert[];
}

/** `left` is what `reservePicks` returned for the order; lines still at or above safety say nothing. */
export function stockAlerts(
  left: readonly StockLeft[],
  reservation: { orderId: string; actor: string; at: Date }
): StockAlerts {
  const below = left.filter((l) => l.available < l.safetyLevel);
  const at = reservation.at.toISOString();
  return {
    events: below.map((after) => ({
      type: 'stock.below_safety',
      aggregateType: 'depot',
      aggregateId: after.depotId,
      actor: reservation.actor,
      payload: { before: null, after, reason: `reserved for order ${reservation.orderId}` }
    })),
    alerts: below.map((line) => ({ ...line, at }))
  };
}
