import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { workingMsBetween } from '../../../../dispatcher/sla/calendar';
import { ALWAYS_CALENDAR, CN_BUSINESS_CALENDAR } from '../../../../dispatcher/sla/cn-calendar';
import {
  clockStatus,
  dueAt,
  elapsedMs,
  nextChangeAt,
  pauseClock,
  PAUSE_REASONS,
  resumeClock,
  startClock,
  stopClock,
  warningAt,
  type SlaClock,
  type SlaTerms
} from '../../../../dispatcher/sla/sla-clock';
import { DAY, HOUR, MINUTE, SECOND } from '../../../../dispatcher/sla/time';
import { calendar, instant, referenceDue, referenceWorkingMs, type Interval } from './reference';

const at = (local: string): number => Date.parse(`${local}+08:00`);
const T0 = at('2025-11-17T10:00:00');
const terms: SlaTerms = {
  targetMs: 2 * HOUR,
  warningRatio: 0.75,
  calendarId: ALWAYS_CALENDAR.id,
  pausedBy: ['waiting_customer', 'waiting_parts']
};
const status = (clock: SlaClock, t: number) => clockStatus(clock, ALWAYS_CALENDAR, t);

describe('an SLA clock', () => {
  it('warns at 75 % of its target and breaches at its due time', () => {
    const clock = startClock('response', terms, T0);
    expect(status(clock, T0 + 89 * MINUTE)).toMatchObject({ state: 'running', warning: false });
    expect(status(clock, T0 + 90 * MINUTE)).toMatchObject({
      state: 'running',
      warning: true,
      breached: false
    });
    expect(status(clock, T0 + 2 * HOUR)).toMatchObject({ state: 'breached', remainingMs: 0, breached: true });
    expect(status(clock, T0 + 150 * MINUTE).remainingMs).toBe(-30 * MINUTE);
  });

  it('stands still while paused, has no due time then, and owes the pause back after it', () => {
    const paused = pauseClock(startClock('arrival', terms, T0), 'waiting_customer', T0 + HOUR);
    expect(status(paused, T0 + 70 * MINUTE)).toMatchObject({
      state: 'paused',
      elapsedMs: HOUR,
      dueAt: null,
      warningAt: null
    });
    expect(nextChangeAt(paused, ALWAYS_CALENDAR, T0 + 70 * MINUTE)).toBeNull();
    const resumed = resumeClock(paused, 'waiting_customer', T0 + 90 * MINUTE);
    expect(dueAt(resumed, ALWAYS_CALENDAR)).toBe(T0 + 150 * MINUTE);
    expect(warningAt(resumed, ALWAYS_CALENDAR)).toBe(T0 + 120 * MINUTE);
  });

  it('keeps running through a pause for a reason that does not stop it', () => {
    const clock = startClock('response', { ...terms, pausedBy: ['waiting_customer'] }, T0);
    expect(pauseClock(clock, 'waiting_parts', T0 + HOUR)).toBe(clock);
  });

  it('stands still while either of two overlapping pauses lasts', () => {
    let clock = startClock('resolution', terms, T0);
    clock = pauseClock(clock, 'waiting_customer', T0 + HOUR);
    clock = pauseClock(clock, 'waiting_parts', T0 + 75 * MINUTE);
    clock = resumeClock(clock, 'waiting_customer', T0 + 90 * MINUTE);
    expect(status(clock, T0 + 100 * MINUTE)).toMatchObject({ state: 'paused', elapsedMs: HOUR });
    clock = resumeClock(clock, 'waiting_parts', T0 + 2 * HOUR);
    expect(dueAt(clock, ALWAYS_CALENDAR)).toBe(T0 + 3 * HOUR);
  });

  it('is met on time when stopped at its due time, and late a millisecond after', () => {
    const clock = startClock('response', terms, T0);
    const onTime = stopClock(clock, 'met', T0 + 2 * HOUR);
    const late = stopClock(clock, 'met', T0 + 2 * HOUR + 1);
    expect(status(onTime, T0 + 5 * HOUR)).toMatchObject({ state: 'met', breached: false, remainingMs: 0 });
    expect(status(late, T0 + 5 * HOUR)).toMatchObject({ state: 'met', breached: true, remainingMs: -1 });
  });

  it('stops counting when cancelled, and ends an open pause there', () => {
    const paused = pauseClock(startClock('arrival', terms, T0), 'waiting_parts', T0 + HOUR);
    const cancelled = stopClock(paused, 'cancelled', T0 + 3 * HOUR);
    expect(cancelled.pauses).toEqual([{ reason: 'waiting_parts', from: T0 + HOUR, to: T0 + 3 * HOUR }]);
    expect(status(cancelled, T0 + 9 * HOUR)).toMatchObject({ state: 'cancelled', elapsedMs: HOUR });
    expect(nextChangeAt(cancelled, ALWAYS_CALENDAR, T0 + 3 * HOUR)).toBeNull();
    expect(stopClock(cancelled, 'met', T0 + 4 * HOUR)).toBe(cancelled);
  });

  it('stays breached while paused after the breach, with the breach instant as its due time', () => {
    const paused = pauseClock(startClock('arrival', terms, T0), 'waiting_customer', T0 + 3 * HOUR);
    expect(status(paused, T0 + 4 * HOUR)).toMatchObject({ state: 'breached', dueAt: T0 + 2 * HOUR });
  });

  it('names the warning, then the breach, then nothing as the next change for a timer', () => {
    const clock = startClock('response', terms, T0);
    expect(nextChangeAt(clock, ALWAYS_CALENDAR, T0)).toBe(T0 + 90 * MINUTE);
    expect(nextChangeAt(clock, ALWAYS_CALENDAR, T0 + 90 * MINUTE)).toBe(T0 + 2 * HOUR);
    expect(nextChangeAt(clock, ALWAYS_CALENDAR, T0 + 2 * HOUR)).toBeNull();
  });

  it('counts in office hours: a 2 h clock started at 17:55 on Friday warns and falls due on Monday', () => {
    const cn = CN_BUSINESS_CALENDAR;
    const clock = startClock('response', { ...terms, calendarId: cn.id }, at('2025-11-14T17:55:00'));
    expect(warningAt(clock, cn)).toBe(at('2025-11-17T10:25:00'));
    expect(dueAt(clock, cn)).toBe(at('2025-11-17T10:55:00'));
    expect(clockStatus(clock, cn, at('2025-11-16T12:00:00'))).toMatchObject({
      state: 'running',
      elapsedMs: 5 * MINUTE,
      remainingMs: 115 * MINUTE
    });
  });
});

