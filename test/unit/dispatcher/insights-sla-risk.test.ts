import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clockRisk } from '../../../dispatcher/insights/sla-risk';
import { ALWAYS_CALENDAR } from '../../../dispatcher/sla/cn-calendar';
import { pauseClock, startClock, stopClock } from '../../../dispatcher/sla/sla-clock';
import { MINUTE } from '../../../dispatcher/sla/time';

const T0 = Date.UTC(2026, 10, 23, 2);
const clock = startClock(
  'response',
  {
    targetMs: 40 * MINUTE,
    warningRatio: 0.75,
    calendarId: ALWAYS_CALENDAR.id,
    pausedBy: ['waiting_customer']
  },
  T0
);
const riskAt = (minutes: number, c = clock) => clockRisk(c, ALWAYS_CALENDAR, T0 + minutes * MINUTE);

describe('SLA risk of a clock', () => {
  it('is nothing before the warning, rises to 1 at the due time, and to at most 2 once overdue', () => {
    expect(riskAt(29)).toBe(0);
    expect(riskAt(30)).toBe(0);
    expect(riskAt(35)).toBeCloseTo(0.5, 9);
    expect(riskAt(40)).toBe(1);
    expect(riskAt(60)).toBe(1.5);
    expect(riskAt(600)).toBe(2);
  });

  it('never falls as time passes on a running clock', () => {
    fc.assert(
      fc.property(fc.nat(2000), fc.nat(2000), (a, b) => riskAt(Math.min(a, b)) <= riskAt(Math.max(a, b)))
    );
  });

  it('is nothing for a met clock, and frozen while paused', () => {
    expect(riskAt(60, stopClock(clock, 'met', T0 + 50 * MINUTE))).toBe(0);
    const paused = pauseClock(clock, 'waiting_customer', T0 + 35 * MINUTE);
    expect(riskAt(300, paused)).toBeCloseTo(riskAt(35), 9);
  });
});
