import { describe, expect, it, vi } from 'vitest';
import { Now } from '$lib/time/now.svelte';
import { iso, MIN, slaRow, T0 } from '$lib/testing/sla-rows';
import type { SlaBoard, SlaBoardRow } from '$realtime/contract';
import type { SlaAlert } from '$realtime/events';
import { ACK_NOTICE_MS, SlaBoardState } from './sla-board.svelte';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const board = (at: number, rows: SlaBoardRow[], breachesToday: Record<string, number> = {}): SlaBoard => ({
  at: iso(at),
  rows,
  breachesToday
});

const breach = (workOrderId: string, at: number, regionId = 'east'): SlaAlert => ({
  workOrderId,
  regionId,
  metric: 'response',
  level: 0,
  cycle: 1,
  dueAt: iso(at),
  at: iso(at)
});

/** A board over a fake server: `snapshots` are answered in turn, `ack` answers acknowledgements. */
function setup(snapshots: SlaBoard[], ack?: (orderId: string, body: unknown) => Response) {
  let time = T0;
  const now = new Now(() => time);
  const queue = [...snapshots];
  const acks: { orderId: string; body: unknown }[] = [];
  const fetch = vi.fn<typeof globalThis.fetch>(async (input, init) => {
    const path = new URL(String(input), 'http://wall.test').pathname;
    if (path === '/api/sla/board') {
      const next = queue.length > 1 ? queue.shift() : queue[0];
      return next ? json(200, next) : json(503, { error: { code: 'unavailable', message: 'down' } });
    }
    const orderId = decodeURIComponent(path.split('/')[3] ?? '');
    const body: unknown = JSON.parse(String(init?.body));
    acks.push({ orderId, body });
    return ack ? ack(orderId, body) : json(500, {});
  });
  const state = new SlaBoardState({ fetch, now });
  const setTime = (ms: number) => {
    time = ms;
    now.update();
  };
  return { state, fetch, acks, setTime };
}

const ids = (state: SlaBoardState) => state.rows.map((s) => s.row.orderId);

