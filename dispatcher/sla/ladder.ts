// The escalation ladder (逐级升级), modelled on PagerDuty's escalation policies: once an order is in
// trouble, levels of people are told one after the other until someone acknowledges it.
//
// A ladder runs in cycles. Level k of a cycle is due `levels[k].delayMs` after the cycle's base: the
// trigger for the first cycle. When the last level has fired and nobody acknowledged, the ladder repeats
// (up to `repeat` times), the new cycle's base being the last level's due time, so the rhythm stays the
// same. An acknowledgement stops further levels; if the order is still not resolved `ackTimeoutMs` after
// it, the ladder re-arms: a new cycle from level 1 based at the timeout, with its repeats restored.
// Resolving the order ends the ladder.
//
// Due times derive from the data, never from when a timer happened to run, and `fire` accepts only the
// one level `nextDue` names, once: a late or restarted timer catches up level by level, in order, and a
// duplicate is refused. `noticeKey` is unique per order, trigger, cycle and level, for the outbox.
import type { Channel, Recipient } from './recipients';
import type { SlaMetric } from './sla-clock';
import { HOUR, type EpochMs } from './time';

export interface EscalationLevel {
  /** After the cycle's base; strictly increasing from one level to the next. */
  delayMs: number;
  recipients: Recipient[];
  channel: Channel;
}

export interface EscalationLadder {
  id: string;
  name: string;
  /** At least one. */
  levels: EscalationLevel[];
  /** How many times the whole ladder runs again when nobody acknowledges: 0 runs it once. */
  repeat: number;
  /** How long an acknowledged order may stay unresolved before the ladder re-arms; null: never. */
  ackTimeoutMs: number | null;
}

/**
 * 1 h in-app to the technician who holds the order, 3 h SMS to the region's dispatch supervisors, 5 h
 * SMS to its regional managers (the issue names no channel for them: whoever is that far up is
 * interrupted). Twice more if nobody acknowledges; re-armed when an acknowledged order is still open
 * half a working day later.
 */
export const DEFAULT_LADDER: EscalationLadder = {
  id: 'default',
  name: '默认升级：技师 → 调度主管 → 区域经理',
  levels: [
    { delayMs: 1 * HOUR, recipients: [{ role: 'technician', scope: 'assignee' }], channel: 'in_app' },
    { delayMs: 3 * HOUR, recipients: [{ role: 'dispatcher', scope: 'region' }], channel: 'sms' },
    { delayMs: 5 * HOUR, recipients: [{ role: 'regional_manager', scope: 'region' }], channel: 'sms' }
  ],
  repeat: 2,
  ackTimeoutMs: 4 * HOUR
};

/** Why the ladder started: an SLA clock's breach, or a red alert at intake (which starts at the top). */
export type EscalationCause =
  { type: 'sla_breach'; metric: SlaMetric } | { type: 'red_alert'; keywords: string[] };

export interface LadderState {
  orderId: string;
  ladderId: string;
  cause: EscalationCause;
  triggeredAt: EpochMs;
  /** 1-based. */
  cycle: number;
  /** Level k of this cycle is due at `cycleBase + levels[k - 1].delayMs`. */
  cycleBase: EpochMs;
  /** 1-based level that fires next in this cycle; past the last one once the cycle is through. */
  nextLevel: number;
  /** Repeats left before the ladder falls silent without an acknowledgement. */
  repeatsLeft: number;
  acknowledged: { at: EpochMs; by: string } | null;
  resolvedAt: EpochMs | null;
}

export interface EscalationDue {
  level: number;
  cycle: number;
  at: EpochMs;
}

/** What delivery sends: the level's recipients on its channel. */
export interface EscalationNotice {
  key: string;
  orderId: string;
  cause: EscalationCause;
  level: number;
  cycle: number;
  channel: Channel;
  recipients: Recipient[];
  dueAt: EpochMs;
  firedAt: EpochMs;
}

/**
 * `passed`: that level of that cycle has fired, or was skipped or stopped; `ahead`: an earlier one has
 * not fired yet; `early`: it is the next one but not due yet; `exhausted`: no repeats left.
 */
export type FireRefusal = 'resolved' | 'acknowledged' | 'exhausted' | 'passed' | 'ahead' | 'early';

export type FireResult =
  | { type: 'fired'; state: LadderState; notice: EscalationNotice }
  | { type: 'refused'; reason: FireRefusal; next: EscalationDue | null };

