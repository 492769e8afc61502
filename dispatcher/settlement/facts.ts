// What an order's settlement is computed from: the quote facts the order gives, plus the surcharges a
// supervisor added by hand. Kept apart, so a requote after the order changed keeps the surcharges, and
// the statement can say who added each and why.
import type { QuoteFacts } from '../pricing/rules';
import type { EpochMs } from '../sla/time';

export const SURCHARGE_KINDS = ['urgent'] as const;
export type SurchargeKind = (typeof SURCHARGE_KINDS)[number];

export interface Surcharge {
  kind: SurchargeKind;
  reason: string;
  actor: string;
  at: EpochMs;
}

export interface SettlementFacts {
  order: QuoteFacts;
  surcharges: Surcharge[];
}

/**
 * The facts the price table sees. An urgent premium prices the order at the table's top urgency
 * (critical), whatever its priority for dispatch: the SLA keeps the order's own priority.
 */
export function pricedFacts(facts: SettlementFacts): QuoteFacts {
  const urgent = facts.surcharges.some((s) => s.kind === 'urgent');
  return urgent ? { ...facts.order, priority: 'critical' } : facts.order;
}

/** Whether adding `kind` would change the price: an order already priced as critical gains nothing. */
export function surchargeApplies(facts: SettlementFacts, kind: SurchargeKind): boolean {
  switch (kind) {
    case 'urgent':
      return pricedFacts(facts).priority !== 'critical';
  }
}
