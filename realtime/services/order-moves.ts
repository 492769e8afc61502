// The two 409s every order write can earn, said the same way wherever they arise.
import type { WorkOrderRow } from '../../db';
import type { WorkOrderStatus } from '../../dispatcher/work-order/status';
import { transition, type WorkflowAction } from '../../dispatcher/work-order/workflow';
import { HttpError } from '../http/errors';
import { toOrderSummary } from './work-order-view';

export function versionConflict(current: WorkOrderRow): HttpError {
  return new HttpError(
    409,
    'version_conflict',
    `the order changed: it is at version ${current.version}`,
    undefined,
    {
      current: toOrderSummary(current)
    }
  );
}

/** The state `action` leads to, or the 409 that lists what is allowed instead. */
export function nextStatus(order: WorkOrderRow, action: WorkflowAction): WorkOrderStatus {
  const r = transition(order.status as WorkOrderStatus, action);
  if (r.type === 'illegal')
    throw new HttpError(
      409,
      'illegal_transition',
      `cannot ${action} an order that is ${order.status}`,
      undefined,
      {
        allowed: r.allowed
      }
    );
  return r.to;
}
