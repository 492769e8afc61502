import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../../dispatcher/clock';
import {
  acknowledge,
  DEFAULT_LADDER,
  fire,
  nextDue,
  resolve,
  trigger,
  type EscalationCause,
  type EscalationLadder,
  type EscalationNotice,
  type LadderState
} from '../../../../dispatcher/sla/ladder';
import { HOUR, MINUTE } from '../../../../dispatcher/sla/time';

const T0 = Date.parse('2025-11-17T10:00:00+08:00');
const BREACH: EscalationCause = { type: 'sla_breach', metric: 'response' };

class FakeClock implements Clock {
  constructor(private t: number) {}
  now(): Date {
    return new Date(this.t);
  }
  set(t: number): void {
    this.t = t;
  }
}

/**
 * What the timer layer will do around the pure ladder: when time moves on, fire each level as it comes
 * due, at its due time, in order. Acknowledgements and resolution arrive from outside.
 */
class Escalation {
  readonly clock: FakeClock;
  readonly notices: EscalationNotice[] = [];
  state: LadderState;

  constructor(
    readonly ladder: EscalationLadder,
    cause: EscalationCause = BREACH
  ) {
    this.clock = new FakeClock(T0);
    this.state = trigger(ladder, { orderId: 'o-1', cause, at: T0 });
  }

  get now(): number {
    return this.clock.now().getTime();
  }

  advance(ms: number): this {
    const until = this.now + ms;
    // No acknowledgement comes in between, so at most one whole run of the ladder and its repeats.
    const most = this.notices.length + this.ladder.levels.length * (this.ladder.repeat + 1);
    for (
      let due = nextDue(this.ladder, this.state);
      due && due.at <= until;
      due = nextDue(this.ladder, this.state)
    ) {
      this.clock.set(due.at);
      const result = fire(this.ladder, this.state, due.level, due.cycle, this.now);
      if (result.type !== 'fired') throw new Error(`the due level was refused: ${result.reason}`);
      this.state = result.state;
      this.notices.push(result.notice);
      if (this.notices.length > most) throw new Error('the ladder fired more than its repeats allow');
    }
    this.clock.set(until);
    return this;
  }

  ack(): boolean {
    const result = acknowledge(this.state, 'supervisor-1', this.now);
    if (result.type === 'acknowledged') this.state = result.state;
    return result.type === 'acknowledged';
  }

  /** (level, cycle, hours after the trigger) of every notice so far. */
  get fired(): [number, number, number][] {
    return this.notices.map((n) => [n.level, n.cycle, (n.firedAt - T0) / HOUR]);
  }
}

const once: EscalationLadder = { ...DEFAULT_LADDER, repeat: 0 };

