import { describe, expect, it } from 'vitest';
import { nearestTechnician } from './features';

describe('nearestTechnician', () => {
  const dots = [
    { id: 'a', point: { x: 100, y: 100 } },
    { id: 'b', point: { x: 108, y: 100 } }
  ];

  it('picks the dot closest to the drop point when several are under the pointer', () => {
    expect(nearestTechnician(dots, { x: 106, y: 101 }, 14)).toBe('b');
    expect(nearestTechnician(dots, { x: 101, y: 99 }, 14)).toBe('a');
  });

  it('picks nothing when every dot is farther than the radius', () => {
    expect(nearestTechnician(dots, { x: 200, y: 200 }, 14)).toBeNull();
    expect(nearestTechnician([], { x: 0, y: 0 }, 14)).toBeNull();
  });
});