export type AckResult =
  | { type: 'acknowledged'; state: LadderState }
  | { type: 'refused'; reason: 'resolved' | 'already_acknowledged' };

export const noticeKey = (state: LadderState, cycle: number, level: number): string =>
  `escalation:${state.orderId}:${state.triggeredAt}:${cycle}:${level}`;

/** Starts the ladder; a red alert starts it at the top level, due at once, skipping the ones below. */
export function trigger(
  ladder: EscalationLadder,
  start: { orderId: string; cause: EscalationCause; at: EpochMs }
): LadderState {
  const top = ladder.levels.length;
  const fromTop = start.cause.type === 'red_alert';
  return {
    orderId: start.orderId,
    ladderId: ladder.id,
    cause: start.cause,
    triggeredAt: start.at,
    cycle: 1,
    cycleBase: fromTop ? start.at - (ladder.levels[top - 1]?.delayMs ?? 0) : start.at,
    nextLevel: fromTop ? top : 1,
    repeatsLeft: ladder.repeat,
    acknowledged: null,
    resolvedAt: null
  };
}

/** `nextDue` with the level it names. */
function upcoming(
  ladder: EscalationLadder,
  state: LadderState
): { due: EscalationDue; step: EscalationLevel } | null {
  if (state.resolvedAt !== null) return null;
  const [first] = ladder.levels;
  const newCycle = (base: EpochMs) =>
    first ? { due: { level: 1, cycle: state.cycle + 1, at: base + first.delayMs }, step: first } : null;
  if (state.acknowledged)
    return ladder.ackTimeoutMs === null ? null : newCycle(state.acknowledged.at + ladder.ackTimeoutMs);
  const step = ladder.levels[state.nextLevel - 1];
  if (step)
    return { due: { level: state.nextLevel, cycle: state.cycle, at: state.cycleBase + step.delayMs }, step };
  const last = ladder.levels[ladder.levels.length - 1];
  return state.repeatsLeft > 0 && last ? newCycle(state.cycleBase + last.delayMs) : null;
}

/** The one level that may fire next, and when; null when the ladder is resolved, silenced or spent. */
export const nextDue = (ladder: EscalationLadder, state: LadderState): EscalationDue | null =>
  upcoming(ladder, state)?.due ?? null;

/** Fires `level` of `cycle` at `at` if it is the level due next and its time has come; refuses otherwise. */
export function fire(
  ladder: EscalationLadder,
  state: LadderState,
  level: number,
  cycle: number,
  at: EpochMs
): FireResult {
  const next = upcoming(ladder, state);
  const refuse = (reason: FireRefusal): FireResult => ({ type: 'refused', reason, next: next?.due ?? null });
  if (!next)
    return refuse(state.resolvedAt !== null ? 'resolved' : state.acknowledged ? 'acknowledged' : 'exhausted');
  const { due, step } = next;
  if (cycle !== due.cycle || level !== due.level)
    return refuse(cycle < due.cycle || (cycle === due.cycle && level < due.level) ? 'passed' : 'ahead');
  if (at < due.at) return refuse('early');
  const after: LadderState =
    due.cycle === state.cycle
      ? { ...state, nextLevel: level + 1 }
      : {
          ...state,
          cycle: due.cycle,
          cycleBase: due.at - step.delayMs,
          nextLevel: 2,
          // A re-arm is a fresh start after someone took it on; a repeat spends one.
          repeatsLeft: state.acknowledged ? ladder.repeat : state.repeatsLeft - 1,
          acknowledged: null
        };
  return {
    type: 'fired',
    state: after,
    notice: {
      key: noticeKey(state, cycle, level),
      orderId: state.orderId,
      cause: state.cause,
      level,
      cycle,
      channel: step.channel,
      recipients: step.recipients,
      dueAt: due.at,
      firedAt: at
    }
  };
}

/** Someone took the order on: no further level fires until the ack timeout re-arms the ladder. */
export function acknowledge(state: LadderState, by: string, at: EpochMs): AckResult {
  if (state.resolvedAt !== null) return { type: 'refused', reason: 'resolved' };
  if (state.acknowledged) return { type: 'refused', reason: 'already_acknowledged' };
  return { type: 'acknowledged', state: { ...state, acknowledged: { at, by } } };
}

/** The order is resolved (completed or cancelled): the ladder ends. */
export const resolve = (state: LadderState, at: EpochMs): LadderState =>
  state.resolvedAt !== null ? state : { ...state, resolvedAt: at };
