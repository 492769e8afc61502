import { describe, expect, it } from 'vitest';
import type { TechPosition } from '$realtime/events';
import { TechDots } from './tech-dots';

const at = (id: string, lng: number, status: TechPosition['status'] = 'idle'): TechPosition => ({
  id,
  lng,
  lat: 31,
  status,
  regionId: 'east'
});
const positions = (...list: TechPosition[]) => new Map(list.map((p) => [p.id, p]));

describe('TechDots', () => {
  it('sends every technician the first time, as a point with its id and status', () => {
    const dots = new TechDots();
    const diff = dots.diff(positions(at('a', 121), at('b', 116, 'busy')));
    expect(diff?.remove).toEqual([]);
    expect(diff?.add).toEqual([
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [121, 31] },
        properties: { id: 'a', status: 'idle' }
      },
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [116, 31] },
        properties: { id: 'b', status: 'busy' }
      }
    ]);
    expect(dots.size).toBe(2);
  });

  it('then sends only who moved, changed status or left', () => {
    const dots = new TechDots();
    dots.diff(positions(at('a', 121), at('b', 116), at('c', 110), at('d', 100)));
    const diff = dots.diff(positions(at('a', 121), at('b', 117), at('c', 110, 'busy'), at('e', 90)));
    expect(diff?.remove).toEqual(['d']);
    expect(diff?.add.map((f) => f.properties)).toEqual([
      { id: 'b', status: 'idle' },
      { id: 'c', status: 'busy' },
      { id: 'e', status: 'idle' }
    ]);
    expect(dots.size).toBe(4);
  });

  it('has nothing to send when nobody changed', () => {
    const dots = new TechDots();
    dots.diff(positions(at('a', 121)));
    expect(dots.diff(positions(at('a', 121)))).toBeNull();
  });

  it('leaves a technician without finite coordinates off the map', () => {
    const dots = new TechDots();
    dots.diff(positions(at('a', 121)));
    const diff = dots.diff(positions(at('a', Number.NaN), at('b', Number.POSITIVE_INFINITY)));
    expect(diff).toEqual({ remove: ['a'], add: [] });
    expect(dots.size).toBe(0);
  });

  it('replaces everything after an update that did not reach the map', () => {
    const dots = new TechDots();
    dots.diff(positions(at('a', 121), at('b', 116)));
    dots.lost();
    const diff = dots.diff(positions(at('a', 121), at('b', 116)));
    expect(diff?.removeAll).toBe(true);
    expect(diff?.add).toHaveLength(2);
  });
});
