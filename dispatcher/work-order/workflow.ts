// The default workflow until templates arrive: which action moves an order from which state to which.
// Illegal moves are refused with the actions that are allowed, so the caller can say what would work.
import type { WorkOrderStatus } from './status';

export const WORKFLOW = {
  offer: { from: ['created'], to: 'offered' },
  assign: { from: ['created', 'offered', 'assigned', 'accepted'], to: 'assigned' },
  decline: { from: ['offered'], to: 'created' },
  /** The offer's deadline passed without an answer: silence counts as a decline. */
  expire: { from: ['offered'], to: 'created' },
  accept: { from: ['offered', 'assigned'], to: 'accepted' },
  depart: { from: ['accepted'], to: 'en_route' },
  arrive: { from: ['en_route'], to: 'on_site' },
  complete: { from: ['on_site'], to: 'completed' },
  confirm: { from: ['completed'], to: 'customer_accepted' },
  close: { from: ['customer_accepted'], to: 'closed' },
  unassign: { from: ['offered', 'assigned', 'accepted', 'en_route'], to: 'created' },
  cancel: { from: ['created', 'offered', 'assigned', 'accepted', 'en_route', 'on_site'], to: 'cancelled' },
  reopen: { from: ['completed', 'customer_accepted', 'closed', 'cancelled'], to: 'created' }
} as const satisfies Record<string, { from: readonly WorkOrderStatus[]; to: WorkOrderStatus }>;

export type WorkflowAction = keyof typeof WORKFLOW;
export const WORKFLOW_ACTIONS = Object.keys(WORKFLOW) as WorkflowAction[];

export type TransitionResult =
  | { type: 'moved'; from: WorkOrderStatus; to: WorkOrderStatus }
  | { type: 'illegal'; from: WorkOrderStatus; action: WorkflowAction; allowed: WorkflowAction[] };

export function allowedActions(status: WorkOrderStatus): WorkflowAction[] {
  return WORKFLOW_ACTIONS.filter((a) => (WORKFLOW[a].from as readonly WorkOrderStatus[]).includes(status));
}

export function transition(status: WorkOrderStatus, action: WorkflowAction): TransitionResult {
  const rule = WORKFLOW[action];
  if ((rule.from as readonly WorkOrderStatus[]).includes(status))
    return { type: 'moved', from: status, to: rule.to };
  return { type: 'illegal', from: status, action, allowed: allowedActions(status) };
}

/** States in which a technician holds the order. */
export const ASSIGNED_STATUSES: readonly WorkOrderStatus[] = [
  'offered',
  'assigned',
  'accepted',
  'en_route',
  'on_site'
];
