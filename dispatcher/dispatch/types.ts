// What auto-dispatch takes in and what it answers. Plain data: the realtime service loads it, `decide`
// rules on it, and the decision (with its ranked, explained candidates) is stored and shown as it is.
import type { LngLat } from '../../geo/distance';
import type { TechnicianStatus } from '../fleet/status';
import type { OrderPriority } from '../work-order/intake';

export interface PartLine {
  sku: string;
  qty: number;
}

export interface DispatchOrder {
  id: string;
  regionId: string;
  location: LngLat;
  priority: OrderPriority;
  requiredSkills: readonly string[];
  requiredCertifications: readonly string[];
  parts: readonly PartLine[];
  /** Technicians who declined this order's offer or let it lapse: it is not offered to them again. */
  declinedBy?: readonly string[];
}

export interface CandidateTechnician {
  id: string;
  regionId: string;
  location: LngLat;
  status: TechnicianStatus;
  skills: readonly string[];
  certifications: readonly string[];
  /** 0–5. */
  rating: number;
  /** The most open orders this technician may hold. */
  capacity: number;
  openOrders: number;
  onShift: boolean;
  /** Integer fen. */
  earnedThisMonthFen: number;
}

export interface ScoreWeights {
  distance: number;
  workload: number;
  rating: number;
  parts: number;
  fairness: number;
}

export type FactorName = keyof ScoreWeights;
/** The order in which factors appear in every explanation. */
export const FACTOR_NAMES: readonly FactorName[] = ['distance', 'workload', 'rating', 'parts', 'fairness'];

/** One region's dispatch policy: data, edited by admins, never code. */
export interface RegionPolicy {
  /** Hard limit on the great-circle distance from technician to customer, and the reach of depots. */
  maxRadiusKm: number;
  /** Whether technicians of other regions may be chosen (after every eligible one of the order's region). */
  allowCrossRegion: boolean;
  /** `assign` hands the order over at once; `offer` asks the best technician, who may decline. */
  mode: 'assign' | 'offer';
  offerTimeoutMs: number;
  /** Non-negative; only their ratios matter. All zero gives every candidate a score of 0. */
  weights: ScoreWeights;
}

export const DEFAULT_POLICY: RegionPolicy = {
  maxRadiusKm: 200,
  allowCrossRegion: false,
  mode: 'assign',
  offerTimeoutMs: 120_000,
  weights: { distance: 0.4, workload: 0.2, rating: 0.15, parts: 0.15, fairness: 0.1 }
};

/** A depot's stock as dispatch sees it. */
export interface DepotStock {
  depotId: string;
  regionId: string;
  location: LngLat;
  /** On hand − reserved, per SKU; a missing SKU is 0. */
  available: Readonly<Record<string, number>>;
}

/** Checked in this order; the no-candidate reason lists them by count, most first. */
export const HARD_RULES = [
  'radius',
  'region',
  'offline',
  'off_shift',
  'skill',
  'certification',
  'capacity',
  'declined'
] as const;
export type HardRule = (typeof HARD_RULES)[number];

export interface PartPick {
  depotId: string;
  sku: string;
  qty: number;
}

export interface PartsTransfer {
  fromDepot: string;
  toDepot: string;
  sku: string;
  qty: number;
  distanceKm: number;
  etaHours: number;
}

/**
 * - `not-needed`: the order has no parts.
 * - `single-depot`: one depot within reach holds everything.
 * - `split`: depots within reach hold it together, visited nearest-first.
 * - `transfer`: depots within reach fall short and other depots can ship the rest to `transfers[].toDepot`.
 * - `short`: even with transfers some quantity exists nowhere; see `missing`.
 */
export type PartsPlanStatus = 'not-needed' | 'single-depot' | 'split' | 'transfer' | 'short';

export interface PartsPlan {
  status: PartsPlanStatus;
  /** Taken from depots within reach, by the technician on the way. */
  picks: PartPick[];
  /** Proposed shipments for what no depot within reach has; a supervisor confirms them. */
  transfers: PartsTransfer[];
  /** What no depot has at all. */
  missing: PartLine[];
  /** Depots the technician calls at, in order (pick depots, then the transfer target if not among them). */
  route: string[];
  /** Technician → depots in `route` → customer, great circle. */
  routeKm: number;
  /** `routeKm` minus the direct distance; 0 when no depot is visited. */
  detourKm: number;
}

export interface FactorExplanation {
  name: FactorName;
  /** Raw: km for distance, open orders for workload, stars for rating, detour km for parts, fen for fairness. */
  value: number;
  /** 0..1, higher is better. */
  normalized: number;
  weight: number;
  /** weight × normalized / Σ weights: the contributions of a candidate add up to its score. */
  contribution: number;
}

export interface RankedCandidate {
  technicianId: string;
  score: number;
  factors: FactorExplanation[];
  /** Empty for an eligible candidate. */
  violations: HardRule[];
  /** From another region than the order's: flagged for a cross-region subsidy. */
  crossRegion: boolean;
}

export type DispatchDecision =
  | {
      type: 'assigned';
      technicianId: string;
      crossRegion: boolean;
      parts: PartsPlan;
      ranked: RankedCandidate[];
    }
  | {
      type: 'offered';
      technicianId: string;
      expiresAt: Date;
      crossRegion: boolean;
      parts: PartsPlan;
      ranked: RankedCandidate[];
    }
  | {
      type: 'no-candidate';
      failed: Partial<Record<HardRule, number>>;
      reason: string;
      ranked: RankedCandidate[];
    };
