// Shapes of the work-order API as the console reads them (see ../shared/API.md). The server does not
// export these as types yet, so they are declared here; only the fields the console uses are required.
import type { TransferView } from '$realtime/contract';
import type { LngLat, OrderPriority, OrderSummary } from '$realtime/events';

export const QUEUE_STATUSES = ['created', 'offered', 'assigned'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

export interface OrderAssignment {
  technicianId: string;
  locked: boolean;
  kind?: string;
  /** An unanswered offer's deadline (ISO). */
  expiresAt?: string | null;
}

export type PartTransfer = TransferView;

/** The fields an order shares with the socket's `OrderSummary` (whose later additions are optional here). */
export type OrderBase = Omit<OrderSummary, 'technicianId'> & { technicianId?: string | null };

export interface OrderView extends OrderBase {
  serviceType: string;
  description: string;
  templateId: string | null;
  customer: { name: string; phone: string; address: string; location: LngLat } | null;
  assignment: OrderAssignment | null;
  updatedAt: string;
}

export interface TimelineEntry {
  id: string;
  type: string;
  actor: string;
  at: string;
  payload: { before?: unknown; after?: unknown; reason?: string } & Record<string, unknown>;
}

export interface OrderDetail extends OrderView {
  timeline: TimelineEntry[];
  transfers?: PartTransfer[];
}

export const FACTORS = ['distance', 'workload', 'rating', 'parts', 'fairness'] as const;
export type Factor = (typeof FACTORS)[number];

export interface Candidate {
  technicianId: string;
  name: string;
  /** 0..1; the factors' contributions sum to it. */
  score: number;
  factors: Record<Factor, number>;
  details?: { name: string; value: number; normalized: number; weight: number; contribution: number }[];
  /** Hard rules the technician breaks; empty means eligible. */
  violations: string[];
  crossRegion: boolean;
  distanceKm: number;
}

export interface TechnicianSummary {
  id: string;
  name: string;
  regionId: string;
  status: string;
  skills: string[];
  rating: number;
  location: LngLat;
}

export const PRIORITY_RANK: Record<OrderPriority, number> = { critical: 0, high: 1, normal: 2, low: 3 };
