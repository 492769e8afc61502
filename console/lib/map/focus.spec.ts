import { describe, expect, it } from 'vitest';
import type { TechPosition } from '$realtime/events';
import { focusFeatures } from './focus';

const tech = (id: string, lng: number, lat: number): [string, TechPosition] => [
  id,
  { id, lng, lat, status: 'en_route', regionId: 'east' }
];

describe('focusFeatures', () => {
  const positions = new Map([tech('T1', 121.5, 31.2), tech('T2', 121.3, 31.1)]);
  const order = { lng: 121.47, lat: 31.23 };

  it('draws the order with a line to the technician who holds it, and follows a reassignment', () => {
    const toFirst = focusFeatures({ location: order, technicianId: 'T1' }, positions);
    expect(toFirst.features.map((f) => f.properties.role)).toEqual(['link', 'technician', 'order']);
    expect(toFirst.features[0]?.geometry).toEqual({
      type: 'LineString',
      coordinates: [
        [121.47, 31.23],
        [121.5, 31.2]
      ]
    });
    const toSecond = focusFeatures({ location: order, technicianId: 'T2' }, positions);
    expect(toSecond.features[1]?.geometry).toEqual({ type: 'Point', coordinates: [121.3, 31.1] });
  });

  it('pins an unassigned order alone, and draws nothing without a focus', () => {
    expect(focusFeatures({ location: order, technicianId: null }, positions).features).toHaveLength(1);
    expect(focusFeatures({ location: order, technicianId: 'gone' }, positions).features).toHaveLength(1);
    expect(focusFeatures(null, positions).features).toEqual([]);
  });
});