describe('SlaBoardState', () => {
  it('lists the snapshot soonest breach first and counts the bands at the page’s clock', async () => {
    const { state, setTime } = setup([
      board(T0, [
        slaRow('later', { dueAt: iso(T0 + 60 * MIN), warningAt: iso(T0 + 45 * MIN) }),
        slaRow('soon'),
        slaRow('waiting', { band: 'paused', dueAt: null, warningAt: null, remainingMs: 5 * MIN })
      ])
    ]);
    await state.load();
    expect(ids(state)).toEqual(['soon', 'later', 'waiting']);
    expect(state.bandCounts).toEqual({ on_track: 2, warning: 0, breached: 0, paused: 1 });

    // A tab that slept for 40 minutes is right at its first tick: nothing was counted while it slept.
    setTime(T0 + 40 * MIN);
    expect(state.bandCounts).toEqual({ on_track: 1, warning: 0, breached: 1, paused: 1 });
    expect(state.rows[0]).toMatchObject({ band: 'breached', remainingMs: -10 * MIN });
    expect(state.rows[1]).toMatchObject({ band: 'on_track', remainingMs: 20 * MIN });
    expect(state.rows[2]).toMatchObject({ band: 'paused', remainingMs: 5 * MIN });
  });

  it('drops an update older than the row it holds', async () => {
    const { state } = setup([board(T0, [slaRow('a', { version: 3 })])]);
    await state.load();
    expect(state.apply(slaRow('a', { version: 2, band: 'breached' }))).toBe(false);
    expect(state.apply(slaRow('a', { version: 3, band: 'breached' }))).toBe(false);
    expect(state.rows[0]?.row.version).toBe(3);
    expect(state.apply(slaRow('a', { version: 4, escalation: null, status: 'accepted' }))).toBe(true);
    expect(state.rows[0]?.row.status).toBe('accepted');
  });

  it('removes an order, and a late update sent before the removal does not bring it back', async () => {
    const { state } = setup([board(T0, [slaRow('a'), slaRow('b')])]);
    await state.load();
    state.remove({ orderId: 'a', at: iso(T0 + 2 * MIN) });
    expect(ids(state)).toEqual(['b']);
    expect(state.apply(slaRow('a', { version: 2, at: iso(T0 + MIN) }))).toBe(false);
    expect(ids(state)).toEqual(['b']);
    // Reopened later: new clocks, a later row.
    expect(state.apply(slaRow('a', { version: 3, at: iso(T0 + 3 * MIN) }))).toBe(true);
    expect(ids(state)).toEqual(['a', 'b']);
  });

  it('takes a new snapshot on reconnect, keeping what the socket said after it was read', async () => {
    const { state } = setup([
      board(T0, [slaRow('kept'), slaRow('gone'), slaRow('updated')]),
      // Read at T0 + 5: 'gone' left the board meanwhile, 'missed' came on, 'updated' is at version 1 here.
      board(T0 + 5 * MIN, [
        slaRow('kept', { version: 2 }),
        slaRow('updated', { version: 1 }),
        slaRow('missed', { dueAt: iso(T0 + 10 * MIN) }),
        slaRow('removed-late', { at: iso(T0 + 4 * MIN) })
      ])
    ]);
    await state.load();
    // Heard while the second read was on its way.
    state.apply(slaRow('updated', { version: 2, at: iso(T0 + 6 * MIN), band: 'warning' }));
    state.apply(slaRow('new', { at: iso(T0 + 6 * MIN), dueAt: iso(T0 + 20 * MIN) }));
    state.remove({ orderId: 'removed-late', at: iso(T0 + 6 * MIN) });
    await state.load();
    expect(ids(state).sort()).toEqual(['kept', 'missed', 'new', 'updated']);
    expect(state.rows.find((s) => s.row.orderId === 'kept')?.row.version).toBe(2);
    expect(state.rows.find((s) => s.row.orderId === 'updated')?.row.version).toBe(2);
  });

  it('drops a snapshot overtaken by a later read', async () => {
    const { state, fetch } = setup([]);
    let release: (r: Response) => void = () => {};
    fetch
      .mockImplementationOnce(() => new Promise((resolve) => (release = resolve)))
      .mockImplementationOnce(async () => json(200, board(T0 + MIN, [slaRow('fresh')])));
    const first = state.load();
    await state.load();
    release(json(200, board(T0, [slaRow('stale')])));
    await first;
    expect(ids(state)).toEqual(['fresh']);
  });

  it('adds breaches heard after the snapshot to its counts, each once, for today in Beijing only', async () => {
    // T0 is 10:00 in Beijing.
    const { state, setTime } = setup([board(T0, [], { east: 2, north: 0 })]);
    await state.load();
    state.applyBreach(breach('old', T0 - MIN));
    state.applyBreach(breach('x', T0 + MIN));
    state.applyBreach(breach('x', T0 + MIN));
    state.applyBreach(breach('y', T0 + MIN, 'north'));
    expect(state.breachesToday).toEqual({ east: 3, north: 1 });
    // Past midnight in Beijing (16:00 UTC), yesterday's counts are gone; today's breaches count from zero.
    setTime(Date.parse('2026-11-23T16:00:00Z'));
    expect(state.breachesToday).toEqual({});
    state.applyBreach(breach('z', Date.parse('2026-11-23T16:00:01Z')));
    expect(state.breachesToday).toEqual({ east: 1 });
  });

  it('acknowledges with the reason, applying the answered row', async () => {
    const escalated = slaRow('a', {
      escalation: { level: 1, cycle: 1, nextLevelAt: null, acknowledgedBy: null, acknowledgedAt: null }
    });
    const escalation = {
      ...escalated.escalation!,
      acknowledgedBy: 'user:dispatch.east',
      acknowledgedAt: iso(T0)
    };
    // The answer is the order's `sla`, with its board row.
    const answer = { redAlert: null, row: { ...escalated, version: 2, escalation }, escalation };
    const { state, acks } = setup([board(T0, [escalated])], () => json(200, answer));
    await state.load();
    await state.acknowledge('a', '在大屏确认');
    expect(acks).toEqual([{ orderId: 'a', body: { reason: '在大屏确认' } }]);
    expect(state.rows[0]?.row.escalation?.acknowledgedBy).toBe('user:dispatch.east');
    expect(state.noticeFor('a')).toEqual({ type: 'done' });
  });

  it('shows a 409 on its row, reads the board again, and lets the notice fade', async () => {
    const { state, fetch, setTime } = setup([board(T0, [slaRow('a')])], () =>
      json(409, { error: { code: 'already_acknowledged', message: 'acknowledged by manager.east' } })
    );
    await state.load();
    await state.acknowledge('a', 'x');
    expect(state.noticeFor('a')).toEqual({ type: 'conflict', message: 'acknowledged by manager.east' });
    expect(fetch.mock.calls.filter(([url]) => String(url).startsWith('/api/sla/board'))).toHaveLength(2);
    setTime(T0 + ACK_NOTICE_MS);
    expect(state.noticeFor('a')).toBeNull();
  });

  it('says so when the board cannot be read', async () => {
    const { state } = setup([]);
    await state.load();
    expect(state.failed).toBe(true);
    expect(state.loaded).toBe(false);
  });
});
