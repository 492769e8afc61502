// One SLA clock: one metric of one order, counting working time of its calendar from its start, stopped
// by pauses, until it is met or cancelled. Named sla-clock, not clock, to keep it apart from the injected
// Clock (dispatcher/clock.ts) that tells the time.
//
// The clock stores only what happened (start, pauses, stop); due time, warning point and state are
// derived from those and the calendar, so a holiday added to a calendar moves the due times of the open
// clocks that count in it, and a timer is rebuilt from the row without replaying anything.
import { addWorkingMs, workingMsBetween, type SlaCalendar } from './calendar';
import type { EpochMs } from './time';

export const SLA_METRICS = ['response', 'arrival', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

export const PAUSE_REASONS = ['waiting_customer', 'waiting_parts'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

export interface SlaPause {
  reason: PauseReason;
  from: EpochMs;
  /** null while the pause lasts. */
  to: EpochMs | null;
}

/** What a clock owes, copied from the policy version its order started with: later edits leave it be. */
export interface SlaTerms {
  /** Working milliseconds of the calendar, > 0. */
  targetMs: number;
  /** Share of the target at which the warning comes, 0 < ratio < 1. */
  warningRatio: number;
  calendarId: string;
  /** The pause reasons that stop this clock; a pause for another reason leaves it running. */
  pausedBy: PauseReason[];
}

export interface SlaClock extends SlaTerms {
  metric: SlaMetric;
  startedAt: EpochMs;
  /** In the order they began; two reasons may overlap, and the clock stands while any of them lasts. */
  pauses: SlaPause[];
  stopped: { at: EpochMs; reason: 'met' | 'cancelled' } | null;
}

/** `breached`: still running (or paused) past its due time; a met or cancelled clock keeps that state. */
export type SlaState = 'running' | 'paused' | 'breached' | 'met' | 'cancelled';

export interface SlaClockStatus {
  state: SlaState;
  elapsedMs: number;
  /** target − elapsed: negative once breached, by how much it is overdue. */
  remainingMs: number;
  /** The warning point has passed (also true once breached). */
  warning: boolean;
  /** The due time passed before the clock stopped: true for a clock met late too. */
  breached: boolean;
  dueAt: EpochMs | null;
  warningAt: EpochMs | null;
}

export function startClock(metric: SlaMetric, terms: SlaTerms, at: EpochMs): SlaClock {
  return { metric, ...terms, startedAt: at, pauses: [], stopped: null };
}

/** Opens a pause; the same clock back when it is stopped, not paused by `reason`, or already is. */
export function pauseClock(clock: SlaClock, reason: PauseReason, at: EpochMs): SlaClock {
  const open = clock.pauses.some((p) => p.reason === reason && p.to === null);
  if (clock.stopped || open || !clock.pausedBy.includes(reason)) return clock;
  return { ...clock, pauses: [...clock.pauses, { reason, from: at, to: null }] };
}

/** Ends the open pause for `reason`; the same clock back when there is none. */
export function resumeClock(clock: SlaClock, reason: PauseReason, at: EpochMs): SlaClock {
  if (!clock.pauses.some((p) => p.reason === reason && p.to === null)) return clock;
  return {
    ...clock,
    pauses: clock.pauses.map((p) => (p.reason === reason && p.to === null ? { ...p, to: at } : p))
  };
}

/** Met or cancelled at `at`, which ends any open pause; the same clock back when already stopped. */
export function stopClock(clock: SlaClock, reason: 'met' | 'cancelled', at: EpochMs): SlaClock {
  if (clock.stopped) return clock;
  return {
    ...clock,
    pauses: clock.pauses.map((p) => (p.to === null ? { ...p, to: at } : p)),
    stopped: { at, reason }
  };
}

const isPausedAt = (clock: SlaClock, at: EpochMs): boolean =>
  clock.pauses.some((p) => p.from <= at && (p.to === null || at < p.to));

/**
 * The stretches the clock runs in, ignoring the stop: from the start to the first pause, between pauses
 * (overlapping ones merged), and from the last resume on without end unless a pause is still open.
 */
function runningStretches(clock: SlaClock): [EpochMs, EpochMs][] {
  const stretches: [EpochMs, EpochMs][] = [];
  let from = clock.startedAt;
  const pauses = [...clock.pauses].sort((a, b) => a.from - b.from);
  for (const p of pauses) {
    if (p.from > from) stretches.push([from, p.from]);
    from = Math.max(from, p.to ?? Infinity);
  }
  if (from < Infinity) stretches.push([from, Infinity]);
  return stretches;
}

/** Working time counted by `at` (or by the stop, if earlier). */
export function elapsedMs(clock: SlaClock, calendar: SlaCalendar, at: EpochMs): number {
  const end = Math.min(at, clock.stopped?.at ?? Infinity);
  return runningStretches(clock).reduce(
    (sum, [from, to]) => sum + workingMsBetween(calendar, from, Math.min(to, end)),
    0
  );
}

/** The first instant by which `ms` have counted, as if the clock ran on; null while an open pause holds it. */
function instantAfter(clock: SlaClock, calendar: SlaCalendar, ms: number): EpochMs | null {
  let left = ms;
  for (const [from, to] of runningStretches(clock)) {
    const counted = to === Infinity ? Infinity : workingMsBetween(calendar, from, to);
    if (counted >= left) return addWorkingMs(calendar, from, left);
    left -= counted;
  }
  return null;
}

/**
 * When the target is reached if nothing else pauses the clock. null while paused short of it, since the
 * pause pushes it out by as long as it lasts; once reached, the breach instant stays, paused or not. For a
 * stopped clock, the due time it had: met on time when stopped at or before it.
 */
export const dueAt = (clock: SlaClock, calendar: SlaCalendar): EpochMs | null =>
  instantAfter(clock, calendar, clock.targetMs);

/** When the warning share of the target is reached; null like `dueAt`. */
export const warningAt = (clock: SlaClock, calendar: SlaCalendar): EpochMs | null =>
  instantAfter(clock, calendar, Math.ceil(clock.targetMs * clock.warningRatio));

export function clockStatus(clock: SlaClock, calendar: SlaCalendar, at: EpochMs): SlaClockStatus {
  const due = dueAt(clock, calendar);
  const warnAt = warningAt(clock, calendar);
  const stop = clock.stopped && clock.stopped.at <= at ? clock.stopped : null;
  // A stop takes effect at its instant: met exactly at the due time is met on time.
  const passed = (t: EpochMs | null): boolean => t !== null && (stop ? t < stop.at : t <= at);
  const elapsed = elapsedMs(clock, calendar, at);
  const breached = passed(due);
  const state: SlaState = stop
    ? stop.reason
    : breached
      ? 'breached'
      : isPausedAt(clock, at)
        ? 'paused'
        : 'running';
  return {
    state,
    elapsedMs: elapsed,
    remainingMs: clock.targetMs - elapsed,
    warning: passed(warnAt),
    breached,
    dueAt: due,
    warningAt: warnAt
  };
}

/**
 * The next instant after `at` at which the clock's state changes by itself (warning, then breach), for a
 * timer; null when stopped, paused, or past both. Events (pause, resume, stop) change it too: the caller
 * asks again after each.
 */
export function nextChangeAt(clock: SlaClock, calendar: SlaCalendar, at: EpochMs): EpochMs | null {
  if (clock.stopped) return null;
  const ahead = [warningAt(clock, calendar), dueAt(clock, calendar)].filter(
    (t): t is EpochMs => t !== null && t > at
  );
  return ahead.length > 0 ? Math.min(...ahead) : null;
}
