import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALWAYS_CALENDAR, CN_BUSINESS_CALENDAR } from '../../../../dispatcher/sla/cn-calendar';
import {
  applyOrderEvent,
  startOrderSla,
  type OrderSla,
  type SlaOrderEvent
} from '../../../../dispatcher/sla/order-sla';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../../../../dispatcher/sla/policy';
import { DEFAULT_RED_ALERT_RULE, detectRedAlert } from '../../../../dispatcher/sla/red-alert';
import { elapsedMs, PAUSE_REASONS, SLA_METRICS } from '../../../../dispatcher/sla/sla-clock';
import { HOUR, MINUTE } from '../../../../dispatcher/sla/time';
import type { WorkOrderStatus } from '../../../../dispatcher/work-order/status';
import {
  transition,
  WORKFLOW_ACTIONS,
  type WorkflowAction
} from '../../../../dispatcher/work-order/workflow';

const T0 = Date.parse('2025-11-17T10:00:00+08:00');
const policy = DEFAULT_SLA_POLICY;
const order = { serviceType: 'washer', priority: 'normal', regionId: 'east' } as const;

const run = (sla: OrderSla, ...steps: [SlaOrderEvent, number][]) =>
  steps.reduce((s, [event, at]) => applyOrderEvent(s, event, at).sla, sla);
const act = (action: WorkflowAction): SlaOrderEvent => ({ type: 'workflow', action });

describe('starting an order’s clocks', () => {
  it('copies the targets of its priority and counts normal orders in the business calendar', () => {
    const sla = startOrderSla(policy, order, T0);
    expect(sla).toMatchObject({ policyId: 'default', policyVersion: 1 });
    expect(sla.clocks.response).toMatchObject({
      startedAt: T0,
      targetMs: 2 * HOUR,
      warningRatio: 0.75,
      calendarId: CN_BUSINESS_CALENDAR.id,
      pausedBy: ['waiting_customer'],
      pauses: [],
      stopped: null
    });
    expect(sla.clocks.resolution.pausedBy).toEqual(['waiting_customer', 'waiting_parts']);
  });

  it('takes a service type’s own goal where the policy has one, and the region’s business calendar', () => {
    const regional: SlaPolicy = { ...policy, businessCalendars: { default: 'cn', byRegion: { west: 'xj' } } };
    const cold = startOrderSla(
      regional,
      { ...order, serviceType: 'commercial_refrigeration', priority: 'high' },
      T0
    );
    expect(cold.clocks.arrival).toMatchObject({ targetMs: 4 * HOUR, calendarId: ALWAYS_CALENDAR.id });
    expect(startOrderSla(regional, { ...order, regionId: 'west' }, T0).clocks.arrival.calendarId).toBe('xj');
  });

  it('makes a red-alert order critical with a 30-minute response clock round the clock', () => {
    const alert = detectRedAlert(DEFAULT_RED_ALERT_RULE, { description: '厨房燃气泄漏，有味道', fields: {} });
    const sla = startOrderSla(policy, { ...order, priority: 'low' }, T0, alert);
    expect(sla.clocks.response).toMatchObject({ targetMs: 30 * MINUTE, calendarId: ALWAYS_CALENDAR.id });
    expect(sla.clocks.arrival.targetMs).toBe(policy.byPriority.critical.arrivalMs);
  });

  it('keeps a policy’s response target when it is shorter than the red alert’s', () => {
    const strict: SlaPolicy = {
      ...policy,
      byPriority: {
        ...policy.byPriority,
        critical: { ...policy.byPriority.critical, responseMs: 15 * MINUTE }
      }
    };
    const alert = detectRedAlert(DEFAULT_RED_ALERT_RULE, { description: '插座漏电', fields: {} });
    expect(startOrderSla(strict, order, T0, alert).clocks.response.targetMs).toBe(15 * MINUTE);
  });
});

