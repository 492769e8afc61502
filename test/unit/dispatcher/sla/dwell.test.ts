import { describe, expect, it } from 'vitest';
import { DEFAULT_DWELL_RULES, dwellAlert } from '../../../../dispatcher/sla/dwell';
import { HOUR } from '../../../../dispatcher/sla/time';

const T0 = Date.parse('2025-11-17T10:00:00+08:00');

describe('dwell alerts', () => {
  it('tells procurement when an order has waited for parts for 24 hours', () => {
    expect(dwellAlert(DEFAULT_DWELL_RULES, { id: 'o-1', node: 'waiting_parts', enteredAt: T0 })).toEqual({
      key: `dwell:o-1:waiting_parts:${T0}`,
      node: 'waiting_parts',
      dueAt: T0 + 24 * HOUR,
      owner: { role: 'procurement', scope: 'region' },
      channel: 'in_app'
    });
  });

  it('counts wall-clock time, weekends included', () => {
    const friday = Date.parse('2025-11-14T18:00:00+08:00');
    expect(dwellAlert(DEFAULT_DWELL_RULES, { id: 'o-1', node: 'en_route', enteredAt: friday })?.dueAt).toBe(
      friday + 4 * HOUR
    );
  });

  it('has nothing to say about a node without a limit', () => {
    expect(dwellAlert(DEFAULT_DWELL_RULES, { id: 'o-1', node: 'closed', enteredAt: T0 })).toBeNull();
  });

  it('gives every stay in a node its own key, so a second stay alerts again', () => {
    const first = dwellAlert(DEFAULT_DWELL_RULES, { id: 'o-1', node: 'on_site', enteredAt: T0 });
    const second = dwellAlert(DEFAULT_DWELL_RULES, { id: 'o-1', node: 'on_site', enteredAt: T0 + 9 * HOUR });
    expect(first?.key).not.toBe(second?.key);
  });
});
