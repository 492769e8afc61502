// An order's three SLA clocks and how workflow events move them. All three start at intake, so each
// measures what the customer waits from the moment they asked:
//   response   met by the first `assign`, or the `accept` of an offer (an unanswered offer is no answer);
//              unassigning later does not undo it
//   arrival    met by `arrive`
//   resolution met by `complete`
//   `cancel` stops every running clock; `reopen` starts all three afresh on the same terms (the old ones
//   live on in the event log); waiting states pause the clocks the policy names for them.
import type { ServiceTypeId } from '../work-order/service-types';
import type { OrderPriority } from '../work-order/intake';
import type { WorkflowAction } from '../work-order/workflow';
import { goalFor, termsFor, type SlaPolicy } from './policy';
import type { RedAlert } from './red-alert';
import {
  pauseClock,
  resumeClock,
  SLA_METRICS,
  startClock,
  stopClock,
  type PauseReason,
  type SlaClock,
  type SlaMetric
} from './sla-clock';
import type { EpochMs } from './time';

export interface OrderSla {
  policyId: string;
  /** The policy version the order started with; its terms are copied into the clocks. */
  policyVersion: number;
  clocks: Record<SlaMetric, SlaClock>;
}

export interface SlaOrderFacts {
  serviceType: ServiceTypeId;
  priority: OrderPriority;
  regionId: string;
}

export type SlaOrderEvent =
  | { type: 'workflow'; action: WorkflowAction }
  /** The order starts waiting for the customer or for parts. */
  | { type: 'pause'; reason: PauseReason }
  | { type: 'resume'; reason: PauseReason };

/** What an event did to one clock: one domain event each (`sla.met`, `sla.paused`, …) for the caller. */
export interface SlaClockChange {
  metric: SlaMetric;
  change: 'met' | 'paused' | 'resumed' | 'cancelled' | 'restarted';
  /** For `paused` and `resumed`. */
  reason?: PauseReason;
}

/** Which workflow actions meet which clock. */
export const MET_BY: Record<SlaMetric, readonly WorkflowAction[]> = {
  response: ['assign', 'accept'],
  arrival: ['arrive'],
  resolution: ['complete']
};

/**
 * The clocks of a new order. A red alert makes it critical and caps the response target at the alert's
 * (30 minutes by default): the policy's own is kept if shorter.
 */
export function startOrderSla(
  policy: SlaPolicy,
  order: SlaOrderFacts,
  at: EpochMs,
  redAlert: RedAlert | null = null
): OrderSla {
  const goal = goalFor(policy, order.serviceType, redAlert?.priority ?? order.priority);
  const clock = (metric: SlaMetric): SlaClock => {
    const terms = termsFor(policy, goal, metric, order.regionId);
    const capped = metric === 'response' && redAlert;
    return startClock(
      metric,
      capped ? { ...terms, targetMs: Math.min(terms.targetMs, redAlert.responseMs) } : terms,
      at
    );
  };
  return {
    policyId: policy.id,
    policyVersion: policy.version,
    clocks: { response: clock('response'), arrival: clock('arrival'), resolution: clock('resolution') }
  };
}

/** One clock's answer to an event and what it did; null or the same clock when it does not concern it. */
function next(
  clock: SlaClock,
  event: SlaOrderEvent,
  at: EpochMs
): [SlaClock, SlaClockChange['change']] | null {
  if (event.type === 'pause') return [pauseClock(clock, event.reason, at), 'paused'];
  if (event.type === 'resume') return [resumeClock(clock, event.reason, at), 'resumed'];
  if (event.action === 'reopen') {
    const { targetMs, warningRatio, calendarId, pausedBy } = clock;
    return [startClock(clock.metric, { targetMs, warningRatio, calendarId, pausedBy }, at), 'restarted'];
  }
  if (event.action === 'cancel') return [stopClock(clock, 'cancelled', at), 'cancelled'];
  if (MET_BY[clock.metric].includes(event.action)) return [stopClock(clock, 'met', at), 'met'];
  return null;
}

export function applyOrderEvent(
  sla: OrderSla,
  event: SlaOrderEvent,
  at: EpochMs
): { sla: OrderSla; changes: SlaClockChange[] } {
  const clocks = { ...sla.clocks };
  const changes: SlaClockChange[] = [];
  for (const metric of SLA_METRICS) {
    const result = next(sla.clocks[metric], event, at);
    if (!result || result[0] === sla.clocks[metric]) continue;
    clocks[metric] = result[0];
    changes.push(
      event.type === 'workflow'
        ? { metric, change: result[1] }
        : { metric, change: result[1], reason: event.reason }
    );
  }
  return { sla: changes.length > 0 ? { ...sla, clocks } : sla, changes };
}
