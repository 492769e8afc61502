// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import type { TechPosition } from '$realtime/events';
import { CLIENT_RUNTIME_HINT, hasSvelteClientRuntime } from '$lib/testing/client-runtime.svelte';
import { WallState } from './wall-state.svelte';

const pos = (id: string): TechPosition => ({ id, status: 'idle', lng: 116.4, lat: 39.9, regionId: 'north' });

describe.skipIf(!hasSvelteClientRuntime())(`WallState in effects (${CLIENT_RUNTIME_HINT})`, () => {
  it('re-runs an effect that reads the positions when a frame changes them', () => {
    const wall = new WallState();
    const seen: number[] = [];
    const stop = $effect.root(() => {
      $effect(() => {
        void wall.revision;
        seen.push(wall.positions.size);
      });
    });
    flushSync();
    wall.applyFrame({ at: '2026-01-01T00:00:00Z', full: true, positions: [pos('a'), pos('b')] });
    flushSync();
    wall.applyFrame({ at: '2026-01-01T00:00:01Z', full: false, positions: [pos('c')] });
    flushSync();
    stop();
    expect(seen).toEqual([0, 2, 3]);
  });

  it('re-runs an effect that reads the counts when stats arrive, and not on frames', () => {
    const wall = new WallState();
    const seen: (number | undefined)[] = [];
    const stop = $effect.root(() => {
      $effect(() => {
        seen.push(wall.counts?.online);
      });
    });
    flushSync();
    wall.applyFrame({ at: '2026-01-01T00:00:00Z', full: true, positions: [pos('a')] });
    flushSync();
    wall.applyStats({
      at: '2026-01-01T00:00:00Z',
      technicians: { offline: 0, idle: 1, en_route: 2, busy: 3 },
      openOrders: 0
    });
    flushSync();
    stop();
    expect(seen).toEqual([undefined, 6]);
  });

  it('re-runs an effect that reads the connection status when it changes', () => {
    const wall = new WallState();
    const seen: string[] = [];
    const stop = $effect.root(() => {
      $effect(() => {
        seen.push(wall.connection);
      });
    });
    flushSync();
    wall.setConnection('connected');
    flushSync();
    wall.setConnection('reconnecting');
    flushSync();
    stop();
    expect(seen).toEqual(['connecting', 'connected', 'reconnecting']);
  });
});
