import { describe, expect, it } from 'vitest';
import type { DepotList, DepotView } from '$realtime/contract';
import type { DepotAlert } from '$realtime/events';
import { DepotState } from './depot-state.svelte';

const depot = (id: string, lowStock: DepotView['lowStock'] = []): DepotView => ({
  id,
  name: `${id}号仓`,
  regionId: 'east',
  location: { lng: 121.47, lat: 31.23 },
  lowStockCount: lowStock.length,
  lowStock
});
const list = (at: string, items: DepotView[]): DepotList => ({ at, items });
const find = (depots: DepotState, id: string) => depots.depots.find((d) => d.id === id);
const alert = (at: string, depotId: string, sku: string, available: number, safetyLevel = 5): DepotAlert => ({
  depotId,
  regionId: 'east',
  sku,
  available,
  safetyLevel,
  at
});

describe('DepotState', () => {
  it('shows nothing until the list arrives, then every depot and how many are in alert', () => {
    const depots = new DepotState();
    expect(depots.loaded).toBe(false);
    expect(depots.depots).toEqual([]);
    depots.load(
      list('2026-03-01T08:00:00Z', [depot('A'), depot('B', [{ sku: 'x', available: 1, safetyLevel: 4 }])])
    );
    expect(depots.loaded).toBe(true);
    expect(depots.depots.map((d) => d.id)).toEqual(['A', 'B']);
    expect(depots.alerting).toBe(1);
  });

  it('turns a healthy depot into an alert when a line of it drops below safety', () => {
    const depots = new DepotState();
    depots.load(list('2026-03-01T08:00:00Z', [depot('A'), depot('B')]));
    expect(depots.applyAlert(alert('2026-03-01T08:00:05Z', 'A', 'x', 2))).toBe(true);
    expect(find(depots, 'A')).toMatchObject({
      lowStockCount: 1,
      lowStock: [{ sku: 'x', available: 2, safetyLevel: 5 }]
    });
    expect(depots.alerting).toBe(1);
  });

  it('updates a line already low instead of counting it twice, and keeps the worst shortfall first', () => {
    const depots = new DepotState();
    depots.load(
      list('2026-03-01T08:00:00Z', [
        depot('A', [
          { sku: 'x', available: 1, safetyLevel: 5 },
          { sku: 'y', available: 3, safetyLevel: 5 }
        ])
      ])
    );
    depots.applyAlert(alert('2026-03-01T08:00:05Z', 'A', 'y', 0));
    expect(find(depots, 'A')?.lowStockCount).toBe(2);
    expect(find(depots, 'A')?.lowStock.map((l) => [l.sku, l.available])).toEqual([
      ['y', 0],
      ['x', 1]
    ]);
  });

  it('keeps an alert that came before a list read earlier than it, as after a reconnect', () => {
    const depots = new DepotState();
    depots.load(list('2026-03-01T08:00:00Z', [depot('A')]));
    depots.applyAlert(alert('2026-03-01T08:00:05Z', 'A', 'x', 2));
    depots.load(list('2026-03-01T08:00:03Z', [depot('A')]));
    expect(find(depots, 'A')?.lowStockCount).toBe(1);
  });

  it('lets a list read after an alert replace it, so stock given back shows as healthy again', () => {
    const depots = new DepotState();
    depots.applyAlert(alert('2026-03-01T08:00:05Z', 'A', 'x', 2));
    depots.load(list('2026-03-01T08:00:09Z', [depot('A')]));
    expect(find(depots, 'A')?.lowStockCount).toBe(0);
    expect(depots.alerting).toBe(0);
  });

  it('ignores an alert older than the list or than the last alert about the same line', () => {
    const depots = new DepotState();
    depots.load(list('2026-03-01T08:00:10Z', [depot('A')]));
    expect(depots.applyAlert(alert('2026-03-01T08:00:05Z', 'A', 'x', 2))).toBe(false);
    expect(find(depots, 'A')?.lowStockCount).toBe(0);
    depots.applyAlert(alert('2026-03-01T08:00:20Z', 'A', 'x', 0));
    expect(depots.applyAlert(alert('2026-03-01T08:00:15Z', 'A', 'x', 3))).toBe(false);
    expect(find(depots, 'A')?.lowStock[0]?.available).toBe(0);
  });

  it('does not invent a depot the list does not have', () => {
    const depots = new DepotState();
    depots.load(list('2026-03-01T08:00:00Z', [depot('A')]));
    depots.applyAlert(alert('2026-03-01T08:00:05Z', 'Z', 'x', 0));
    expect(depots.depots.map((d) => d.id)).toEqual(['A']);
    expect(find(depots, 'Z')).toBeUndefined();
  });
});
