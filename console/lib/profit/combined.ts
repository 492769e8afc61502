// Per region: SLA risk against revenue per technician, with technicians as the bubble. A region above
// the median on both is where more people would pay off; high risk with little revenue per head asks for
// better dispatch before more hiring.
import type { HeatmapView } from '$realtime/heatmap-contract';
import type { ProfitView } from '$realtime/profit-contract';

export type Reading = 'hire' | 'fix' | 'healthy' | 'slack';

export interface CombinedPoint {
  regionId: string;
  /** The SLA-risk layer's weight of the region (now). */
  risk: number;
  technicians: number;
  /** Fen of the period per technician of the region (0 without technicians). */
  revenuePerTechnician: number;
  reading: Reading;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const READING_ORDER: Reading[] = ['hire', 'fix', 'slack', 'healthy'];

/** The regions of the profit view that the risk view also has, the most urgent reading first. */
export function combinedPoints(profit: ProfitView, risk: HeatmapView): CombinedPoint[] {
  const riskOf = new Map(risk.regions.map((r) => [r.regionId, r]));
  const base = profit.byRegion.flatMap((r) => {
    const cell = riskOf.get(r.regionId);
    if (!cell) return [];
    const perTech = cell.technicians > 0 ? Math.round(r.revenue / cell.technicians) : 0;
    return [
      {
        regionId: r.regionId,
        risk: cell.weight,
        technicians: cell.technicians,
        revenuePerTechnician: perTech
      }
    ];
  });
  const riskMid = median(base.map((p) => p.risk));
  const revenueMid = median(base.map((p) => p.revenuePerTechnician));
  return base
    .map((p): CombinedPoint => {
      const risky = p.risk > riskMid;
      const earning = p.revenuePerTechnician > revenueMid;
      const reading: Reading = risky ? (earning ? 'hire' : 'fix') : earning ? 'healthy' : 'slack';
      return { ...p, reading };
    })
    .sort((a, b) => READING_ORDER.indexOf(a.reading) - READING_ORDER.indexOf(b.reading) || b.risk - a.risk);
}
