import { describe, expect, it } from 'vitest';
import type { TechFrame, TechPosition, WallStats } from '$realtime/events';
import { WallState } from './wall-state.svelte';

const pos = (id: string, status: TechPosition['status'] = 'idle', lng = 116.4, lat = 39.9): TechPosition => ({
  id,
  status,
  lng,
  lat,
  regionId: 'north'
});

const frame = (at: string, full: boolean, positions: TechPosition[]): TechFrame => ({ at, full, positions });

const stats = (at: string, technicians: WallStats['technicians'], openOrders: number): WallStats => ({
  at,
  technicians,
  openOrders
});

describe('WallState', () => {
  it('starts empty, without counts, and connecting', () => {
    const wall = new WallState();
    expect(wall.size).toBe(0);
    expect(wall.counts).toBeNull();
    expect(wall.connection).toBe('connecting');
  });

  it('replaces every position when a full frame arrives', () => {
    const wall = new WallState();
    wall.applyFrame(frame('2026-01-01T00:00:00Z', true, [pos('a'), pos('b'), pos('c')]));
    wall.applyFrame(frame('2026-01-01T00:00:01Z', true, [pos('b', 'busy'), pos('d')]));
    expect([...wall.positions.keys()].sort()).toEqual(['b', 'd']);
    expect(wall.positions.get('b')?.status).toBe('busy');
    expect(wall.size).toBe(2);
  });

  it('merges a partial frame by technician id and keeps the others', () => {
    const wall = new WallState();
    wall.applyFrame(frame('2026-01-01T00:00:00Z', true, [pos('a'), pos('b')]));
    wall.applyFrame(
      frame('2026-01-01T00:00:00.500Z', false, [pos('b', 'en_route', 117, 40), pos('c', 'busy')])
    );
    expect(wall.size).toBe(3);
    expect(wall.positions.get('a')).toEqual(pos('a'));
    expect(wall.positions.get('b')).toMatchObject({ status: 'en_route', lng: 117, lat: 40 });
    expect(wall.positions.get('c')?.status).toBe('busy');
  });

  it('bumps the revision on every change so the map knows to redraw', () => {
    const wall = new WallState();
    const before = wall.revision;
    wall.applyFrame(frame('2026-01-01T00:00:00Z', true, [pos('a')]));
    wall.applyFrame(frame('2026-01-01T00:00:01Z', false, [pos('a', 'busy')]));
    expect(wall.revision).toBe(before + 2);
  });

  it('ignores a partial frame older than the last full frame', () => {
    const wall = new WallState();
    wall.applyFrame(frame('2026-01-01T00:00:05Z', true, [pos('a', 'idle')]));
    const applied = wall.applyFrame(frame('2026-01-01T00:00:04Z', false, [pos('a', 'busy'), pos('z')]));
    expect(applied).toBe(false);
    expect(wall.positions.get('a')?.status).toBe('idle');
    expect(wall.positions.has('z')).toBe(false);
  });

  it('handles ten thousand positions in one full frame', () => {
    const wall = new WallState();
    const many = Array.from({ length: 10_000 }, (_, i) =>
      pos(`t${i}`, i % 2 ? 'busy' : 'idle', 100 + i / 1000, 30)
    );
    wall.applyFrame(frame('2026-01-01T00:00:00Z', true, many));
    wall.applyFrame(frame('2026-01-01T00:00:01Z', false, [pos('t42', 'offline')]));
    expect(wall.size).toBe(10_000);
    expect(wall.positions.get('t42')?.status).toBe('offline');
  });

  it('derives the header counts from the stats, online being everyone not offline', () => {
    const wall = new WallState();
    wall.applyStats(stats('2026-01-01T00:00:00Z', { idle: 10, en_route: 5, busy: 7, offline: 100 }, 42));
    expect(wall.counts).toEqual({ online: 22, idle: 10, enRoute: 5, busy: 7, offline: 100, openOrders: 42 });
  });

  it('updates the counts when newer stats arrive and ignores older ones', () => {
    const wall = new WallState();
    wall.applyStats(stats('2026-01-01T00:00:02Z', { idle: 1, en_route: 1, busy: 1, offline: 0 }, 3));
    wall.applyStats(stats('2026-01-01T00:00:04Z', { idle: 2, en_route: 0, busy: 0, offline: 1 }, 9));
    expect(
      wall.applyStats(stats('2026-01-01T00:00:03Z', { idle: 9, en_route: 9, busy: 9, offline: 9 }, 99))
    ).toBe(false);
    expect(wall.counts).toMatchObject({ online: 2, idle: 2, openOrders: 9 });
  });

  it('counts come from the stats, not from the positions drawn', () => {
    const wall = new WallState();
    wall.applyFrame(frame('2026-01-01T00:00:00Z', true, [pos('a', 'busy')]));
    expect(wall.counts).toBeNull();
  });

  it('tracks the connection status', () => {
    const wall = new WallState();
    wall.setConnection('connected');
    expect(wall.connection).toBe('connected');
    wall.setConnection('reconnecting');
    expect(wall.connection).toBe('reconnecting');
  });

  it('marks its numbers stale from a drop until every part has been read again', () => {
    const wall = new WallState();
    const counts = { offline: 1, idle: 2, en_route: 0, busy: 0 };
    wall.setConnection('connected', 1_000);
    expect(wall.stale).toBe(false);
    wall.setConnection('reconnecting', 5_000);
    expect(wall.stale).toBe(true);
    expect(wall.droppedAt).toBe(5_000);
    // a second failed attempt does not restart the time since the drop
    wall.setConnection('reconnecting', 9_000);
    expect(wall.droppedAt).toBe(5_000);

    wall.setConnection('connected', 20_000);
    wall.beginResync(['positions', 'counts', 'sla']);
    expect(wall.droppedAt).toBeNull();
    expect(wall.stale).toBe(true);
    wall.applyFrame(frame('2026-01-01T00:00:10Z', true, [pos('a')]));
    wall.applyStats(stats('2026-01-01T00:00:10Z', counts, 3));
    expect(wall.stale).toBe(true);
    wall.resynced('sla');
    expect(wall.stale).toBe(false);
  });

  it('is not made fresh by a partial frame', () => {
    const wall = new WallState();
    wall.setConnection('connected');
    wall.beginResync(['positions']);
    wall.applyFrame(frame('2026-01-01T00:00:10Z', false, [pos('a')]));
    expect(wall.stale).toBe(true);
  });
});
