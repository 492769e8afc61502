// HTTP response shapes the console relies on (types only). The fixed parts come from shared/API.md.
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { RegionPolicy } from '../dispatcher/dispatch/types';
import type { LngLat, TechStatus } from './events';

export const ROLES = [
  'admin',
  'executive',
  'finance',
  'dispatcher',
  'regional_manager',
  'technician'
] as const;
export type Role = (typeof ROLES)[number];

export interface SessionUser {
  id: string;
  username: string;
  role: Role;
  regionIds: string[];
  /** A technician's own technician id (their phone needs it to tell its orders apart); null for staff. */
  technicianId: string | null;
}

export interface RegionProperties {
  id: string;
  name: string;
  nameEn: string;
}
export type RegionCollection = FeatureCollection<Polygon | MultiPolygon, RegionProperties>;

export interface CityProperties {
  id: string;
  name: string;
  nameEn: string;
  regionId: string;
  population: number;
}
export type CityCollection = FeatureCollection<Point, CityProperties>;

/** Country outlines for the offline basemap; `properties.focus` marks China. */
export type BasemapCollection = FeatureCollection<Polygon | MultiPolygon, { name: string; focus: boolean }>;
export type BasemapFeature = Feature<Polygon | MultiPolygon, { name: string; focus: boolean }>;

export interface TechnicianView {
  id: string;
  name: string;
  regionId: string;
  status: TechStatus;
  skills: string[];
  rating: number;
  location: LngLat;
  /** Daily working hours in Beijing time (`end` before `start` wraps midnight); null: no shift limits. */
  shift: { start: string; end: string } | null;
}

/** `GET|PUT /api/regions/:id/dispatch-policy`: the region's effective policy. */
export interface DispatchPolicyView {
  regionId: string;
  /** 1 until the first change; a change must name the version it was made on. */
  version: number;
  policy: RegionPolicy;
}

/** A stock line under its safety level: `available` is on hand − reserved. */
export interface LowStockLineView {
  sku: string;
  available: number;
  safetyLevel: number;
}

export interface DepotView {
  id: string;
  name: string;
  regionId: string;
  location: LngLat;
  /** How many SKUs are below their safety level: the length of `lowStock`. */
  lowStockCount: number;
  /** Largest shortfall first. */
  lowStock: LowStockLineView[];
}

/** `at` is when the stock was read: a `depot:alert` from after it is news, one from before is not. */
export interface DepotList {
  at: string;
  items: DepotView[];
}

/** Parts one depot ships to another for an order: proposed by dispatch, confirmed by a supervisor. */
export interface TransferView {
  id: string;
  fromDepotId: string;
  toDepotId: string;
  sku: string;
  qty: number;
  distanceKm: number;
  etaHours: number;
  /** proposed → confirmed, or withdrawn. */
  status: string;
  decidedBy: string | null;
  decidedAt: string | null;
}
