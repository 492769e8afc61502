import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WORK_ORDER_STATUSES, type WorkOrderStatus } from '../../../dispatcher/work-order/status';
import { allowedActions, transition, WORKFLOW_ACTIONS } from '../../../dispatcher/work-order/workflow';

describe('the default workflow', () => {
  it('walks an order from intake to closed', () => {
    let status: WorkOrderStatus = 'created';
    for (const action of ['assign', 'accept', 'depart', 'arrive', 'complete', 'confirm', 'close'] as const) {
      const r = transition(status, action);
      if (r.type !== 'moved') throw new Error(`${action} refused from ${status}`);
      status = r.to;
    }
    expect(status).toBe('closed');
  });

  it('refuses an illegal move and lists what is allowed', () => {
    expect(transition('created', 'complete')).toEqual({
      type: 'illegal',
      from: 'created',
      action: 'complete',
      allowed: ['offer', 'assign', 'cancel']
    });
  });

  it('never moves an order out of closed except by reopening', () => {
    expect(allowedActions('closed')).toEqual(['reopen']);
  });

  it('answers every state and action with a move or a refusal that names the allowed actions', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...WORK_ORDER_STATUSES),
        fc.constantFrom(...WORKFLOW_ACTIONS),
        (status, action) => {
          const r = transition(status, action);
          if (r.type === 'moved') expect(allowedActions(status)).toContain(action);
          else expect(r.allowed).not.toContain(action);
        }
      )
    );
  });

  it('lets every state reach closed or cancelled', () => {
    const reachable = (from: WorkOrderStatus, seen = new Set<WorkOrderStatus>()): Set<WorkOrderStatus> => {
      seen.add(from);
      for (const a of allowedActions(from)) {
        const r = transition(from, a);
        if (r.type === 'moved' && !seen.has(r.to)) reachable(r.to, seen);
      }
      return seen;
    };
    for (const s of WORK_ORDER_STATUSES) {
      const r = reachable(s);
      expect(r.has('closed') || r.has('cancelled')).toBe(true);
    }
  });
});
