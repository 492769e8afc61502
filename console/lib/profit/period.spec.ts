import { describe, expect, it } from 'vitest';
import { periodRange } from './period';

describe('the profit period', () => {
  const now = new Date(2026, 10, 23, 15, 30).getTime();

  it('starts today, 7 days and 30 days at the viewer’s local midnight and ends now', () => {
    expect(periodRange({ preset: 'today' }, now)).toEqual({
      from: new Date(2026, 10, 23),
      to: new Date(now)
    });
    expect(periodRange({ preset: '7d' }, now)?.from).toEqual(new Date(2026, 10, 17));
    expect(periodRange({ preset: '30d' }, now)?.from).toEqual(new Date(2026, 9, 25));
  });

  it('takes a custom range as whole days, both included, and refuses a backwards one', () => {
    expect(periodRange({ preset: 'custom', from: '2026-11-01', to: '2026-11-03' }, now)).toEqual({
      from: new Date(2026, 10, 1),
      to: new Date(2026, 10, 4)
    });
    expect(periodRange({ preset: 'custom', from: '2026-11-03', to: '2026-11-01' }, now)).toBeNull();
    expect(periodRange({ preset: 'custom', from: '', to: '2026-11-01' }, now)).toBeNull();
  });
});
