import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cellCentre,
  DEFAULT_PERIOD_MS,
  HOTSPOT_CELL_DEG,
  resolvePeriod,
  sumByRegion
} from '../../../dispatcher/insights/heatmap';

const at = (iso: string) => new Date(iso);

describe('the heatmap arithmetic', () => {
  it('sums cities into their regions, keeps every asked region, and ignores the others', () => {
    const totals = sumByRegion(
      [
        { regionId: 'east', cityId: 'shanghai', weight: 3 },
        { regionId: 'east', cityId: 'hangzhou', weight: 2 },
        { regionId: 'north', cityId: 'beijing', weight: 7 }
      ],
      ['east', 'south']
    );
    expect([...totals]).toEqual([
      ['east', 5],
      ['south', 0]
    ]);
  });

  it('puts a grid cell centre inside the cell of every point it holds', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 73, max: 135, noNaN: true }),
        fc.double({ min: 18, max: 54, noNaN: true }),
        (lng, lat) => {
          const gx = Math.floor(lng / HOTSPOT_CELL_DEG);
          const gy = Math.floor(lat / HOTSPOT_CELL_DEG);
          const c = cellCentre(gx, gy);
          expect(Math.abs(c.lng - lng)).toBeLessThanOrEqual(HOTSPOT_CELL_DEG);
          expect(Math.abs(c.lat - lat)).toBeLessThanOrEqual(HOTSPOT_CELL_DEG);
        }
      )
    );
  });

  it('defaults the period to the day before now and refuses backwards or over-long ones', () => {
    const now = at('2026-11-23T02:00:00Z');
    expect(resolvePeriod(undefined, undefined, now)).toEqual({
      type: 'period',
      period: { from: new Date(now.getTime() - DEFAULT_PERIOD_MS), to: now }
    });
    expect(resolvePeriod(now, at('2026-11-22T00:00:00Z'), now)).toMatchObject({
      type: 'invalid',
      field: 'from'
    });
    expect(resolvePeriod(at('2025-01-01T00:00:00Z'), now, now)).toMatchObject({
      type: 'invalid',
      field: 'from'
    });
    expect(resolvePeriod(at('2026-01-01T00:00:00Z'), now, now).type).toBe('period');
  });
});
