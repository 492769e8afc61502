// One change to an order's SLA while its row is locked: the state as it becomes, the domain events that
// record it and the socket alerts to send once it is committed.
import type { DomainEventInput } from '../../db';
import type { SlaMetric } from '../../dispatcher/sla/sla-clock';
import type { EpochMs } from '../../dispatcher/sla/time';
import type { SlaAlert } from '../events';
import type { OrderSlaState } from './order-state';

export type SlaAlertKind = 'warning' | 'breached' | 'escalated';

export class SlaUpdate {
  readonly events: DomainEventInput[] = [];
  readonly alerts: { kind: SlaAlertKind; alert: SlaAlert }[] = [];

  constructor(
    /** As loaded: null for an order whose SLA starts now. */
    readonly before: OrderSlaState | null,
    public state: OrderSlaState,
    readonly actor: string,
    readonly at: EpochMs
  ) {}

  event(type: string, payload: Record<string, unknown>): void {
    this.events.push({
      type,
      aggregateType: 'work_order',
      aggregateId: this.state.orderId,
      actor: this.actor,
      payload
    });
  }

  alert(kind: SlaAlertKind, a: { metric: SlaMetric; level: number; cycle: number; dueAt: EpochMs }): void {
    this.alerts.push({
      kind,
      alert: {
        workOrderId: this.state.orderId,
        regionId: this.state.regionId,
        ...a,
        dueAt: new Date(a.dueAt).toISOString(),
        at: new Date(this.at).toISOString()
      }
    });
  }
}
