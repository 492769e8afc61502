// Adjustments: a complaint deduction or a bonus, outside the price. The customer's total stays as
// quoted; an adjustment moves money between the platform and a payee, as a payout line of its own with
// its reason, and its audit event.
import type { DomainEvent } from '../events';
import { assertFen, type Fen } from '../pricing/money';
import type { Milestone, Payee, Payout } from './milestones';

export const ADJUSTMENT_KINDS = ['bonus', 'deduction'] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];

export interface Adjustment {
  id: string;
  kind: AdjustmentKind;
  payee: Payee;
  /** More than zero; a deduction is subtracted. */
  amount: Fen;
  reason: string;
  /** Paid (or withheld) with this milestone's payment: usually the last, acceptance. */
  milestone: Milestone;
}

/** The payout of an adjustment: payable at once when its milestone has been reached, else pending. */
export function adjustmentPayout(adjustment: Adjustment, reached: readonly Milestone[]): Payout {
  const { id, kind, payee, amount, reason, milestone } = adjustment;
  if (assertFen(amount) <= 0) throw new RangeError(`an adjustment is more than 0 fen, got ${amount}`);
  return {
    id: `adjustment:${id}`,
    payee,
    milestone,
    amount: kind === 'deduction' ? -amount : amount,
    status: reached.includes(milestone) ? 'payable' : 'pending',
    reason
  };
}

/** The audit event of an adjustment (event table = audit log): who, on which order, and why. */
export function adjustmentEvent(orderId: string, adjustment: Adjustment, actor: string): DomainEvent {
  return {
    type: 'settlement.adjusted',
    aggregateType: 'work_order',
    aggregateId: orderId,
    actor,
    payload: { before: null, after: adjustment, reason: adjustment.reason }
  };
}
