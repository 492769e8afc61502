// The slow, obvious computation the SLA arithmetic is checked against: walk the span step by step (a
// second, or a minute over long spans with whole-minute instants) and decide for each step whether it
// counts, reading the day's hours off the calendar's data through Date's fields the way a person reads a
// wall calendar. Plus the random calendars and instants the properties run on.
import fc from 'fast-check';
import type { SlaCalendar, TimeRange, Weekday } from '../../../../dispatcher/sla/calendar';
import { ALWAYS_CALENDAR, CN_BUSINESS_CALENDAR } from '../../../../dispatcher/sla/cn-calendar';
import { DAY, HOUR, MINUTE, SECOND } from '../../../../dispatcher/sla/time';

const BY_GET_UTC_DAY: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const ROUND_THE_CLOCK: TimeRange[] = [{ start: '00:00', end: '24:00' }];
const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** [from, to): working minutes of a day, or a pause of an SLA clock (to Infinity while open). */
export type Interval = readonly [number, number];

/** The working ranges of the Beijing date that `t` falls on, as [start, end) minutes. */
function hoursOn(calendar: SlaCalendar, t: number): Interval[] {
  const local = new Date(t + 8 * HOUR);
  const date = local.toISOString().slice(0, 10);
  const hours =
    calendar.kind === '24x7'
      ? ROUND_THE_CLOCK
      : (calendar.makeupDays.find((m) => m.date === date)?.hours ??
        (calendar.holidays.includes(date) ? [] : calendar.week[BY_GET_UTC_DAY[local.getUTCDay()] ?? 'sun']));
  return hours.map((r) => [minutes(r.start), minutes(r.end)]);
}

/** Beijing time is UTC+8 all year: the minute of its day is plain arithmetic. */
const minuteOfDay = (t: number): number => Math.floor(((t + 8 * HOUR) % DAY) / MINUTE);

export const referenceIsWorking = (calendar: SlaCalendar, t: number): boolean =>
  within(hoursOn(calendar, t), minuteOfDay(t));

const within = (spans: readonly Interval[], x: number): boolean =>
  spans.some(([from, to]) => from <= x && x < to);

/** Whether each step counts: working time and no pause. Reads a day's hours once, at its first step. */
function counter(calendar: SlaCalendar, pauses: readonly Interval[]): (t: number) => boolean {
  let day = NaN;
  let hours: Interval[] = [];
  return (t) => {
    const today = Math.floor((t + 8 * HOUR) / DAY);
    if (today !== day) [day, hours] = [today, hoursOn(calendar, t)];
    return within(hours, minuteOfDay(t)) && !within(pauses, t);
  };
}

export interface Walk {
  /** SECOND by default; MINUTE when every instant is a whole minute. */
  step?: number;
  pauses?: readonly Interval[];
}

/** Counted milliseconds in [from, to). */
export function referenceWorkingMs(
  calendar: SlaCalendar,
  from: number,
  to: number,
  { step = SECOND, pauses = [] }: Walk = {}
): number {
  const counts = counter(calendar, pauses);
  let sum = 0;
  for (let t = from; t < to; t += step) if (counts(t)) sum += step;
  return sum;
}

/** The first instant by which `ms` have counted, or null if not before `limit`. */
export function referenceDue(
  calendar: SlaCalendar,
  from: number,
  ms: number,
  limit: number,
  { step = SECOND, pauses = [] }: Walk = {}
): number | null {
  if (ms === 0) return from;
  const counts = counter(calendar, pauses);
  let sum = 0;
  for (let t = from; t < limit; t += step) if (counts(t) && (sum += step) === ms) return t + step;
  return null;
}

/** Monday 2025-09-15 00:00 Beijing time: the nine weeks from here cross Golden Week and two 调休 days. */
export const BASE = Date.parse('2025-09-15T00:00:00+08:00');
const WINDOW_DAYS = 63;

const hhmm = (m: number): string =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const dateOf = (day: number): string => new Date(BASE + 8 * HOUR + day * DAY).toISOString().slice(0, 10);

/** 0–3 ranges of a day, cut at distinct minutes (so never overlapping), sometimes round the clock. */
const dayHours: fc.Arbitrary<TimeRange[]> = fc.oneof(
  fc.uniqueArray(fc.integer({ min: 0, max: 1440 }), { maxLength: 6 }).map((cuts) => {
    const sorted = [...cuts].sort((a, b) => a - b);
    const ranges: TimeRange[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2)
      ranges.push({ start: hhmm(sorted[i] ?? 0), end: hhmm(sorted[i + 1] ?? 0) });
    return ranges;
  }),
  fc.constant<TimeRange[]>([{ start: '00:00', end: '24:00' }])
);

const businessCalendar: fc.Arbitrary<SlaCalendar> = fc
  .record({
    mon: dayHours,
    tue: dayHours,
    wed: dayHours,
    thu: dayHours,
    fri: dayHours,
    sat: dayHours,
    sun: dayHours,
    special: fc.uniqueArray(fc.integer({ min: 0, max: WINDOW_DAYS - 1 }), { maxLength: 8 }),
    makeupHours: fc.array(
      dayHours.filter((h) => h.length > 0),
      { minLength: 8, maxLength: 8 }
    ),
    makeupShare: fc.integer({ min: 0, max: 8 })
  })
  .map(({ special, makeupHours, makeupShare, ...week }) => ({
    id: 'random',
    name: 'random',
    kind: 'business_hours',
    week,
    holidays: special.slice(makeupShare).map(dateOf),
    makeupDays: special
      .slice(0, makeupShare)
      .map((day, i) => ({ date: dateOf(day), hours: makeupHours[i] ?? [] }))
  }));

export const calendar: fc.Arbitrary<SlaCalendar> = fc.oneof(
  { arbitrary: businessCalendar, weight: 4 },
  { arbitrary: fc.constant(CN_BUSINESS_CALENDAR), weight: 2 },
  { arbitrary: fc.constant(ALWAYS_CALENDAR), weight: 1 }
);

/** A whole second in the window's first three weeks. */
export const instant = fc.integer({ min: 0, max: 21 * 24 * 3600 - 1 }).map((s) => BASE + s * SECOND);
/** Up to two days, whole seconds. */
export const span = fc.integer({ min: 0, max: 2 * 24 * 3600 }).map((s) => s * SECOND);
/** A whole minute in the window's first three weeks. */
export const minuteInstant = fc.integer({ min: 0, max: 21 * 24 * 60 - 1 }).map((m) => BASE + m * MINUTE);
/** Up to six weeks, whole minutes: long enough for whole weeks to be skipped. */
export const longSpan = fc.integer({ min: 0, max: 6 * 7 * 24 * 60 }).map((m) => m * MINUTE);
