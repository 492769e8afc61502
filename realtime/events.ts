// The typed Socket.IO contract, shared by the server and the console (`import type` only).
// Event names are `area:verb`; request events answer through a callback with `Reply<T>`. Types only.

import type { TechnicianStatus } from '../dispatcher/fleet/status';
import type { OrderChannel, OrderPriority } from '../dispatcher/work-order/intake';
import type { SlaMetric } from '../dispatcher/sla/sla-clock';
import type { SettlementView, SlaBoardRow } from './contract';
import type { ProfitChanged } from './profit-contract';
import type { Severity } from './schemas/notification';

export type TechStatus = TechnicianStatus;
export type { OrderChannel, OrderPriority };

export interface LngLat {
  lng: number;
  lat: number;
}

export interface TechPosition extends LngLat {
  id: string;
  status: TechStatus;
  regionId: string;
}

/** Coalesced positions. `full` frames carry every permitted technician and replace what the client had. */
export interface TechFrame {
  at: string;
  full: boolean;
  positions: TechPosition[];
}

export interface OrderSummary {
  id: string;
  version: number;
  regionId: string;
  status: string;
  priority: OrderPriority;
  channel: OrderChannel;
  location: LngLat;
  technicianId: string | null;
  createdAt: string;
}

/** Live counts for the regions the receiver may see. */
export interface WallStats {
  at: string;
  technicians: Record<TechStatus, number>;
  openOrders: number;
}

/** A reservation left a depot's line below its safety level (the `stock.below_safety` event). */
export interface DepotAlert {
  depotId: string;
  regionId: string;
  sku: string;
  available: number;
  safetyLevel: number;
  at: string;
}

/** One entry of a user's notification centre. */
export interface NotificationView {
  id: string;
  title: string;
  body: string;
  link: string | null;
  orderId: string | null;
  severity: Severity;
  createdAt: string;
  readAt: string | null;
}

/**
 * `sla:warning` · `sla:breached` · `sla:escalated` (shared/API.md): a clock reached its warning point or
 * its due time, or an escalation level fired (`level` ≥ 1; 0 for warnings and breaches).
 */
export interface SlaAlert {
  workOrderId: string;
  regionId: string;
  metric: SlaMetric;
  level: number;
  cycle: number;
  dueAt: string;
  at: string;
}

export interface ErrorBody {
  code: string;
  message: string;
  fields?: { path: string; message: string }[];
}

export type Reply<T> = { data: T } | { error: ErrorBody };

export interface ServerToClientEvents {
  'tech:frame': (frame: TechFrame) => void;
  'stats:update': (stats: WallStats) => void;
  'order:created': (order: OrderSummary) => void;
  'order:updated': (order: OrderSummary) => void;
  'depot:alert': (alert: DepotAlert) => void;
  /** To the user's own room only: a new entry in their notification centre (show it as a toast). */
  'notification:created': (notification: NotificationView) => void;
  /** To the order's region: its SLA board row changed (a clock moved, a level fired, an ack). */
  'sla:updated': (row: SlaBoardRow) => void;
  /** To the order's region: the order left the board (met its last clock, cancelled, closed). */
  'sla:removed': (removed: { orderId: string; regionId: string; at: string }) => void;
  'sla:warning': (alert: SlaAlert) => void;
  'sla:breached': (alert: SlaAlert) => void;
  'sla:escalated': (alert: SlaAlert) => void;
  /**
   * To the technician's room `tech:<id>` (and the former holder's): the order's settlement was quoted,
   * requoted, frozen, or a payout became payable.
   */
  'settlement:updated': (settlement: SettlementView) => void;
  /**
   * A settlement froze (an order completed) in these regions: refetch the profit view and the revenue
   * layer. National viewers (admin, executive, finance) hear every region, everyone else in a region's
   * room only that region; at most one per room every 2 s. No figures: the refetch is scoped.
   */
  'insights:profit_changed': (changed: ProfitChanged) => void;
}

export interface ClientToServerEvents {
  /** A technician's phone reports where it is; only technicians may send it, only for themselves. */
  'tech:position': (position: LngLat, reply: (r: Reply<{ accepted: true }>) => void) => void;
  /** Full picture after a (re)connect: every permitted position and the counts. */
  'wall:snapshot': (reply: (r: Reply<{ frame: TechFrame; stats: WallStats }>) => void) => void;
}

export type InterServerEvents = Record<string, never>;

export interface SocketData {
  userId: string;
  sessionId: string;
  /** Epoch ms: the socket is closed when its session runs out. */
  expiresAt: number;
  role: string;
  regionIds: string[];
  technicianId: string | null;
}
