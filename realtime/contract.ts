// HTTP response shapes the console relies on (types only). The fixed parts come from shared/API.md.
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { RegionPolicy } from '../dispatcher/dispatch/types';
import type { PauseReason, SlaMetric, SlaState } from '../dispatcher/sla/sla-clock';
import type { Breach, RegionalBounds } from '../dispatcher/pricing/bounds';
import type { Bp, Fen } from '../dispatcher/pricing/money';
import type { PriceTable, TierKey } from '../dispatcher/pricing/price-table';
import type { ChangeRequestStatus } from '../dispatcher/pricing/regional-change';
import type { QuoteLine } from '../dispatcher/pricing/quote';
import type { SurchargeKind } from '../dispatcher/settlement/facts';
import type { Milestone, Payee, PayoutStatus } from '../dispatcher/settlement/milestones';
import type { PerParty } from '../dispatcher/settlement/party';
import type { SettlementStatus } from '../dispatcher/settlement/status';
import type { SettlementTerms } from '../dispatcher/settlement/terms';
import type { Totals } from '../dispatcher/settlement/totals';
import type { LngLat, OrderPriority, TechStatus } from './events';
import type { FinancePeriod } from './schemas/finance';

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

/**
 * Where an order stands against its SLA, by its most urgent clock: `breached` once a clock passed its due
 * time, `warning` past the warning point, `paused` when the urgent clock waits (customer, parts),
 * `on_track` otherwise.
 */
export type SlaBand = 'on_track' | 'warning' | 'breached' | 'paused';

/** One open order on the SLA board. Countdowns derive from `dueAt`, never from counting ticks. */
export interface SlaBoardRow {
  orderId: string;
  /** Raised on every change of the row; a row older than the one held is dropped. */
  version: number;
  regionId: string;
  priority: OrderPriority;
  serviceType: string;
  /** The order's workflow status. */
  status: string;
  /** Raised to critical at intake by a red-alert keyword; the keywords found. */
  redAlert: string[] | null;
  /** The clock nearest to (or longest past) breach among those not yet met. */
  metric: SlaMetric;
  band: SlaBand;
  /** When the clock breaches (breached: breached), in wall time; null while paused. */
  dueAt: string | null;
  warningAt: string | null;
  /** Counted time left (negative: overdue), as of `at`; what a paused clock shows, frozen. */
  remainingMs: number;
  at: string;
  /** The running escalation, if any: level reached (0 = triggered, none fired yet), and its ack. */
  escalation: {
    level: number;
    cycle: number;
    nextLevelAt: string | null;
    acknowledgedBy: string | null;
    acknowledgedAt: string | null;
  } | null;
}

/** `GET /api/sla/board?regionId=`: open orders the caller may see, soonest breach first. */
export interface SlaBoard {
  at: string;
  rows: SlaBoardRow[];
  /** Clocks breached today (Beijing day) per region the caller may see, whether the order is still open or not. */
  breachesToday: Record<string, number>;
}

/** One clock of an order, as `GET /api/work-orders/:id` shows it under `sla.clocks`. */
export interface SlaClockView {
  state: SlaState;
  /** Counted (calendar) milliseconds the clock owes. */
  targetMs: number;
  calendarId: string;
  startedAt: string;
  stoppedAt: string | null;
  /** null while a pause holds the clock short of its target. */
  dueAt: string | null;
  warningAt: string | null;
  remainingMs: number;
  warning: boolean;
  breached: boolean;
}

/** The `sla` of `GET /api/work-orders/:id`: its clocks, waiting states, board row and escalation. */
export interface OrderSlaView {
  policyId: string;
  /** The policy version the order started with. */
  policyVersion: number;
  redAlert: string[] | null;
  clocks: Record<SlaMetric, SlaClockView>;
  waiting: { reason: PauseReason; since: string }[];
  /** What the board shows of it; null once every clock stopped. */
  row: SlaBoardRow | null;
  escalation: SlaBoardRow['escalation'];
}

/** An SLA setting as admins read and edit it (`/api/sla/policies/:id` and the others). */
export interface SlaSettingView<T = unknown> {
  id: string;
  /** Raised by one on every edit; an edit names the version it was made on. */
  version: number;
  value: T;
}

/** One payout of a settlement (milestone part or adjustment), as the order view and the phone show it. */
export interface PayoutView {
  id: string;
  payee: Payee;
  milestone: Milestone;
  /** Fen; negative for a deduction. */
  amount: Fen;
  status: PayoutStatus;
  reason: string | null;
  payableAt: string | null;
  paidAt: string | null;
}

