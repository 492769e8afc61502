// An order's settlement: its quote, who gets what of it, and the payouts as the order moves on. Plain
// JSON throughout, so storage keeps it as it is; everything it was computed from is in it (the quote's
// table version, the terms' version and the split policy used), so a statement can always be explained
// after the tables have changed.
import type { RegionId } from '../../geo/cities';
import { assertFen, type Fen } from '../pricing/money';
import type { Quote } from '../pricing/quote';
import { adjustmentPayout, type Adjustment } from './adjustments';
import { markPaid, reachMilestone, schedulePayouts, type Milestone, type Payout } from './milestones';
import type { PerParty } from './party';
import { splitLabour, type SplitPolicy } from './split';
import { splitPolicyFor, type SettlementTerms } from './terms';

export interface Settlement {
  quote: Quote;
  termsId: string;
  termsVersion: number;
  policy: SplitPolicy;
  /** The split of the labour. */
  labourShares: PerParty<Fen>;
  /** labourShares plus each part's cost to its supplier: sums to the quote's total exactly. */
  shares: PerParty<Fen>;
  reached: Milestone[];
  payouts: Payout[];
}

export function settle(
  quote: Quote,
  terms: SettlementTerms,
  who: { regionId: RegionId; partnerId: string | null }
): Settlement {
  const policy = splitPolicyFor(terms, who.regionId, who.partnerId);
  const labourShares = splitLabour(quote.labour, policy);
  const shares = { ...labourShares };
  for (const line of quote.lines)
    if (line.supplier) shares[line.supplier] = assertFen(shares[line.supplier] + line.amount);
  return {
    quote,
    termsId: terms.id,
    termsVersion: terms.version,
    policy,
    labourShares,
    shares,
    reached: [],
    payouts: schedulePayouts(shares, terms.milestones)
  };
}

export function reach(settlement: Settlement, milestone: Milestone): Settlement {
  if (settlement.reached.includes(milestone)) return settlement;
  return {
    ...settlement,
    reached: [...settlement.reached, milestone],
    payouts: reachMilestone(settlement.payouts, milestone)
  };
}

export type AdjustResult =
  { type: 'adjusted'; settlement: Settlement } | { type: 'refused'; reason: 'duplicate-id' };

export function adjust(settlement: Settlement, adjustment: Adjustment): AdjustResult {
  const payout = adjustmentPayout(adjustment, settlement.reached);
  if (settlement.payouts.some((p) => p.id === payout.id)) return { type: 'refused', reason: 'duplicate-id' };
  return { type: 'adjusted', settlement: { ...settlement, payouts: [...settlement.payouts, payout] } };
}

export type PayOutcome =
  { type: 'paid'; settlement: Settlement } | Extract<ReturnType<typeof markPaid>, { type: 'refused' }>;

export function pay(settlement: Settlement, payoutId: string): PayOutcome {
  const result = markPaid(settlement.payouts, payoutId);
  return result.type === 'paid'
    ? { type: 'paid', settlement: { ...settlement, payouts: result.payouts } }
    : result;
}

/** What a payee is owed now: the sum of their payable payouts (deductions net against the rest). */
export function payableTo(settlement: Settlement, payee: Payout['payee']): Fen {
  return settlement.payouts.reduce(
    (sum, p) => (p.payee === payee && p.status === 'payable' ? sum + p.amount : sum),
    0
  );
}
