// Intake: the state a new order starts in and the event that records it. Pure: the caller stores both.
import type { DomainEvent } from '../events';
import type { WorkOrderStatus } from './status';

export const ORDER_PRIORITIES = ['low', 'normal', 'high', 'critical'] as const;
export type OrderPriority = (typeof ORDER_PRIORITIES)[number];

export const ORDER_CHANNELS = ['workbench', 'chat', 'customer_profile', 'ecommerce', 'api'] as const;
export type OrderChannel = (typeof ORDER_CHANNELS)[number];

export interface IntakeFacts {
  channel: OrderChannel;
  priority: OrderPriority;
  regionId: string;
}

export interface IntakeDecision {
  status: WorkOrderStatus;
  event: Omit<DomainEvent, 'aggregateId'>;
}

export function intake(facts: IntakeFacts, actor: string): IntakeDecision {
  return {
    status: 'created',
    event: {
      type: 'order.created',
      aggregateType: 'work_order',
      actor,
      payload: { before: null, after: { status: 'created', ...facts }, reason: `intake via ${facts.channel}` }
    }
  };
}
