// What the wall and the order page show of an order's SLA, derived from its clocks at one instant: the
// board row (the most urgent clock, its band and countdown, the escalation) and each clock's status.
import type { SlaCalendar } from '../../dispatcher/sla/calendar';
import { nextDue } from '../../dispatcher/sla/ladder';
import {
  clockStatus,
  SLA_METRICS,
  type SlaClockStatus,
  type SlaMetric
} from '../../dispatcher/sla/sla-clock';
import type { EpochMs } from '../../dispatcher/sla/time';
import type { OrderSlaView, SlaBand, SlaBoardRow } from '../contract';
import type { OrderSlaState } from './order-state';

const iso = (t: EpochMs | null): string | null => (t === null ? null : new Date(t).toISOString());

function band(status: SlaClockStatus): SlaBand {
  if (status.breached) return 'breached';
  if (status.warning) return 'warning';
  return status.state === 'paused' ? 'paused' : 'on_track';
}

/** Soonest (or longest past) due time first; clocks held by a pause after them, least time left first. */
const urgency = (a: SlaClockStatus, b: SlaClockStatus): number =>
  (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity) || a.remainingMs - b.remainingMs;

export function escalationView(s: OrderSlaState): SlaBoardRow['escalation'] {
  const run = s.escalation;
  if (!run || run.state.resolvedAt !== null) return null;
  const ack = run.state.acknowledged;
  return {
    level: run.level,
    cycle: run.cycle,
    nextLevelAt: iso(nextDue(run.ladder, run.state)?.at ?? null),
    acknowledgedBy: ack?.by ?? null,
    acknowledgedAt: iso(ack?.at ?? null)
  };
}

function statuses(s: OrderSlaState, calendarOf: (id: string) => SlaCalendar, at: EpochMs) {
  return SLA_METRICS.map((metric) => ({
    metric,
    clock: s.clocks[metric],
    status: clockStatus(s.clocks[metric], calendarOf(s.clocks[metric].calendarId), at)
  }));
}

/** The order's row on the board, or null once no clock counts any more (met, cancelled). */
export function toBoardRow(
  s: OrderSlaState,
  calendarOf: (id: string) => SlaCalendar,
  at: EpochMs
): SlaBoardRow | null {
  const [urgent] = statuses(s, calendarOf, at)
    .filter((c) => c.clock.stopped === null)
    .sort((a, b) => urgency(a.status, b.status));
  if (!urgent) return null;
  const { status } = urgent;
  return {
    orderId: s.orderId,
    version: s.version,
    regionId: s.regionId,
    priority: s.order.priority,
    serviceType: s.order.serviceType,
    status: s.status,
    redAlert: s.redAlert?.keywords ?? null,
    metric: urgent.metric,
    band: band(status),
    dueAt: iso(status.dueAt),
    warningAt: iso(status.warningAt),
    remainingMs: status.remainingMs,
    at: new Date(at).toISOString(),
    escalation: escalationView(s)
  };
}

export function toOrderSlaView(
  s: OrderSlaState,
  calendarOf: (id: string) => SlaCalendar,
  at: EpochMs
): OrderSlaView {
  const clocks = Object.fromEntries(
    statuses(s, calendarOf, at).map(({ metric, clock, status }) => [
      metric,
      {
        state: status.state,
        targetMs: clock.targetMs,
        calendarId: clock.calendarId,
        startedAt: new Date(clock.startedAt).toISOString(),
        stoppedAt: iso(clock.stopped?.at ?? null),
        dueAt: iso(status.dueAt),
        warningAt: iso(status.warningAt),
        remainingMs: status.remainingMs,
        warning: status.warning,
        breached: status.breached
      }
    ])
  ) as Record<SlaMetric, OrderSlaView['clocks'][SlaMetric]>;
  return {
    policyId: s.policyId,
    policyVersion: s.policyVersion,
    redAlert: s.redAlert?.keywords ?? null,
    clocks,
    waiting: Object.entries(s.waiting).map(([reason, since]) => ({
      reason: reason as OrderSlaView['waiting'][number]['reason'],
      since: new Date(since).toISOString()
    })),
    row: toBoardRow(s, calendarOf, at),
    escalation: escalationView(s)
  };
}
