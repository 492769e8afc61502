import { describe, expect, it } from 'vitest';
import type { OrderSummary } from '$realtime/events';
import { AT_RISK_AFTER_MS, DispatchQueue } from './dispatch-queue.svelte';

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

  it('flags a waiting or offered order as at risk once it waited longer than 15 minutes', () => {
    const queue = new DispatchQueue(T0);
    queue.load([order('w'), order('o', { status: 'offered' }), order('s', { status: 'assigned' })]);
    expect(queue.groups.atRisk).toHaveLength(0);
    queue.tick(T0 + AT_RISK_AFTER_MS);
    expect(queue.groups.atRisk).toHaveLength(0);
    queue.tick(T0 + AT_RISK_AFTER_MS + 1);
    expect(ids(queue.groups.atRisk).sort()).toEqual(['o', 'w']);
    expect(ids(queue.groups.waiting)).toEqual(['w']);
  });

  it('takes an order out of at risk when it gets assigned', () => {
    const queue = new DispatchQueue(T0 + minutes(30));
    queue.load([order('w')]);
    expect(ids(queue.groups.atRisk)).toEqual(['w']);
    queue.apply(order('w', { status: 'assigned', version: 2 }));
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
