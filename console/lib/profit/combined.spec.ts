import { describe, expect, it } from 'vitest';
import type { HeatmapView } from '$realtime/heatmap-contract';
import type { ProfitView } from '$realtime/profit-contract';
import { combinedPoints } from './combined';

const region = (regionId: string, revenue: number) =>
  ({ regionId, revenue }) as ProfitView['byRegion'][number];
const risk = (regionId: string, weight: number, technicians: number) =>
  ({ regionId, weight, technicians, online: technicians }) as HeatmapView['regions'][number];

describe('the combined view', () => {
  it('says where more technicians would pay off: high risk and high revenue per technician', () => {
    const profit = {
      byRegion: [
        region('south', 900_000),
        region('east', 100_000),
        region('north', 800_000),
        region('west', 50_000)
      ]
    } as ProfitView;
    const heat = {
      regions: [risk('south', 9, 10), risk('east', 8, 20), risk('north', 1, 10), risk('west', 0, 0)]
    } as HeatmapView;
    const points = combinedPoints(profit, heat);
    expect(points.map((p) => [p.regionId, p.reading])).toEqual([
      ['south', 'hire'],
      ['east', 'fix'],
      ['west', 'slack'],
      ['north', 'healthy']
    ]);
    expect(points.find((p) => p.regionId === 'south')?.revenuePerTechnician).toBe(90_000);
    expect(points.find((p) => p.regionId === 'west')?.revenuePerTechnician).toBe(0);
  });
});
