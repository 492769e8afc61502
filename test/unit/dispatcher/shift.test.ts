import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatMinuteOfDay,
  isOnShift,
  MINUTES_PER_DAY,
  shiftOf,
  type Shift
} from '../../../dispatcher/fleet/shift';

const MINUTE = 60_000;
const DAY = MINUTES_PER_DAY * MINUTE;
/** 2026-11-23 00:00 in Beijing. */
const LOCAL_MIDNIGHT = Date.parse('2026-11-23T00:00:00+08:00');
const at = (hhmm: string, day = '2026-11-23') => new Date(`${day}T${hhmm}:00+08:00`);

const minuteOfDay = fc.integer({ min: 0, max: MINUTES_PER_DAY - 1 });
const shift: fc.Arbitrary<Shift> = fc.record({ startMin: minuteOfDay, endMin: minuteOfDay });
/** Any instant from 1950 to 2100, to the millisecond. */
const instant = fc.integer({ min: -630_000_000_000, max: 4_100_000_000_000 }).map((t) => new Date(t));

describe('technician shifts', () => {
  const day: Shift = { startMin: 8 * 60, endMin: 20 * 60 };
  const night: Shift = { startMin: 20 * 60, endMin: 8 * 60 };

  it('counts a day shift from its start up to, not including, its end, in Beijing time', () => {
    expect(isOnShift(day, at('07:59'))).toBe(false);
    expect(isOnShift(day, at('08:00'))).toBe(true);
    expect(isOnShift(day, new Date(at('20:00').getTime() - 1))).toBe(true);
    expect(isOnShift(day, at('20:00'))).toBe(false);
    // 08:00 in Beijing is midnight UTC.
    expect(isOnShift(day, new Date('2026-11-23T00:00:00Z'))).toBe(true);
    expect(isOnShift(day, new Date('2026-11-22T23:59:59Z'))).toBe(false);
  });

  it('carries a night shift over midnight', () => {
    expect(isOnShift(night, at('19:59'))).toBe(false);
    expect(isOnShift(night, at('20:00'))).toBe(true);
    expect(isOnShift(night, at('23:59'))).toBe(true);
    expect(isOnShift(night, at('00:00'))).toBe(true);
    expect(isOnShift(night, at('03:00'))).toBe(true);
    expect(isOnShift(night, at('07:59'))).toBe(true);
    expect(isOnShift(night, at('08:00'))).toBe(false);
  });

  it('puts a technician without a shift, or with a round-the-clock one, on shift at every instant', () => {
    fc.assert(
      fc.property(instant, minuteOfDay, (t, m) => {
        expect(isOnShift(null, t)).toBe(true);
        expect(isOnShift({ startMin: m, endMin: m }, t)).toBe(true);
      })
    );
  });

  it('makes the swapped shift exactly the hours the shift leaves out', () => {
    fc.assert(
      fc.property(shift, instant, (s, t) => {
        fc.pre(s.startMin !== s.endMin);
        expect(isOnShift({ startMin: s.endMin, endMin: s.startMin }, t)).toBe(!isOnShift(s, t));
      })
    );
  });

  it('answers the same on every day at the same local time', () => {
    fc.assert(
      fc.property(shift, instant, fc.integer({ min: -400, max: 400 }), (s, t, days) => {
        expect(isOnShift(s, new Date(t.getTime() + days * DAY))).toBe(isOnShift(s, t));
      })
    );
  });

  it('covers exactly its length in minutes over a day, starting on time and ending on time', () => {
    fc.assert(
      fc.property(shift, (s) => {
        let covered = 0;
        for (let m = 0; m < MINUTES_PER_DAY; m++)
          if (isOnShift(s, new Date(LOCAL_MIDNIGHT + m * MINUTE + 30_000))) covered++;
        const length = (s.endMin - s.startMin + MINUTES_PER_DAY) % MINUTES_PER_DAY || MINUTES_PER_DAY;
        expect(covered).toBe(length);
        expect(isOnShift(s, new Date(LOCAL_MIDNIGHT + s.startMin * MINUTE))).toBe(true);
        if (s.startMin !== s.endMin) {
          const end = LOCAL_MIDNIGHT + s.endMin * MINUTE;
          expect(isOnShift(s, new Date(end))).toBe(false);
          expect(isOnShift(s, new Date(end - 1))).toBe(true);
        }
      }),
      { numRuns: 200 }
    );
  });

  it('reads a shift from its two columns only when both are minutes of the day', () => {
    expect(shiftOf(480, 1200)).toEqual({ startMin: 480, endMin: 1200 });
    expect(shiftOf(1200, 480)).toEqual({ startMin: 1200, endMin: 480 });
    expect(shiftOf(null, null)).toBeNull();
    expect(shiftOf(480, null)).toBeNull();
    expect(shiftOf(480, 1440)).toBeNull();
    expect(shiftOf(-1, 600)).toBeNull();
  });

  it('writes minutes of the day as hh:mm', () => {
    expect(formatMinuteOfDay(0)).toBe('00:00');
    expect(formatMinuteOfDay(480)).toBe('08:00');
    expect(formatMinuteOfDay(1439)).toBe('23:59');
  });
});
