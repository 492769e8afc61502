import { describe, expect, it } from 'vitest';
import { intake } from '../../../dispatcher/work-order/intake';

describe('work order intake', () => {
  it('starts an order as created and records who, before/after and why', () => {
    const decision = intake({ channel: 'ecommerce', priority: 'high', regionId: 'south' }, 'user:admin');
    expect(decision.status).toBe('created');
    expect(decision.event).toEqual({
      type: 'order.created',
      aggregateType: 'work_order',
      actor: 'user:admin',
      payload: {
        before: null,
        after: { status: 'created', channel: 'ecommerce', priority: 'high', regionId: 'south' },
        reason: 'intake via ecommerce'
      }
    });
  });
});