describe('workflow events on the clocks', () => {
  const sla = startOrderSla(policy, order, T0);

  it('meets response at the first assignment, arrival on site and resolution at completion', () => {
    const done = run(
      sla,
      [act('assign'), T0 + 10 * MINUTE],
      [act('accept'), T0 + 12 * MINUTE],
      [act('depart'), T0 + HOUR],
      [act('arrive'), T0 + 2 * HOUR],
      [act('complete'), T0 + 3 * HOUR]
    );
    expect(done.clocks.response.stopped).toEqual({ at: T0 + 10 * MINUTE, reason: 'met' });
    expect(done.clocks.arrival.stopped).toEqual({ at: T0 + 2 * HOUR, reason: 'met' });
    expect(done.clocks.resolution.stopped).toEqual({ at: T0 + 3 * HOUR, reason: 'met' });
  });

  it('does not count an unanswered offer as a response, but its acceptance', () => {
    const offered = applyOrderEvent(sla, act('offer'), T0 + MINUTE);
    expect(offered).toEqual({ sla, changes: [] });
    const accepted = applyOrderEvent(sla, act('accept'), T0 + 3 * MINUTE);
    expect(accepted.changes).toEqual([{ metric: 'response', change: 'met' }]);
  });

  it('keeps the response met when the order is unassigned and assigned again', () => {
    const again = run(
      sla,
      [act('assign'), T0 + MINUTE],
      [act('unassign'), T0 + HOUR],
      [act('assign'), T0 + 2 * HOUR]
    );
    expect(again.clocks.response.stopped?.at).toBe(T0 + MINUTE);
  });

  it('pauses arrival and resolution, not response, while waiting for parts, and reports each change', () => {
    const waiting = applyOrderEvent(sla, { type: 'pause', reason: 'waiting_parts' }, T0 + HOUR);
    expect(waiting.changes).toEqual([
      { metric: 'arrival', change: 'paused', reason: 'waiting_parts' },
      { metric: 'resolution', change: 'paused', reason: 'waiting_parts' }
    ]);
    const back = applyOrderEvent(waiting.sla, { type: 'resume', reason: 'waiting_parts' }, T0 + 5 * HOUR);
    expect(back.changes.map((c) => c.change)).toEqual(['resumed', 'resumed']);
    expect(back.sla.clocks.arrival.pauses).toEqual([
      { reason: 'waiting_parts', from: T0 + HOUR, to: T0 + 5 * HOUR }
    ]);
  });

  it('cancels every running clock on cancel and leaves the met ones met', () => {
    const result = applyOrderEvent(run(sla, [act('assign'), T0 + MINUTE]), act('cancel'), T0 + HOUR);
    expect(result.changes).toEqual([
      { metric: 'arrival', change: 'cancelled' },
      { metric: 'resolution', change: 'cancelled' }
    ]);
    expect(result.sla.clocks.response.stopped?.reason).toBe('met');
  });

  it('starts all three clocks afresh on the same terms when the order is reopened', () => {
    const cancelled = run(sla, [act('cancel'), T0 + HOUR]);
    const reopened = applyOrderEvent(cancelled, act('reopen'), T0 + 2 * HOUR);
    expect(reopened.changes.map((c) => c.change)).toEqual(['restarted', 'restarted', 'restarted']);
    expect(reopened.sla.clocks.resolution).toEqual({ ...sla.clocks.resolution, startedAt: T0 + 2 * HOUR });
  });
});

describe('any legal life of an order', () => {
  const step = fc.oneof(
    fc.constantFrom(...WORKFLOW_ACTIONS).map(act),
    fc.record({
      type: fc.constantFrom('pause' as const, 'resume' as const),
      reason: fc.constantFrom(...PAUSE_REASONS)
    })
  );

  it('never rewrites the time already counted, only reopening restarts a stopped clock, and closing stops all', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(step, fc.integer({ min: 0, max: 6 * HOUR })), { maxLength: 30 }),
        (steps) => {
          let status: WorkOrderStatus = 'created';
          let sla = startOrderSla(policy, { ...order, priority: 'high' }, T0);
          let t = T0;
          for (const [event, gap] of steps) {
            if (event.type === 'workflow') {
              const moved = transition(status, event.action);
              if (moved.type === 'illegal') continue;
              status = moved.to;
            }
            t += gap;
            const before = sla;
            sla = applyOrderEvent(sla, event, t).sla;
            for (const metric of SLA_METRICS) {
              const [was, is] = [before.clocks[metric], sla.clocks[metric]];
              if (event.type === 'workflow' && event.action === 'reopen') {
                expect(is.startedAt).toBe(t);
                continue;
              }
              if (was.stopped) expect(is).toBe(was);
              expect(elapsedMs(is, ALWAYS_CALENDAR, t)).toBe(elapsedMs(was, ALWAYS_CALENDAR, t));
            }
          }
          // Finished orders owe nothing: every clock has stopped.
          if (status === 'closed' || status === 'cancelled')
            for (const metric of SLA_METRICS) expect(sla.clocks[metric].stopped).not.toBeNull();
        }
      )
    );
  });
});
