// Who hears an escalation level or a dwell alert, as notifications for the outbox. A role of the console
// becomes everyone holding it in the order's region (or everywhere); the assignee is the technician's own
// login, and the region's dispatchers when nobody holds the order. Back-office teams without a console
// login (procurement, customer service), and any webhook level, go to the channel's group robot.
import type { EscalationNotice } from '../../dispatcher/sla/ladder';
import type { Channel, Recipient } from '../../dispatcher/sla/recipients';
import type { DwellAlert } from '../../dispatcher/sla/dwell';
import type { SlaMetric } from '../../dispatcher/sla/sla-clock';
import { ROLES, type Role } from '../contract';
import type { Message, Notification } from '../schemas/notification';

export interface NoticeTarget {
  orderId: string;
  regionId: string;
  /** The login of the technician holding the order, if any. */
  assigneeUserId: string | null;
}

const METRIC_NAMES: Record<SlaMetric, string> = { response: '响应', arrival: '上门', resolution: '完工' };
const NODE_NAMES: Record<string, string> = {
  waiting_parts: '等待备件',
  waiting_customer: '等待客户',
  en_route: '在途',
  on_site: '上门处理',
  completed: '完工待验收'
};

const isConsoleRole = (role: string): role is Role => (ROLES as readonly string[]).includes(role);

function notificationsFor(
  recipients: readonly Recipient[],
  channel: Channel,
  target: NoticeTarget,
  message: Message,
  dedupeKey: string
): Notification[] {
  return recipients.map((r): Notification => {
    const base = { ...message, dedupeKey };
    if (channel === 'webhook' || !isConsoleRole(r.role))
      return { ...base, channel: 'webhook', recipient: { type: 'default' } };
    if (r.scope === 'assignee')
      return {
        ...base,
        channel,
        recipient: target.assigneeUserId
          ? { type: 'user', userId: target.assigneeUserId }
          : { type: 'role', role: 'dispatcher', regionId: target.regionId }
      };
    return {
      ...base,
      channel,
      recipient: {
        type: 'role',
        role: r.role,
        ...(r.scope === 'region' ? { regionId: target.regionId } : {})
      }
    };
  });
}

const shortId = (orderId: string) => orderId.slice(0, 8);
const linkTo = (orderId: string) => `/wall?order=${orderId}`;

export function escalationNotifications(notice: EscalationNotice, target: NoticeTarget): Notification[] {
  const why =
    notice.cause.type === 'red_alert'
      ? `红色预警：${notice.cause.keywords.join('、')}`
      : `${METRIC_NAMES[notice.cause.metric]}时限已超时`;
  const message: Message = {
    title: `工单 ${shortId(notice.orderId)} 升级至第 ${notice.level} 级`,
    body: `${why}；第 ${notice.cycle} 轮，请尽快处理并确认。`,
    link: linkTo(notice.orderId),
    orderId: notice.orderId,
    severity: notice.cause.type === 'red_alert' || notice.level > 1 ? 'critical' : 'warning'
  };
  return notificationsFor(notice.recipients, notice.channel, target, message, notice.key);
}

export function dwellNotifications(alert: DwellAlert, target: NoticeTarget): Notification[] {
  const message: Message = {
    title: `工单 ${shortId(target.orderId)} 在「${NODE_NAMES[alert.node] ?? alert.node}」停留超时`,
    body: `自 ${new Date(alert.dueAt).toISOString()} 起超过该节点时限，请跟进。`,
    link: linkTo(target.orderId),
    orderId: target.orderId,
    severity: 'warning'
  };
  return notificationsFor([alert.owner], alert.channel, target, message, alert.key);
}
