// Dwell alerts: an order that stays in one node longer than the node's limit tells the node's owner, once
// per stay. Limits count wall-clock time: a part that has not come in 24 h is late on a Sunday too.
import type { WorkOrderStatus } from '../work-order/status';
import type { Channel, Recipient } from './recipients';
import type { PauseReason } from './sla-clock';
import { HOUR, type EpochMs } from './time';

/** Workflow states, and the waiting states that pauses stand for until templates make them nodes. */
export type DwellNode = WorkOrderStatus | PauseReason;

export interface DwellRule {
  node: DwellNode;
  limitMs: number;
  owner: Recipient;
  channel: Channel;
}

export const DEFAULT_DWELL_RULES: DwellRule[] = [
  {
    node: 'waiting_parts',
    limitMs: 24 * HOUR,
    owner: { role: 'procurement', scope: 'region' },
    channel: 'in_app'
  },
  {
    node: 'waiting_customer',
    limitMs: 48 * HOUR,
    owner: { role: 'customer_service', scope: 'region' },
    channel: 'in_app'
  },
  // On the way or on site for this long means the technician is stuck, or forgot to update the order.
  { node: 'en_route', limitMs: 4 * HOUR, owner: { role: 'dispatcher', scope: 'region' }, channel: 'in_app' },
  { node: 'on_site', limitMs: 8 * HOUR, owner: { role: 'dispatcher', scope: 'region' }, channel: 'in_app' },
  // Done but not accepted by the customer (验收) for three days: customer service calls them.
  {
    node: 'completed',
    limitMs: 72 * HOUR,
    owner: { role: 'customer_service', scope: 'region' },
    channel: 'in_app'
  }
];

export interface DwellAlert {
  /** Unique per order, node and stay, for the outbox. */
  key: string;
  node: DwellNode;
  dueAt: EpochMs;
  owner: Recipient;
  channel: Channel;
}

/** When the stay in `node` that began at `enteredAt` becomes too long; null for a node without a limit. */
export function dwellAlert(
  rules: readonly DwellRule[],
  order: { id: string; node: DwellNode; enteredAt: EpochMs }
): DwellAlert | null {
  const rule = rules.find((r) => r.node === order.node);
  if (!rule) return null;
  return {
    key: `dwell:${order.id}:${order.node}:${order.enteredAt}`,
    node: order.node,
    dueAt: order.enteredAt + rule.limitMs,
    owner: rule.owner,
    channel: rule.channel
  };
}