describe('the escalation ladder', () => {
  it('without an acknowledgement tells each level once and in order: agent at 1 h, supervisor at 3 h, manager at 5 h', () => {
    const e = new Escalation(once).advance(48 * HOUR);
    expect(e.fired).toEqual([
      [1, 1, 1],
      [2, 1, 3],
      [3, 1, 5]
    ]);
    expect(e.notices.map((n) => [n.channel, n.recipients[0]?.role])).toEqual([
      ['in_app', 'technician'],
      ['sms', 'dispatcher'],
      ['sms', 'regional_manager']
    ]);
  });

  it('fires nothing more after an acknowledgement following level 1 while the order gets resolved in time', () => {
    const e = new Escalation(DEFAULT_LADDER).advance(90 * MINUTE);
    expect(e.ack()).toBe(true);
    e.advance(3 * HOUR);
    e.state = resolve(e.state, e.now);
    e.advance(48 * HOUR);
    expect(e.fired).toEqual([[1, 1, 1]]);
  });

  it('fires nothing more after an acknowledgement when the ladder has no ack timeout', () => {
    const e = new Escalation({ ...DEFAULT_LADDER, ackTimeoutMs: null }).advance(90 * MINUTE);
    e.ack();
    expect(e.advance(30 * 24 * HOUR).fired).toEqual([[1, 1, 1]]);
  });

  it('re-arms from level 1 when the order is still open once the ack timeout has passed', () => {
    const e = new Escalation({ ...once, ackTimeoutMs: 4 * HOUR }).advance(90 * MINUTE);
    e.ack();
    e.advance(10 * HOUR);
    // Acknowledged at 1.5 h; re-armed at 5.5 h; its levels follow at 1, 3 and 5 h after that.
    expect(e.fired).toEqual([
      [1, 1, 1],
      [1, 2, 6.5],
      [2, 2, 8.5],
      [3, 2, 10.5]
    ]);
    expect(e.state.acknowledged).toBeNull();
  });

  it('repeats the whole ladder as often as it says, in the same rhythm, then falls silent', () => {
    const e = new Escalation({ ...DEFAULT_LADDER, repeat: 2 }).advance(7 * 24 * HOUR);
    expect(e.fired).toEqual([
      [1, 1, 1],
      [2, 1, 3],
      [3, 1, 5],
      [1, 2, 6],
      [2, 2, 8],
      [3, 2, 10],
      [1, 3, 11],
      [2, 3, 13],
      [3, 3, 15]
    ]);
    expect(nextDue(e.ladder, e.state)).toBeNull();
  });

  it('tells the top level at once on a red alert, then runs the ladder from level 1 if nobody answers', () => {
    const e = new Escalation({ ...DEFAULT_LADDER, repeat: 1 }, { type: 'red_alert', keywords: ['燃气泄漏'] });
    e.advance(0);
    expect(e.fired).toEqual([[3, 1, 0]]);
    e.advance(24 * HOUR);
    expect(e.fired.slice(1)).toEqual([
      [1, 2, 1],
      [2, 2, 3],
      [3, 2, 5]
    ]);
  });

  it('catches up level by level, in order, when its timer ran late', () => {
    let state = trigger(once, { orderId: 'o-1', cause: BREACH, at: T0 });
    const late = T0 + 6 * HOUR;
    const notices: EscalationNotice[] = [];
    for (let due = nextDue(once, state); due && due.at <= late; due = nextDue(once, state)) {
      const result = fire(once, state, due.level, due.cycle, late);
      if (result.type !== 'fired') throw new Error(result.reason);
      state = result.state;
      notices.push(result.notice);
    }
    expect(notices.map((n) => [n.level, n.dueAt - T0, n.firedAt - T0])).toEqual([
      [1, 1 * HOUR, 6 * HOUR],
      [2, 3 * HOUR, 6 * HOUR],
      [3, 5 * HOUR, 6 * HOUR]
    ]);
  });

  it('refuses a level fired twice, out of order, early, after acknowledgement, once spent or resolved', () => {
    const start = trigger(once, { orderId: 'o-1', cause: BREACH, at: T0 });
    const first = fire(once, start, 1, 1, T0 + HOUR);
    if (first.type !== 'fired') throw new Error(first.reason);
    const s = first.state;
    expect(fire(once, s, 1, 1, T0 + 2 * HOUR)).toMatchObject({ type: 'refused', reason: 'passed' });
    expect(fire(once, s, 3, 1, T0 + 9 * HOUR)).toMatchObject({ type: 'refused', reason: 'ahead' });
    expect(fire(once, s, 2, 1, T0 + 2 * HOUR)).toEqual({
      type: 'refused',
      reason: 'early',
      next: { level: 2, cycle: 1, at: T0 + 3 * HOUR }
    });
    const acked = acknowledge(s, 'supervisor-1', T0 + 2 * HOUR);
    if (acked.type !== 'acknowledged') throw new Error(acked.reason);
    expect(fire(once, acked.state, 2, 1, T0 + 3 * HOUR)).toMatchObject({ type: 'refused', reason: 'passed' });
    const silent = { ...once, ackTimeoutMs: null };
    expect(fire(silent, acked.state, 1, 2, T0 + 30 * HOUR)).toMatchObject({ reason: 'acknowledged' });
    expect(fire(once, { ...s, nextLevel: 4 }, 1, 2, T0 + 30 * HOUR)).toMatchObject({ reason: 'exhausted' });
    expect(fire(once, resolve(s, T0 + 2 * HOUR), 2, 1, T0 + 3 * HOUR)).toMatchObject({ reason: 'resolved' });
  });

  it('accepts one acknowledgement at a time and none after resolution', () => {
    const s = trigger(once, { orderId: 'o-1', cause: BREACH, at: T0 });
    const acked = acknowledge(s, 'a', T0);
    if (acked.type !== 'acknowledged') throw new Error(acked.reason);
    expect(acknowledge(acked.state, 'b', T0 + 1)).toEqual({
      type: 'refused',
      reason: 'already_acknowledged'
    });
    expect(acknowledge(resolve(s, T0), 'b', T0 + 1)).toEqual({ type: 'refused', reason: 'resolved' });
  });

  it('keys each notice by order, trigger, cycle and level, so the outbox can hold it to once', () => {
    const e = new Escalation({ ...DEFAULT_LADDER, repeat: 1 }).advance(24 * HOUR);
    expect(e.notices[0]?.key).toBe(`escalation:o-1:${T0}:1:1`);
    expect(new Set(e.notices.map((n) => n.key)).size).toBe(6);
  });
});