/** What the technician is owed of one settlement, in fen: their share, and how much of it is payable or paid. */
export interface EarningsView {
  share: Fen;
  pending: Fen;
  payable: Fen;
  paid: Fen;
}

/** `settlement` of `GET /api/work-orders/:id`, the items of `GET /api/me/settlements`, `settlement:updated`. */
export interface SettlementView {
  orderId: string;
  regionId: string;
  technicianId: string | null;
  /** Raised on every change; `POST /api/work-orders/:id/surcharges` names the one it was made on. */
  version: number;
  status: SettlementStatus;
  tableId: string;
  tableVersion: number;
  lines: QuoteLine[];
  /** Fen: the sum of the lines. */
  total: Fen;
  shares: PerParty<Fen>;
  technician: EarningsView;
  payouts: PayoutView[];
  surcharges: { kind: SurchargeKind; reason: string; at: string }[];
  quotedAt: string;
  frozenAt: string | null;
}

/** `GET /api/me/settlements?month=YYYY-MM`: a technician's settlements quoted that (Beijing) month. */
export interface MonthSettlements {
  month: string;
  items: SettlementView[];
  totals: EarningsView & { orders: number };
}

/** `GET /api/pricing/tables/:id`: the latest version (what an edit builds on), and every version's period. */
export interface PriceTableView {
  table: PriceTable;
  /** The version pricing orders dispatched now; null when none is in force. */
  inForceVersion: number | null;
  versions: { version: number; effectiveFrom: string; effectiveTo: string | null; actor: string }[];
  /** What a regional manager may set alone; beyond it, a change waits for an admin. */
  bounds: RegionalBounds;
  /** The regions whose coefficients the caller may edit. */
  editableRegions: string[];
}

/** A change of a region's coefficients beyond the bounds, waiting for (or decided by) an admin. */
export interface ChangeRequestView {
  id: string;
  tableId: string;
  regionId: string;
  baseVersion: number;
  before: Record<TierKey, Bp>;
  coefficients: Record<TierKey, Bp>;
  effectiveFrom: string;
  breaches: Breach[];
  reason: string;
  requestedBy: string;
  status: ChangeRequestStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  /** The table version approving it created. */
  appliedVersion: number | null;
  createdAt: string;
}

/** `PUT /api/pricing/tables/:id/regions/:regionId`: 200 saved (a new version in force), or 202 pending. */
export type RegionChangeResult =
  { status: 'saved'; table: PriceTableView } | { status: 'pending'; request: ChangeRequestView };

/** `POST /api/pricing/preview`: the sample order's quote and its split, nothing stored. */
export interface PricePreview {
  tableVersion: number;
  lines: QuoteLine[];
  labour: Fen;
  parts: Fen;
  total: Fen;
  shares: PerParty<Fen>;
}

/** `GET` and `PUT /api/settlement/terms`: every version of the settlement terms, oldest first. */
export interface SettlementTermsView {
  versions: SettlementTerms[];
}

/** `GET /api/partners`: the service companies (服务商) of the caller's regions. */
export interface PartnerView {
  id: string;
  name: string;
  regionId: string;
}

/** `POST /api/settlements/payouts/paid`: the payouts finance marked paid, all in one payment run. */
export interface PayoutsPaid {
  reference: string;
  paidAt: string;
  items: { orderId: string; payoutId: string; payee: Payee; amount: Fen }[];
  /** Fen: what the run paid (deductions and clawbacks net against the rest). */
  total: Fen;
}

/** One settlement as finance sees it: amounts and who earns them, never the customer. */
export interface FinanceSettlementView extends SettlementView {
  cityId: string;
  cityName: string | null;
  partnerId: string | null;
  partnerName: string | null;
  technicianName: string | null;
}

/** `GET /api/finance/settlements`: a page of settlements, newest first, and the totals of all that match. */
export interface FinanceSettlementsPage {
  items: FinanceSettlementView[];
  /** Pass back as `cursor` for the next page; null on the last. */
  nextCursor: string | null;
  period: FinancePeriod;
  totals: {
    all: Totals;
    byRegion: (Totals & { regionId: string })[];
    /** `partnerId` null: technicians working for the platform directly. */
    byPartner: (Totals & { partnerId: string | null; partnerName: string | null })[];
    /** Beijing days ('2026-11-23') or months ('2026-11') of `quotedAt`, oldest first. */
    byPeriod: (Totals & { period: string })[];
  };
}
