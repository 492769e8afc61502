import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingMs,
  isWorkingTime,
  workingMsBetween,
  type SlaCalendar
} from '../../../../dispatcher/sla/calendar';
import { ALWAYS_CALENDAR, CN_BUSINESS_CALENDAR } from '../../../../dispatcher/sla/cn-calendar';
import { DAY, HOUR, MINUTE, SECOND } from '../../../../dispatcher/sla/time';
import {
  calendar,
  instant,
  longSpan,
  minuteInstant,
  referenceDue,
  referenceIsWorking,
  referenceWorkingMs,
  span
} from './reference';

const at = (local: string): number => Date.parse(`${local}+08:00`);
const cn = CN_BUSINESS_CALENDAR;
/** Which share of the working time available in a span a target takes. */
const share = fc.double({ min: 0, max: 1, noNaN: true });

describe('business-hours calendars in Beijing time', () => {
  it('carries a 2 h target from 17:55 on a Friday to 10:55 on Monday', () => {
    expect(addWorkingMs(cn, at('2025-11-14T17:55:00'), 2 * HOUR)).toBe(at('2025-11-17T10:55:00'));
  });

  it('ends a target at the close of business when it runs out exactly there, not at the next opening', () => {
    expect(addWorkingMs(cn, at('2025-11-14T16:00:00'), 2 * HOUR)).toBe(at('2025-11-14T18:00:00'));
  });

  it('ends a target of exactly two working weeks on the second Friday at 18:00', () => {
    expect(addWorkingMs(cn, at('2025-11-17T00:00:00'), 2 * 5 * 9 * HOUR)).toBe(at('2025-11-28T18:00:00'));
  });

  it('skips Golden Week: an hour left on 30 September is spent on 9 October', () => {
    expect(addWorkingMs(cn, at('2025-09-30T17:00:00'), 2 * HOUR)).toBe(at('2025-10-09T10:00:00'));
    expect(workingMsBetween(cn, at('2025-10-01T00:00:00'), at('2025-10-09T00:00:00'))).toBe(0);
  });

  it('works on the 调休 Sunday before Golden Week and not on an ordinary Sunday', () => {
    expect(isWorkingTime(cn, at('2025-09-28T10:00:00'))).toBe(true);
    expect(isWorkingTime(cn, at('2025-09-21T10:00:00'))).toBe(false);
    expect(addWorkingMs(cn, at('2025-09-27T20:00:00'), 2 * HOUR)).toBe(at('2025-09-28T11:00:00'));
  });

  it('counts a range from its opening minute and stops at its closing one', () => {
    expect(isWorkingTime(cn, at('2025-11-17T09:00:00'))).toBe(true);
    expect(isWorkingTime(cn, at('2025-11-17T08:59:59'))).toBe(false);
    expect(isWorkingTime(cn, at('2025-11-17T18:00:00'))).toBe(false);
  });

  it('counts the working days of September and October 2025 as the State Council set them', () => {
    // September: 22 weekdays + Sunday the 28th; October: 23 weekdays − 6 holiday weekdays + Saturday the 11th.
    expect(workingMsBetween(cn, at('2025-09-01T00:00:00'), at('2025-10-01T00:00:00'))).toBe(23 * 9 * HOUR);
    expect(workingMsBetween(cn, at('2025-10-01T00:00:00'), at('2025-11-01T00:00:00'))).toBe(18 * 9 * HOUR);
  });

  it('adds ten years of working time and takes exactly that much back, across every listed holiday', () => {
    const start = at('2024-12-31T12:34:56');
    const due = addWorkingMs(cn, start, 10 * 250 * 9 * HOUR);
    expect(workingMsBetween(cn, start, due)).toBe(10 * 250 * 9 * HOUR);
    expect(due).toBeGreaterThan(at('2034-01-01T00:00:00'));
  });

  it('refuses to look for a due time in a calendar that never works', () => {
    const closed: SlaCalendar = {
      id: 'closed',
      name: 'closed',
      kind: 'business_hours',
      week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      holidays: [],
      makeupDays: [{ date: '2025-09-28', hours: [{ start: '09:00', end: '10:00' }] }]
    };
    expect(addWorkingMs(closed, at('2025-09-27T00:00:00'), HOUR)).toBe(at('2025-09-28T10:00:00'));
    expect(() => addWorkingMs(closed, at('2025-09-27T00:00:00'), 2 * HOUR)).toThrow(RangeError);
  });

  it('treats the 24×7 calendar as plain elapsed time', () => {
    const t = at('2025-10-01T03:00:00');
    expect(workingMsBetween(ALWAYS_CALENDAR, t, t + 3 * DAY)).toBe(3 * DAY);
    expect(addWorkingMs(ALWAYS_CALENDAR, t, 90 * MINUTE)).toBe(t + 90 * MINUTE);
  });
});

describe('working-time arithmetic against a step-by-step reference', () => {
  it('counts the working time between two instants to the second', () => {
    fc.assert(
      fc.property(calendar, instant, span, (cal, from, length) => {
        expect(workingMsBetween(cal, from, from + length)).toBe(referenceWorkingMs(cal, from, from + length));
      })
    );
  });

  it('counts the working time of spans of weeks to the minute, skipping whole weeks as the walk does not', () => {
    fc.assert(
      fc.property(calendar, minuteInstant, longSpan, (cal, from, length) => {
        expect(workingMsBetween(cal, from, from + length)).toBe(
          referenceWorkingMs(cal, from, from + length, { step: MINUTE })
        );
      })
    );
  });

  it('finds the due time of a target to the second', () => {
    fc.assert(
      fc.property(calendar, instant, span, share, (cal, from, length, part) => {
        const target = Math.floor((referenceWorkingMs(cal, from, from + length) * part) / SECOND) * SECOND;
        expect(addWorkingMs(cal, from, target)).toBe(referenceDue(cal, from, target, from + length + SECOND));
      })
    );
  });

  it('finds the due time of a target of weeks to the minute', () => {
    fc.assert(
      fc.property(calendar, minuteInstant, longSpan, share, (cal, from, length, part) => {
        const walk = { step: MINUTE };
        const target =
          Math.floor((referenceWorkingMs(cal, from, from + length, walk) * part) / MINUTE) * MINUTE;
        expect(addWorkingMs(cal, from, target)).toBe(
          referenceDue(cal, from, target, from + length + MINUTE, walk)
        );
      })
    );
  });

  it('tells working time from time off as the reference does', () => {
    fc.assert(
      fc.property(calendar, instant, (cal, t) => {
        expect(isWorkingTime(cal, t)).toBe(referenceIsWorking(cal, t));
      })
    );
  });

  it('adds up: the time from a to b plus from b to c is the time from a to c', () => {
    fc.assert(
      fc.property(calendar, instant, longSpan, longSpan, (cal, a, ab, bc) => {
        const [b, c] = [a + ab, a + ab + bc];
        expect(workingMsBetween(cal, a, b) + workingMsBetween(cal, b, c)).toBe(workingMsBetween(cal, a, c));
      })
    );
  });

  it('gives a due time at which the target has just been reached, and not a millisecond before', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 1, max: 60 * DAY }), (cal, start, target) => {
        // A week without hours never reaches a target past the last make-up day (see the refusal above).
        fc.pre(cal.kind === '24x7' || Object.values(cal.week).some((hours) => hours.length > 0));
        const due = addWorkingMs(cal, start, target);
        expect(workingMsBetween(cal, start, due)).toBe(target);
        expect(workingMsBetween(cal, start, due - 1)).toBeLessThan(target);
      })
    );
  });
});