/** Ladders the schema accepts. */
const ladder: fc.Arbitrary<EscalationLadder> = fc
  .record({
    delays: fc.uniqueArray(fc.integer({ min: 0, max: 8 * HOUR }), { minLength: 1, maxLength: 4 }),
    repeat: fc.integer({ min: 0, max: 3 }),
    ackTimeoutMs: fc.option(fc.integer({ min: 1, max: 6 * HOUR }))
  })
  .map(({ delays, repeat, ackTimeoutMs }) => ({
    id: 'l',
    name: 'l',
    levels: [...delays]
      .sort((a, b) => a - b)
      .map((delayMs) => ({
        delayMs,
        recipients: [{ role: 'dispatcher', scope: 'region' } as const],
        channel: 'sms' as const
      })),
    repeat,
    ackTimeoutMs
  }))
  // As the schema demands: a repeating ladder's cycle takes time.
  .filter((l) => l.repeat === 0 || (l.levels.at(-1)?.delayMs ?? 0) > 0);

type Op =
  | { type: 'advance'; ms: number }
  | { type: 'ack' }
  | { type: 'resolve' }
  | { type: 'fire'; level: number; cycle: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      type: fc.constant('advance' as const),
      ms: fc.integer({ min: 0, max: 10 * HOUR })
    }),
    weight: 6
  },
  { arbitrary: fc.constant({ type: 'ack' as const }), weight: 2 },
  { arbitrary: fc.constant({ type: 'resolve' as const }), weight: 1 },
  {
    arbitrary: fc.record({
      type: fc.constant('fire' as const),
      level: fc.integer({ min: 1, max: 4 }),
      cycle: fc.integer({ min: 1, max: 6 })
    }),
    weight: 2
  }
);

type Entry = { type: 'notice'; notice: EscalationNotice } | { type: 'ack'; at: number } | { type: 'resolve' };

/** Plays the operations on a fake clock; answers what happened, in order. */
function play(l: EscalationLadder, cause: EscalationCause, ops: Op[]): Entry[] {
  const e = new Escalation(l, cause);
  const log: Entry[] = [];
  for (const o of ops) {
    const before = e.notices.length;
    if (o.type === 'advance') e.advance(o.ms);
    else if (o.type === 'ack') {
      if (e.ack()) log.push({ type: 'ack', at: e.now });
    } else if (o.type === 'resolve') {
      e.state = resolve(e.state, e.now);
      log.push({ type: 'resolve' });
    } else {
      // A stray or duplicate timer: only the level due next, once due, may fire.
      const due = nextDue(l, e.state);
      const result = fire(l, e.state, o.level, o.cycle, e.now);
      const expected = due?.level === o.level && due.cycle === o.cycle && due.at <= e.now;
      expect(result.type).toBe(expected ? 'fired' : 'refused');
      if (result.type === 'fired') {
        e.state = result.state;
        e.notices.push(result.notice);
      }
    }
    for (const notice of e.notices.slice(before)) log.push({ type: 'notice', notice });
  }
  return log;
}

describe('the escalation ladder under any interleaving of time, acknowledgements and stray timers', () => {
  it('fires each level at most once per cycle, in order, never early, after resolution or inside an ack timeout', () => {
    fc.assert(
      fc.property(ladder, fc.boolean(), fc.array(op, { maxLength: 40 }), (l, redAlert, ops) => {
        const log = play(l, redAlert ? { type: 'red_alert', keywords: ['漏电'] } : BREACH, ops);
        const notices = log.flatMap((x) => (x.type === 'notice' ? [x.notice] : []));

        expect(new Set(notices.map((n) => `${n.cycle}:${n.level}`)).size).toBe(notices.length);
        notices.forEach((n, i) => {
          expect(n.firedAt).toBeGreaterThanOrEqual(n.dueAt);
          const prev = notices[i - 1];
          if (prev) {
            expect(n.cycle).toBeGreaterThanOrEqual(prev.cycle);
            if (n.cycle === prev.cycle) expect(n.level).toBeGreaterThan(prev.level);
          }
        });

        const resolved = log.findIndex((x) => x.type === 'resolve');
        if (resolved >= 0) expect(log.slice(resolved).filter((x) => x.type === 'notice')).toEqual([]);

        let repeats = 0;
        log.forEach((entry, i) => {
          if (entry.type === 'ack') {
            // Silent until the ack timeout has passed; then a new cycle from level 1, repeats restored.
            const next = log.slice(i + 1).find((x) => x.type === 'notice');
            if (next?.type === 'notice') {
              expect(l.ackTimeoutMs).not.toBeNull();
              const firstDelay = l.levels[0]?.delayMs ?? 0;
              expect(next.notice.firedAt).toBeGreaterThanOrEqual(
                entry.at + (l.ackTimeoutMs ?? 0) + firstDelay
              );
              expect(next.notice).toMatchObject({ level: 1 });
            }
            repeats = -1;
          } else if (entry.type === 'notice' && entry.notice.level === 1 && entry.notice.cycle > 1) {
            // A new cycle without an acknowledgement before it is a repeat (the first after one is the re-arm).
            repeats++;
            expect(repeats).toBeLessThanOrEqual(l.repeat);
          }
        });
      })
    );
  });
});
