// What a heatmap layer must answer, whatever it measures. Demand is built from the orders now; SLA risk
// (the SLA engine's clocks) and revenue (settlements) plug in as two more implementations, given to
// HeatmapService under their id. A layer without an implementation answers 501 `layer_unavailable`.
import type { DemandOrderRow } from '../../../db';
import type { CityWeight, HeatmapLayerId, Period } from '../../../dispatcher/insights/heatmap';

export interface LayerScope {
  regionIds: readonly string[];
  period: Period;
}

/** An order as a layer weighs it (demand: 1; SLA risk: by time left; revenue: its settlement). */
export type WeightedOrder = DemandOrderRow & { weight: number };

export interface HeatLayer {
  /** The weight of every city of the scope that has any; region totals are their sums. */
  byCity(scope: LayerScope): Promise<CityWeight[]>;
  /** The weight per cell of a `cellDeg` grid over the scope (hot spots). */
  byGridCell(scope: LayerScope, cellDeg: number): Promise<{ gx: number; gy: number; weight: number }[]>;
  /** Up to `limit` orders of one city that carry weight, the most relevant first. */
  ordersOfCity(scope: LayerScope, cityId: string, limit: number): Promise<WeightedOrder[]>;
}

export type HeatLayers = Partial<Record<HeatmapLayerId, HeatLayer>>;
