// Which timers an order's SLA wants now: each running clock's warning and breach, the ladder's next
// level, and a dwell alert for the node (status or waiting state) it is in. Keys carry what makes a timer
// unique (the clock's start, the ladder's trigger, the stay's entry), so a restarted clock or a new stay
// gets timers of its own while one already fired is never fired again.
import type { NewSlaTimer } from '../../db';
import type { SlaCalendar } from '../../dispatcher/sla/calendar';
import { dwellAlert, type DwellNode, type DwellRule } from '../../dispatcher/sla/dwell';
import { nextDue, noticeKey } from '../../dispatcher/sla/ladder';
import { dueAt, SLA_METRICS, warningAt } from '../../dispatcher/sla/sla-clock';
import type { EpochMs } from '../../dispatcher/sla/time';
import type { OrderSlaState } from './order-state';

export const clockTimerKey = (kind: 'warning' | 'breach', metric: string, startedAt: EpochMs): string =>
  `${kind}:${metric}:${startedAt}`;

/** The nodes the order is in, and since when: its status and each waiting state. */
export function currentNodes(s: OrderSlaState): { node: DwellNode; enteredAt: EpochMs }[] {
  const waiting = Object.entries(s.waiting).map(([node, since]) => ({
    node: node as DwellNode,
    enteredAt: since
  }));
  return [{ node: s.status as DwellNode, enteredAt: s.statusSince }, ...waiting];
}

export function plannedTimers(
  s: OrderSlaState,
  calendarOf: (id: string) => SlaCalendar,
  dwellRules: readonly DwellRule[]
): NewSlaTimer[] {
  const base = { orderId: s.orderId };
  const timers: NewSlaTimer[] = [];
  for (const metric of SLA_METRICS) {
    const clock = s.clocks[metric];
    if (clock.stopped) continue;
    const calendar = calendarOf(clock.calendarId);
    const warnAt = warningAt(clock, calendar);
    const due = dueAt(clock, calendar);
    if (warnAt !== null)
      timers.push({
        ...base,
        kind: 'warning',
        key: clockTimerKey('warning', metric, clock.startedAt),
        metric,
        dueAt: new Date(warnAt)
      });
    if (due !== null)
      timers.push({
        ...base,
        kind: 'breach',
        key: clockTimerKey('breach', metric, clock.startedAt),
        metric,
        dueAt: new Date(due)
      });
  }
  const run = s.escalation;
  const next = run ? nextDue(run.ladder, run.state) : null;
  if (run && next)
    timers.push({
      ...base,
      kind: 'escalation',
      key: noticeKey(run.state, next.cycle, next.level),
      level: next.level,
      cycle: next.cycle,
      dueAt: new Date(next.at)
    });
  for (const stay of currentNodes(s)) {
    const alert = dwellAlert(dwellRules, { id: s.orderId, ...stay });
    if (alert)
      timers.push({ ...base, kind: 'dwell', key: alert.key, node: alert.node, dueAt: new Date(alert.dueAt) });
  }
  return timers;
}
