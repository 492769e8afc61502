// A settlement's life replayed after the fact, for orders completed before the system knew them (the
// demo's month of history): completion freezes it, the customer's acceptance makes the rest payable, a
// complaint deduction joins the acceptance payment, and the payment runs held since pay what was payable
// by then. The same steps as the live order takes (settle.ts), with when each happened. Pure.
import type { DomainEvent } from '../events';
import { adjustmentEvent, type Adjustment } from './adjustments';
import type { Milestone } from './milestones';
import { adjust, pay, reach, type Settlement } from './settle';

/** What happened to an order after it was quoted, and when (epoch ms). */
export interface PastTimeline {
  completedAt: number;
  /** Null: the customer has not accepted it yet. */
  acceptedAt: number | null;
  deduction: Adjustment | null;
}

/** The customer complains when asked to accept the job (or, not having accepted yet, at once). */
export const deductionAt = (t: PastTimeline): number => t.acceptedAt ?? t.completedAt;

/** Finance's payment runs, oldest first: each pays every payout payable before it. */
export interface PayRun {
  reference: string;
  at: number;
}

export interface PastSettlement {
  settlement: Settlement;
  payoutTimes: Map<string, { payableAt: Date; paidAt: Date | null }>;
  events: (DomainEvent & { at: Date })[];
}

export function replayPast(
  quoted: Settlement,
  orderId: string,
  timeline: PastTimeline,
  payRuns: readonly PayRun[],
  actor: string
): PastSettlement {
  const events: PastSettlement['events'] = [];
  const event = (type: string, at: number, payload: Record<string, unknown>) =>
    events.push({
      type,
      aggregateType: 'work_order',
      aggregateId: orderId,
      actor,
      payload,
      at: new Date(at)
    });
  const reachedAt = new Map<Milestone, number>([['completed', timeline.completedAt]]);
  let s = reach(quoted, 'completed');
  event('settlement.frozen', timeline.completedAt, {
    milestone: 'completed',
    total: s.quote.total,
    technicianShare: s.shares.technician
  });
  if (timeline.deduction) {
    const result = adjust(s, timeline.deduction);
    if (result.type === 'adjusted') {
      s = result.settlement;
      events.push({
        ...adjustmentEvent(orderId, timeline.deduction, actor),
        at: new Date(deductionAt(timeline))
      });
    }
  }
  if (timeline.acceptedAt !== null) {
    reachedAt.set('accepted', timeline.acceptedAt);
    s = reach(s, 'accepted');
  }
  const payoutTimes: PastSettlement['payoutTimes'] = new Map();
  for (const run of payRuns) {
    const due = s.payouts.filter((p) => {
      const since = reachedAt.get(p.milestone);
      return p.status === 'payable' && since !== undefined && since < run.at;
    });
    if (due.length === 0) continue;
    for (const p of due) {
      const result = pay(s, p.id);
      if (result.type === 'paid') s = result.settlement;
      payoutTimes.set(p.id, {
        payableAt: new Date(reachedAt.get(p.milestone) ?? run.at),
        paidAt: new Date(run.at)
      });
    }
    event('settlement.paid', run.at, {
      reference: run.reference,
      payouts: due.map(({ id, payee, amount }) => ({ id, payee, amount }))
    });
  }
  for (const p of s.payouts) {
    const since = reachedAt.get(p.milestone);
    if (p.status === 'payable' && since !== undefined)
      payoutTimes.set(p.id, { payableAt: new Date(since), paidAt: null });
  }
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  return { settlement: s, payoutTimes, events };
}
