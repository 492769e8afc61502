import { describe, expect, it } from 'vitest';
import type { OrderSummary } from '$realtime/events';
import { SvelteMap } from 'svelte/reactivity';
import type { SlaBand } from '$realtime/contract';
import { DispatchQueue } from './dispatch-queue.svelte';

const T0 = Date.parse('2026-11-23T08:00:00Z');
const minutes = (n: number) => n * 60_000;

const order = (id: string, over: Partial<OrderSummary & { serviceType: string }> = {}) => ({
  id,
  version: 1,
  regionId: 'east',
  status: 'created',
  priority: 'normal' as const,
  channel: 'api' as const,
  location: { lng: 121.47, lat: 31.23 },
  createdAt: new Date(T0).toISOString(),
  serviceType: 'ac_repair',
  ...over
});

const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id);

describe('DispatchQueue', () => {
  it('groups the loaded orders into waiting, offered and assigned and leaves other statuses out', () => {
    const queue = new DispatchQueue(T0);
    queue.load([
      order('a'),
      order('b', { status: 'offered' }),
      order('c', { status: 'assigned' }),
      order('d', { status: 'completed' })
    ]);
    expect(ids(queue.groups.waiting)).toEqual(['a']);
    expect(ids(queue.groups.offered)).toEqual(['b']);
    expect(ids(queue.groups.assigned)).toEqual(['c']);
    expect(queue.get('d')).toBeUndefined();
    expect(queue.loaded).toBe(true);
  });

  it('lists the most urgent priority first and the oldest first within a priority', () => {
    const queue = new DispatchQueue(T0 + minutes(10));
    queue.load([
      order('new-normal', { createdAt: new Date(T0 + minutes(5)).toISOString() }),
      order('old-normal'),
      order('high', { priority: 'high', createdAt: new Date(T0 + minutes(8)).toISOString() }),
      order('critical', { priority: 'critical', createdAt: new Date(T0 + minutes(9)).toISOString() })
    ]);
    expect(ids(queue.visible)).toEqual(['critical', 'high', 'old-normal', 'new-normal']);
  });

  it('moves an order from waiting to assigned when the socket says it was assigned', () => {
    const queue = new DispatchQueue(T0);
    queue.load([order('a')]);
    expect(queue.apply(order('a', { status: 'assigned', version: 2 }))).toBe(true);
    expect(ids(queue.groups.waiting)).toEqual([]);
    expect(ids(queue.groups.assigned)).toEqual(['a']);
  });

  it('drops an order that left the queue statuses, e.g. accepted by the technician', () => {
    const queue = new DispatchQueue(T0);
    queue.load([order('a', { status: 'assigned' })]);
    queue.apply(order('a', { status: 'accepted', version: 3 }));
    expect(queue.get('a')).toBeUndefined();
    expect(queue.groups.assigned).toHaveLength(0);
  });

  it('adds a created order from the socket and keeps its service type once known', () => {
    const queue = new DispatchQueue(T0);
    queue.load([]);
    const { serviceType: _drop, ...summary } = order('n');
    void _drop;
    queue.apply(summary);
    expect(queue.get('n')?.serviceType).toBeNull();
    queue.apply(order('n', { serviceType: 'fridge' }));
    queue.apply({ ...summary, status: 'offered', version: 2 });
    expect(queue.get('n')?.serviceType).toBe('fridge');
    expect(ids(queue.groups.offered)).toEqual(['n']);
  });

  it('ignores an update older than the version it already holds', () => {
    const queue = new DispatchQueue(T0);
    queue.load([order('a', { status: 'assigned', version: 5 })]);
    expect(queue.apply(order('a', { status: 'created', version: 4 }))).toBe(false);
    expect(ids(queue.groups.assigned)).toEqual(['a']);
  });

  it('ignores an update for an unknown order that is not in a queue status', () => {
    const queue = new DispatchQueue(T0);
    expect(queue.apply(order('x', { status: 'closed' }))).toBe(false);
    expect(queue.get('x')).toBeUndefined();
  });

  it('flags an order as at risk while the SLA board shows one of its clocks past warning or breached', () => {
    const bands = new SvelteMap<string, SlaBand>([
      ['w', 'warning'],
      ['b', 'breached'],
      ['t', 'on_track'],
      ['p', 'paused']
    ]);
    const queue = new DispatchQueue(T0, (id) => bands.get(id) ?? null);
    queue.load([order('w'), order('b', { status: 'assigned' }), order('t'), order('p'), order('n')]);
    expect(ids(queue.groups.atRisk).sort()).toEqual(['b', 'w']);
    bands.set('t', 'breached');
    bands.set('w', 'on_track');
    expect(ids(queue.groups.atRisk).sort()).toEqual(['b', 't']);
    expect(ids(queue.groups.waiting).sort()).toEqual(['n', 'p', 't', 'w']);
  });

  it('takes an order out of the queue, at risk included, when it leaves the queue statuses', () => {
    const queue = new DispatchQueue(T0, () => 'breached');
    queue.load([order('w')]);
    expect(ids(queue.groups.atRisk)).toEqual(['w']);
    queue.apply(order('w', { status: 'en_route', version: 2 }));
    expect(queue.groups.atRisk).toHaveLength(0);
  });

  it('moves the selection with the keyboard and stops at both ends of the tab', () => {
    const queue = new DispatchQueue(T0);
    queue.load([order('a'), order('b', { priority: 'high' }), order('c', { status: 'offered' })]);
    queue.move(1);
    expect(queue.selectedId).toBe('b');
    queue.move(1);
    queue.move(1);
    expect(queue.selectedId).toBe('a');
    queue.move(-1);
    queue.move(-1);
    expect(queue.selectedId).toBe('b');
    queue.setTab('offered');
    expect(queue.selectedId).toBeNull();
    queue.move(-1);
    expect(queue.selectedId).toBe('c');
  });

  it('keeps a newer socket update when a slower list load brings an older version', () => {
    const queue = new DispatchQueue(T0);
    queue.apply(order('a', { status: 'assigned', version: 3 }));
    queue.load([order('a', { status: 'created', version: 2 })]);
    expect(ids(queue.groups.assigned)).toEqual(['a']);
  });
});