/**
 * A clock as its events leave it: pauses begin in order, each may end, and the clock may stop after the
 * last of those events.
 */
const clockCase = fc
  .record({
    calendar,
    start: instant,
    // Whole multiples of 20 s, so that the warning share of every ratio below is whole seconds too.
    targetS: fc.integer({ min: 1, max: (12 * HOUR) / SECOND / 20 }).map((n) => n * 20),
    warningRatio: fc.constantFrom(0.5, 0.75, 0.8, 0.9),
    pauses: fc.array(
      fc.record({
        reason: fc.constantFrom(...PAUSE_REASONS),
        gapS: fc.integer({ min: 0, max: 12 * 3600 }),
        lengthS: fc.option(fc.integer({ min: 0, max: 12 * 3600 }), { freq: 4 })
      }),
      { maxLength: 3 }
    ),
    stopAfterS: fc.option(fc.integer({ min: 0, max: (2 * DAY) / SECOND })),
    atS: fc.integer({ min: 0, max: (2 * DAY) / SECOND })
  })
  .map(({ calendar: cal, start, targetS, warningRatio, pauses, stopAfterS, atS }) => {
    let clock = startClock(
      'resolution',
      { targetMs: targetS * SECOND, warningRatio, calendarId: cal.id, pausedBy: [...PAUSE_REASONS] },
      start
    );
    let t = start;
    let last = start;
    for (const p of pauses) {
      t += p.gapS * SECOND;
      clock = pauseClock(clock, p.reason, t);
      if (p.lengthS !== null) clock = resumeClock(clock, p.reason, t + p.lengthS * SECOND);
      last = Math.max(last, t + (p.lengthS ?? 0) * SECOND);
    }
    if (stopAfterS !== null) clock = stopClock(clock, 'met', last + stopAfterS * SECOND);
    return { cal, clock, at: start + atS * SECOND };
  });

