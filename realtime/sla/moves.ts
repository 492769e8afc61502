// What the order's life does to its SLA: intake starts the clocks (a red alert makes it critical, caps
// the response target and fires the ladder's top level at once), workflow actions meet, cancel or restart
// them, waiting states pause them. Each runs inside the caller's transaction on the locked SLA row.
import type { Transaction, WorkOrderRow } from '../../db';
import { applyOrderEvent, startOrderSla, type SlaOrderEvent } from '../../dispatcher/sla/order-sla';
import type { RedAlert } from '../../dispatcher/sla/red-alert';
import type { PauseReason } from '../../dispatcher/sla/sla-clock';
import type { EpochMs } from '../../dispatcher/sla/time';
import type { OrderPriority } from '../../dispatcher/work-order/intake';
import type { ServiceTypeId } from '../../dispatcher/work-order/service-types';
import type { WorkflowAction } from '../../dispatcher/work-order/workflow';
import type { NotificationService } from '../notify/service';
import { endLadder, fireDueLevel, startLadder } from './ladder-steps';
import type { OrderSlaState } from './order-state';
import type { SlaSettings } from './settings';
import { SlaUpdate } from './update';

const orderFacts = (o: WorkOrderRow): OrderSlaState['order'] => ({
  priority: o.priority as OrderPriority,
  serviceType: o.serviceType,
  assignedTechnicianId: o.assignedTechnicianId
});

/** The clocks of a new order and, for a red alert, its ladder from the top. */
export async function startSla(
  tx: Transaction,
  deps: { settings: SlaSettings; notifications: NotificationService },
  order: WorkOrderRow,
  redAlert: RedAlert | null,
  actor: string,
  at: EpochMs
): Promise<SlaUpdate> {
  const policy = deps.settings.policy();
  const ladder = deps.settings.ladder();
  const sla = startOrderSla(
    policy.value,
    {
      serviceType: order.serviceType as ServiceTypeId,
      priority: order.priority as OrderPriority,
      regionId: order.regionId
    },
    at,
    redAlert
  );
  const u = new SlaUpdate(
    null,
    {
      orderId: order.id,
      regionId: order.regionId,
      version: 1,
      policyId: sla.policyId,
      policyVersion: sla.policyVersion,
      ladderId: ladder.id,
      ladderVersion: ladder.version,
      clocks: sla.clocks,
      redAlert,
      waiting: {},
      status: order.status,
      statusSince: at,
      escalation: null,
      order: orderFacts(order)
    },
    actor,
    at
  );
  u.event('sla.started', {
    policyId: sla.policyId,
    policyVersion: sla.policyVersion,
    targets: Object.fromEntries(Object.values(sla.clocks).map((c) => [c.metric, c.targetMs])),
    redAlert
  });
  if (redAlert) {
    startLadder(u, ladder.value, { type: 'red_alert', keywords: redAlert.keywords }, at);
    await fireDueLevel(tx, deps.notifications, u);
  }
  return u;
}

function applyEvent(u: SlaUpdate, event: SlaOrderEvent): void {
  const s = u.state;
  const { sla, changes } = applyOrderEvent(
    { policyId: s.policyId, policyVersion: s.policyVersion, clocks: s.clocks },
    event,
    u.at
  );
  u.state = { ...s, clocks: sla.clocks };
  for (const c of changes)
    u.event(`sla.${c.change}`, { metric: c.metric, ...(c.reason ? { reason: c.reason } : {}) });
}

/** A ladder ends with the order (completed, cancelled) or once the clock whose breach started it stops. */
function ladderOver(s: OrderSlaState, action: WorkflowAction): string | null {
  if (action === 'complete' || action === 'cancel') return `order ${action}d`;
  const cause = s.escalation?.state.cause;
  if (cause?.type === 'sla_breach' && s.clocks[cause.metric].stopped) return `${cause.metric} clock stopped`;
  return null;
}

export function moveSla(u: SlaUpdate, after: WorkOrderRow, action: WorkflowAction): void {
  const before = u.state;
  applyEvent(u, { type: 'workflow', action });
  const finished = action === 'complete' || action === 'cancel';
  u.state = {
    ...u.state,
    status: after.status,
    statusSince: after.status === before.status ? before.statusSince : u.at,
    // A finished job waits for nobody.
    waiting: finished ? {} : before.waiting,
    order: orderFacts(after)
  };
  const over = ladderOver(u.state, action);
  if (over) endLadder(u, over);
}

/** Starts or ends a waiting state; false when the order already is (or is not) in it. */
export function setWaiting(u: SlaUpdate, reason: PauseReason, waiting: boolean): boolean {
  const s = u.state;
  if ((s.waiting[reason] !== undefined) === waiting) return false;
  applyEvent(u, { type: waiting ? 'pause' : 'resume', reason });
  const rest = Object.fromEntries(Object.entries(s.waiting).filter(([r]) => r !== reason));
  u.state = { ...u.state, waiting: waiting ? { ...rest, [reason]: u.at } : rest };
  return true;
}
