import { describe, expect, it } from 'vitest';
import type { DepotView } from '$realtime/contract';
import { countLabel, placeDepots } from './placement';

const depot = (id: string, lng: number, lowStockCount: number): DepotView => ({
  id,
  name: id,
  regionId: 'east',
  location: { lng, lat: 0 },
  lowStockCount,
  lowStock: []
});
// one degree of longitude is ten pixels
const project = ([lng, lat]: [number, number]) => ({ x: lng * 10, y: 100 - lat * 10 });
const viewport = { width: 500, height: 200 };

describe('placeDepots', () => {
  it('draws the depot with the most lines short on top where diamonds overlap', () => {
    const placed = placeDepots(
      [depot('worst', 10, 9), depot('ok', 10, 0), depot('low', 10, 2)],
      project,
      viewport
    );
    expect(placed.map((p) => p.depot.id)).toEqual(['ok', 'low', 'worst']);
    expect(placed[0]).toMatchObject({ x: 100, y: 100 });
  });

  it('leaves out depots far outside the view and keeps one whose edge still shows', () => {
    const placed = placeDepots(
      [depot('far', 80, 3), depot('edge', 51, 3), depot('in', 20, 0)],
      project,
      viewport
    );
    expect(placed.map((p) => p.depot.id)).toEqual(['in', 'edge']);
  });
});

describe('countLabel', () => {
  it('fits the count in two digits', () => {
    expect(countLabel(7)).toBe('7');
    expect(countLabel(99)).toBe('99');
    expect(countLabel(140)).toBe('99+');
  });
});
