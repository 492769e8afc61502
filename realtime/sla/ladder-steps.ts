// The escalation ladder inside an SLA change: start it, fire the level that is due (its notifications go
// into the outbox in the same transaction, under the ladder's notice key), and end it.
import { findUserOfTechnician, type Transaction } from '../../db';
import {
  fire,
  nextDue,
  resolve,
  trigger,
  type EscalationCause,
  type EscalationLadder
} from '../../dispatcher/sla/ladder';
import type { EpochMs } from '../../dispatcher/sla/time';
import type { NotificationService } from '../notify/service';
import { escalationNotifications, type NoticeTarget } from './notices';
import type { OrderSlaState } from './order-state';
import type { SlaUpdate } from './update';

export async function noticeTarget(tx: Transaction, s: OrderSlaState): Promise<NoticeTarget> {
  const techId = s.order.assignedTechnicianId;
  const user = techId ? await findUserOfTechnician(tx, techId) : undefined;
  return { orderId: s.orderId, regionId: s.regionId, assigneeUserId: user?.id ?? null };
}

export function startLadder(
  u: SlaUpdate,
  ladder: EscalationLadder,
  cause: EscalationCause,
  at: EpochMs
): void {
  const state = trigger(ladder, { orderId: u.state.orderId, cause, at });
  u.state = { ...u.state, escalation: { ladder, state, level: 0, cycle: state.cycle } };
  u.event('sla.escalation_started', { ladderId: ladder.id, cause, at: new Date(at).toISOString() });
}

/**
 * Fires `level` of `cycle` if the ladder says it is the one due; true when it fired. A refusal leaves the
 * ladder as it is: the level passed or was stopped, or (early) its timer is moved to the right time.
 */
export async function fireLevel(
  tx: Transaction,
  notifications: NotificationService,
  u: SlaUpdate,
  want: { level: number; cycle: number }
): Promise<boolean> {
  const run = u.state.escalation;
  if (!run) return false;
  const result = fire(run.ladder, run.state, want.level, want.cycle, u.at);
  if (result.type === 'refused') return false;
  const { notice } = result;
  const deliveries = await notifications.enqueue(
    escalationNotifications(notice, await noticeTarget(tx, u.state)),
    tx
  );
  u.state = {
    ...u.state,
    escalation: { ...run, state: result.state, level: notice.level, cycle: notice.cycle }
  };
  u.event('sla.escalated', {
    level: notice.level,
    cycle: notice.cycle,
    cause: notice.cause,
    channel: notice.channel,
    recipients: notice.recipients,
    dueAt: new Date(notice.dueAt).toISOString(),
    key: notice.key,
    deliveries
  });
  u.alert('escalated', {
    metric: notice.cause.type === 'sla_breach' ? notice.cause.metric : 'response',
    level: notice.level,
    cycle: notice.cycle,
    dueAt: notice.dueAt
  });
  return true;
}

/** Fires the ladder's next level if it is due by now: the top level of a red alert, at intake. */
export async function fireDueLevel(
  tx: Transaction,
  notifications: NotificationService,
  u: SlaUpdate
): Promise<void> {
  const run = u.state.escalation;
  const due = run ? nextDue(run.ladder, run.state) : null;
  if (due && due.at <= u.at) await fireLevel(tx, notifications, u, due);
}

export function endLadder(u: SlaUpdate, why: string): void {
  const run = u.state.escalation;
  if (!run || run.state.resolvedAt !== null) return;
  u.state = { ...u.state, escalation: { ...run, state: resolve(run.state, u.at) } };
  u.event('sla.escalation_resolved', { level: run.level, cycle: run.cycle, why });
}
