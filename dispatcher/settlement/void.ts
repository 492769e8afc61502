// Cancelling an order voids its settlement: nothing more is owed on it. What finance would expect:
// - what was not paid yet is voided, and kept with status void, so the statement shows what the cancel
//   took away;
// - what was already paid stays paid (the money moved, the record must say so) and is clawed back by a
//   negative payout of the same amount, payable at once, which the next payment run nets against the
//   payee's other payable amounts (as a complaint deduction is);
// - a deduction or clawback already payable stays: it is money owed back, not money owed out.
// A reopened order is quoted again at its next dispatch (`carryOver`).
import type { Payout } from './milestones';

const CLAWBACK = 'clawback:';
export const CLAWBACK_REASON = 'order cancelled after payment';

export function voidPayouts(payouts: readonly Payout[]): Payout[] {
  const next = payouts.map((p): Payout =>
    p.status === 'pending' || (p.status === 'payable' && p.amount > 0) ? { ...p, status: 'void' } : p
  );
  for (const p of payouts)
    if (p.status === 'paid' && p.amount > 0 && !payouts.some((c) => c.id === CLAWBACK + p.id))
      next.push({
        id: CLAWBACK + p.id,
        payee: p.payee,
        milestone: p.milestone,
        amount: -p.amount,
        status: 'payable',
        reason: CLAWBACK_REASON
      });
  return next;
}

/**
 * A requote's payouts: the new schedule, plus what of the previous payouts stays through a requote.
 * Adjustments stay (a voided one comes back pending: the requoted order has reached no milestone yet);
 * paid payouts and clawbacks stay as the record of money that moved, and a new part whose id a paid one
 * holds is numbered on (`technician:completed#2`).
 */
export function carryOver(schedule: readonly Payout[], previous: readonly Payout[]): Payout[] {
  const kept = previous.flatMap((p): Payout[] => {
    if (p.status === 'paid') return [p];
    if (p.reason === undefined) return [];
    return [p.status === 'void' ? { ...p, status: 'pending' } : p];
  });
  const taken = new Set(kept.map((p) => p.id));
  const fresh = schedule.map((p) => {
    let id = p.id;
    for (let n = 2; taken.has(id); n++) id = `${p.id}#${n}`;
    taken.add(id);
    return id === p.id ? p : { ...p, id };
  });
  return [...fresh, ...kept];
}
