// How much an order weighs on the SLA-risk heatmap: nothing while its clocks are on track; from its
// warning point on, more the less time is left (0 at the warning point, 1 at the due time); once
// breached, 1 plus the share of its target it is overdue, at most 2, so one long-forgotten order does
// not outweigh a city of fresh breaches. The order counts by its most pressing clock.
import type { SlaCalendar } from '../sla/calendar';
import { clockStatus, SLA_METRICS, type SlaClock, type SlaMetric } from '../sla/sla-clock';
import type { EpochMs } from '../sla/time';

/** Weight of one clock at `at`; 0 for a clock that is stopped, paused on track, or before its warning. */
export function clockRisk(clock: SlaClock, calendar: SlaCalendar, at: EpochMs): number {
  if (clock.stopped) return 0;
  const status = clockStatus(clock, calendar, at);
  if (status.breached) return 1 + Math.min(1, -status.remainingMs / clock.targetMs);
  if (!status.warning) return 0;
  const window = clock.targetMs * (1 - clock.warningRatio);
  return window > 0 ? Math.min(1, Math.max(0, 1 - status.remainingMs / window)) : 1;
}

export function orderRisk(
  clocks: Record<SlaMetric, SlaClock>,
  calendarOf: (id: string) => SlaCalendar,
  at: EpochMs
): number {
  let risk = 0;
  for (const metric of SLA_METRICS) {
    const clock = clocks[metric];
    risk = Math.max(risk, clockRisk(clock, calendarOf(clock.calendarId), at));
  }
  return risk;
}
