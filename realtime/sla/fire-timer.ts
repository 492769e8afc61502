// Firing one claimed timer on the locked SLA of its order. Each kind checks that what it was set for
// still holds (the clock it belongs to runs and passed the point, the order is still in the node): a
// timer the order outgrew is cancelled instead of fired.
import type { SlaTimerRow, Transaction } from '../../db';
import { dwellAlert } from '../../dispatcher/sla/dwell';
import { clockStatus, type SlaMetric } from '../../dispatcher/sla/sla-clock';
import type { NotificationService } from '../notify/service';
import { fireLevel, noticeTarget, startLadder } from './ladder-steps';
import { dwellNotifications } from './notices';
import type { SlaSettings } from './settings';
import { clockTimerKey, currentNodes } from './timer-plan';
import type { SlaUpdate } from './update';

export interface FireDeps {
  settings: SlaSettings;
  notifications: NotificationService;
}

/** Whether it fired; false: the timer no longer applies. */
export async function fireTimer(
  tx: Transaction,
  deps: FireDeps,
  u: SlaUpdate,
  timer: SlaTimerRow
): Promise<boolean> {
  switch (timer.kind) {
    case 'warning':
    case 'breach':
      return clockPoint(tx, deps, u, timer, timer.kind);
    case 'escalation':
      return fireLevel(tx, deps.notifications, u, { level: timer.level ?? 0, cycle: timer.cycle ?? 0 });
    case 'dwell':
      return dwell(tx, deps, u, timer);
  }
}

async function clockPoint(
  tx: Transaction,
  deps: FireDeps,
  u: SlaUpdate,
  timer: SlaTimerRow,
  kind: 'warning' | 'breach'
): Promise<boolean> {
  const metric = timer.metric as SlaMetric;
  const clock = u.state.clocks[metric];
  if (clock.stopped || clockTimerKey(kind, metric, clock.startedAt) !== timer.key) return false;
  const status = clockStatus(clock, deps.settings.calendar(clock.calendarId), u.at);
  const point = kind === 'warning' ? status.warningAt : status.dueAt;
  if (point === null || !(kind === 'warning' ? status.warning : status.breached)) return false;
  u.event(`sla.${kind === 'warning' ? 'warning' : 'breached'}`, {
    metric,
    dueAt: new Date(point).toISOString()
  });
  u.alert(kind === 'warning' ? 'warning' : 'breached', { metric, level: 0, cycle: 0, dueAt: point });
  if (kind === 'breach' && !u.state.escalation) {
    // The ladder counts from the breach instant, not from when this ran: a late timer catches up.
    const ladder = await deps.settings.ladderAt(tx, u.state.ladderId, u.state.ladderVersion);
    startLadder(u, ladder, { type: 'sla_breach', metric }, point);
  }
  return true;
}

async function dwell(tx: Transaction, deps: FireDeps, u: SlaUpdate, timer: SlaTimerRow): Promise<boolean> {
  const stay = currentNodes(u.state).find((n) => n.node === timer.node);
  const alert = stay ? dwellAlert(deps.settings.dwellRules(), { id: u.state.orderId, ...stay }) : null;
  if (!alert || alert.key !== timer.key) return false;
  const deliveries = await deps.notifications.enqueue(
    dwellNotifications(alert, await noticeTarget(tx, u.state)),
    tx
  );
  u.event('sla.dwell', {
    node: alert.node,
    since: new Date(alert.dueAt).toISOString(),
    owner: alert.owner,
    channel: alert.channel,
    deliveries
  });
  return true;
}
