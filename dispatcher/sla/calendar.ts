// Calendars in which SLA time counts, and the arithmetic on working time: how much of it lies between two
// instants, and when a given amount of it has passed. All calendars are in China Standard Time (UTC+8
// all year, no daylight saving), so a local day is a fixed 24 h and its start is a plain subtraction.
//
// The arithmetic walks days, not seconds, and skips whole weeks wherever no holiday or make-up day
// interrupts them: a ten-day target across Golden Week is a few dozen steps.
import { DAY, HOUR, MINUTE, type EpochMs } from './time';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local (Beijing) wall-clock hours of one day, 'HH:MM', start included, end excluded; end may be '24:00'. */
export interface TimeRange {
  start: string;
  end: string;
}

/** A date on which work happens although the week says otherwise (调休): usually a weekend day. */
export interface MakeupDay {
  /** 'YYYY-MM-DD', Beijing date. */
  date: string;
  hours: TimeRange[];
}

export type SlaCalendar =
  | { id: string; name: string; kind: '24x7' }
  | {
      id: string;
      name: string;
      kind: 'business_hours';
      /** Working hours per weekday; an empty list is a day off. Ranges of a day do not overlap. */
      week: Record<Weekday, TimeRange[]>;
      /** 'YYYY-MM-DD' dates without working time, whatever the weekday. */
      holidays: string[];
      /** Dates with their own hours instead of the weekday's. */
      makeupDays: MakeupDay[];
    };

/** Beijing time is UTC+8 all year. */
const UTC_OFFSET = 8 * HOUR;

/** Minutes after local midnight of 'HH:MM' (up to '24:00'). */
export function minutesOf(hhmm: string): number {
  const [h = '', m = ''] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date. */
function dayNumberOf(date: string): number {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / DAY;
}

/** The local day an instant falls on, in days since 1970-01-01. */
const localDay = (t: EpochMs): number => Math.floor((t + UTC_OFFSET) / DAY);
/** The instant local midnight of a day begins. */
const dayStart = (day: number): EpochMs => day * DAY - UTC_OFFSET;
/** The WEEKDAYS index of a day: 1970-01-01 was a Thursday. */
const weekdayOf = (day: number): number => (((day + 3) % 7) + 7) % 7;

/** Offsets from local midnight, in ms, sorted. */
type Spans = readonly (readonly [number, number])[];

interface Compiled {
  always: boolean;
  /** Indexed like WEEKDAYS. */
  week: Spans[];
  weekTotal: number;
  /** Holidays (no spans) and make-up days, by day number. */
  exceptions: Map<number, Spans>;
  /** The keys of `exceptions`, sorted, to find the next one by binary search. */
  exceptionDays: number[];
}

const toSpans = (ranges: readonly TimeRange[]): Spans =>
  ranges
    .map((r) => [minutesOf(r.start) * MINUTE, minutesOf(r.end) * MINUTE] as const)
    .sort((a, b) => a[0] - b[0]);

const total = (spans: Spans): number => spans.reduce((sum, [s, e]) => sum + e - s, 0);

function compile(calendar: SlaCalendar): Compiled {
  if (calendar.kind === '24x7')
    return { always: true, week: [], weekTotal: 7 * DAY, exceptions: new Map(), exceptionDays: [] };
  const week = WEEKDAYS.map((d) => toSpans(calendar.week[d]));
  const exceptions = new Map<number, Spans>();
  for (const date of calendar.holidays) exceptions.set(dayNumberOf(date), []);
  for (const m of calendar.makeupDays) exceptions.set(dayNumberOf(m.date), toSpans(m.hours));
  return {
    always: false,
    week,
    weekTotal: week.reduce((sum, spans) => sum + total(spans), 0),
    exceptions,
    exceptionDays: [...exceptions.keys()].sort((a, b) => a - b)
  };
}

// Calendars are immutable data, often shared by thousands of clocks: parse each one once.
const compiledCache = new WeakMap<SlaCalendar, Compiled>();
function compiled(calendar: SlaCalendar): Compiled {
  let c = compiledCache.get(calendar);
  if (!c) {
    c = compile(calendar);
    compiledCache.set(calendar, c);
  }
  return c;
}

const spansOf = (c: Compiled, day: number): Spans => c.exceptions.get(day) ?? c.week[weekdayOf(day)] ?? [];

/** Whole weeks from `day` on that no holiday or make-up day interrupts (Infinity after the last one). */
function plainWeeksFrom(c: Compiled, day: number): number {
  let lo = 0;
  let hi = c.exceptionDays.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((c.exceptionDays[mid] ?? Infinity) < day) lo = mid + 1;
    else hi = mid;
  }
  const next = c.exceptionDays[lo];
  return next === undefined ? Infinity : Math.floor((next - day) / 7);
}

/** Whether `t` lies in working time (a range's start is working time, its end is not). */
export function isWorkingTime(calendar: SlaCalendar, t: EpochMs): boolean {
  const c = compiled(calendar);
  if (c.always) return true;
  const day = localDay(t);
  const offset = t - dayStart(day);
  return spansOf(c, day).some(([s, e]) => s <= offset && offset < e);
}

/** Working milliseconds in [from, to); 0 when `to` is not after `from`. */
export function workingMsBetween(calendar: SlaCalendar, from: EpochMs, to: EpochMs): number {
  if (to <= from) return 0;
  const c = compiled(calendar);
  if (c.always) return to - from;
  const lastDay = localDay(to);
  let sum = 0;
  for (let day = localDay(from); day <= lastDay;) {
    const start = dayStart(day);
    const weeks = start >= from ? Math.min(Math.floor((lastDay - day) / 7), plainWeeksFrom(c, day)) : 0;
    if (weeks > 0) {
      sum += weeks * c.weekTotal;
      day += 7 * weeks;
      continue;
    }
    for (const [s, e] of spansOf(c, day))
      sum += Math.max(0, Math.min(start + e, to) - Math.max(start + s, from));
    day++;
  }
  return sum;
}

/**
 * The earliest instant by which `ms` working milliseconds have passed since `start`: a due time. Ending
 * exactly at the close of a working range gives that close, not the next opening. `start` itself when
 * `ms` is 0.
 */
export function addWorkingMs(calendar: SlaCalendar, start: EpochMs, ms: number): EpochMs {
  const c = compiled(calendar);
  if (c.always || ms <= 0) return start + Math.max(0, ms);
  let remaining = ms;
  for (let day = localDay(start); ;) {
    const begin = dayStart(day);
    if (begin >= start) {
      const plain = plainWeeksFrom(c, day);
      // A calendar without working hours would never reach the target: refuse instead of looping.
      if (plain === Infinity && c.weekTotal === 0)
        throw new RangeError(
          `calendar ${calendar.id} has no working hours after ${new Date(begin).toISOString()}`
        );
      // Leave the last partial week to the day walk, so the due time lands inside a working range.
      const weeks = Math.min(Math.floor((remaining - 1) / c.weekTotal), plain);
      if (weeks > 0) {
        remaining -= weeks * c.weekTotal;
        day += 7 * weeks;
        continue;
      }
    }
    for (const [s, e] of spansOf(c, day)) {
      const from = Math.max(begin + s, start);
      const available = begin + e - from;
      if (available <= 0) continue;
      if (available >= remaining) return from + remaining;
      remaining -= available;
    }
    day++;
  }
}
