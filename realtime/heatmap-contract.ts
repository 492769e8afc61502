// `GET /api/insights/heatmap` as the console reads it (types only). Kept apart from contract.ts so the
// insights can grow without touching the shapes every other screen shares. No customer personal data:
// orders carry their place rounded to about a kilometre, and nothing about who the customer is.
import type { HeatmapLayerId, HeatmapLevel } from '../dispatcher/insights/heatmap';
import type { LngLat, TechStatus } from './events';

export type { HeatmapLayerId, HeatmapLevel };

export interface HeatRegionCell {
  regionId: string;
  weight: number;
  /** Technicians of the region (their home city's region), and how many of them are not offline. */
  technicians: number;
  online: number;
}

export interface HeatCityCell {
  cityId: string;
  regionId: string;
  location: LngLat;
  weight: number;
  technicians: number;
  online: number;
}

/** A cell of the hot-spot grid (dispatcher/insights/heatmap.ts), at its centre. */
export interface HeatSpot {
  location: LngLat;
  weight: number;
}

export interface HeatDepot {
  id: string;
  name: string;
  cityId: string;
  location: LngLat;
}

export interface HeatTechnician {
  id: string;
  name: string;
  status: TechStatus;
  location: LngLat;
}

export interface HeatOrder {
  id: string;
  status: string;
  priority: string;
  serviceType: string;
  /** Rounded to 0.01° (about a kilometre). */
  location: LngLat;
  createdAt: string;
  weight: number;
}

/**
 * One level of the drill-down. Nation: every region the caller sees and their cities. Region: that
 * region, its cities, hot spots and depots. City: its region's cell, the city, its depots, technicians
 * and orders. `total` is the sum of the region cells, which is the sum of the city cells.
 */
export interface HeatmapView {
  layer: HeatmapLayerId;
  level: HeatmapLevel;
  period: { from: string; to: string };
  at: string;
  total: number;
  regions: HeatRegionCell[];
  cities: HeatCityCell[];
  hotspots: HeatSpot[];
  depots: HeatDepot[];
  technicians: HeatTechnician[];
  orders: HeatOrder[];
  /** The city has more orders than `orders` lists (the newest are listed). */
  ordersTruncated: boolean;
}