const intervals = (clock: SlaClock): Interval[] => clock.pauses.map((p) => [p.from, p.to ?? Infinity]);
/** How far the reference walks to find a due time. */
const HORIZON = 3 * DAY;

describe('SLA clock arithmetic', () => {
  it('counts the same elapsed time as a second-by-second walk that skips time off and pauses', () => {
    fc.assert(
      fc.property(clockCase, ({ cal, clock, at: t }) => {
        const end = Math.min(t, clock.stopped?.at ?? Infinity);
        expect(elapsedMs(clock, cal, t)).toBe(
          referenceWorkingMs(cal, clock.startedAt, end, { pauses: intervals(clock) })
        );
      })
    );
  });

  it('finds the same due time and warning point as the walk, or none while a pause holds it short', () => {
    fc.assert(
      fc.property(clockCase, ({ cal, clock }) => {
        const walk = { pauses: intervals(clock) };
        const limit = clock.startedAt + HORIZON;
        const due = referenceDue(cal, clock.startedAt, clock.targetMs, limit, walk);
        // Without an open pause, a due time the walk did not reach lies beyond where it stopped looking.
        fc.pre(due !== null || clock.pauses.some((p) => p.to === null));
        const warnMs = Math.ceil(clock.targetMs * clock.warningRatio);
        expect(dueAt(clock, cal)).toBe(due);
        expect(warningAt(clock, cal)).toBe(referenceDue(cal, clock.startedAt, warnMs, limit, walk));
      })
    );
  });

  it('never brings the due time earlier by pausing', () => {
    fc.assert(
      fc.property(
        clockCase,
        fc.integer({ min: 0, max: DAY }),
        fc.option(fc.integer({ min: 0, max: DAY })),
        ({ cal, clock }, after, length) => {
          fc.pre(!clock.stopped && clock.pauses.every((p) => p.to !== null));
          const from = Math.max(clock.startedAt, ...clock.pauses.map((p) => p.to ?? 0)) + after;
          let paused = pauseClock(clock, 'waiting_customer', from);
          if (length !== null) paused = resumeClock(paused, 'waiting_customer', from + length);
          const before = dueAt(clock, cal);
          const later = dueAt(paused, cal);
          if (later !== null) expect(later).toBeGreaterThanOrEqual(before ?? -Infinity);
          // Only a clock that is not breached yet loses its due time to an open pause.
          else expect(before).toBeGreaterThan(from);
        }
      )
    );
  });

  it('while running, owes exactly the working time left until its due time', () => {
    fc.assert(
      fc.property(clockCase, ({ cal, clock, at: t }) => {
        const s = clockStatus(clock, cal, t);
        fc.pre(s.state === 'running' && clock.pauses.every((p) => p.to !== null && p.to <= t));
        expect(s.elapsedMs + s.remainingMs).toBe(clock.targetMs);
        expect(s.remainingMs).toBe(workingMsBetween(cal, t, s.dueAt ?? NaN));
      })
    );
  });

  it('never counts backwards, nor more than the time that passed', () => {
    fc.assert(
      fc.property(clockCase, fc.integer({ min: 0, max: DAY }), ({ cal, clock, at: t }, later) => {
        const now = elapsedMs(clock, cal, t);
        expect(elapsedMs(clock, cal, t + later)).toBeGreaterThanOrEqual(now);
        expect(now).toBeLessThanOrEqual(Math.max(0, t - clock.startedAt));
      })
    );
  });
});
