// Milestone payouts: the partner's and technician's shares are paid in parts as the order reaches its
// milestones (by default 70 % on completion, 30 % on the customer's acceptance). Each payout moves
// pending → payable (its milestone is reached) → paid (finance paid it), or to void when the order is
// cancelled before it was paid (void.ts), and no other way.
import { BP_ONE, type Bp, type Fen } from '../pricing/money';
import { allocate } from './allocate';
import type { Party, PerParty } from './party';

export const MILESTONES = ['completed', 'accepted'] as const;
export type Milestone = (typeof MILESTONES)[number];

/** Shares of each payee's amount per milestone, in basis points summing to 10,000; in payment order. */
export type MilestoneSchedule = { milestone: Milestone; share: Bp }[];

export const DEFAULT_MILESTONES: MilestoneSchedule = [
  { milestone: 'completed', share: 7_000 },
  { milestone: 'accepted', share: 3_000 }
];

/** The platform keeps its share; the others are paid out. */
export type Payee = Exclude<Party, 'platform'>;
export const PAYEES = ['technician', 'partner'] as const satisfies readonly Payee[];

export const PAYOUT_STATUSES = ['pending', 'payable', 'paid', 'void'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

export interface Payout {
  /** `technician:completed` for a milestone's part, `adjustment:<id>` for an adjustment. */
  id: string;
  payee: Payee;
  milestone: Milestone;
  /** Negative for a deduction, which the payment run nets against the payee's other payable amounts. */
  amount: Fen;
  status: PayoutStatus;
  /** Adjustments only: why. */
  reason?: string;
}

/**
 * Each payee's share split over the schedule by largest remainder (ties to the earlier milestone, so
 * an odd fen is paid sooner). Parts of 0 fen are left out.
 */
export function schedulePayouts(shares: PerParty<Fen>, schedule: MilestoneSchedule): Payout[] {
  // Loops rather than flatMap: this runs for every settlement, and flatMap was most of its time.
  const payouts: Payout[] = [];
  for (const payee of PAYEES) {
    const share = shares[payee];
    const amounts = allocate(
      share,
      schedule.map((m) => share * m.share),
      BP_ONE
    );
    schedule.forEach(({ milestone }, i) => {
      const amount = amounts[i] ?? 0;
      if (amount !== 0)
        payouts.push({ id: `${payee}:${milestone}`, payee, milestone, amount, status: 'pending' });
    });
  }
  return payouts;
}

/** Reaching a milestone makes its pending payouts payable; reaching it again changes nothing. */
export function reachMilestone(payouts: readonly Payout[], milestone: Milestone): Payout[] {
  return payouts.map((p) =>
    p.milestone === milestone && p.status === 'pending' ? { ...p, status: 'payable' } : p
  );
}

export type PayResult =
  | { type: 'paid'; payouts: Payout[] }
  | { type: 'refused'; reason: 'unknown-payout' | 'not-payable-yet' | 'already-paid' | 'void' };

/** Only a payable payout can be paid, once. */
export function markPaid(payouts: readonly Payout[], id: string): PayResult {
  const payout = payouts.find((p) => p.id === id);
  if (!payout) return { type: 'refused', reason: 'unknown-payout' };
  if (payout.status === 'pending') return { type: 'refused', reason: 'not-payable-yet' };
  if (payout.status === 'paid') return { type: 'refused', reason: 'already-paid' };
  if (payout.status === 'void') return { type: 'refused', reason: 'void' };
  return { type: 'paid', payouts: payouts.map((p) => (p.id === id ? { ...p, status: 'paid' } : p)) };
}
