// One schema for PGlite and Postgres. Geometry is GeoJSON in jsonb: PGlite has no PostGIS, and geo/
// answers every spatial question in process.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid
} from 'drizzle-orm/pg-core';
import type { MultiPolygon, Polygon } from 'geojson';
import type { EscalationLadder, LadderState } from '../dispatcher/sla/ladder';
import type { OrderSla } from '../dispatcher/sla/order-sla';
import { FINISHED_STATUSES } from '../dispatcher/work-order/status';
import type { RedAlert } from '../dispatcher/sla/red-alert';
import type { PauseReason } from '../dispatcher/sla/sla-clock';
import type { Grain } from '../dispatcher/insights/period-pieces';
import type { Breach } from '../dispatcher/pricing/bounds';
import type { Bp, Fen } from '../dispatcher/pricing/money';
import type { TierKey } from '../dispatcher/pricing/price-table';
import type { ChangeRequestStatus } from '../dispatcher/pricing/regional-change';
import type { Quote } from '../dispatcher/pricing/quote';
import type { AdjustmentKind } from '../dispatcher/settlement/adjustments';
import type { Milestone, Payee, PayoutStatus } from '../dispatcher/settlement/milestones';
import type { PerParty } from '../dispatcher/settlement/party';
import type { Settlement } from '../dispatcher/settlement/settle';
import type { SettlementFacts } from '../dispatcher/settlement/facts';
import type { SettlementStatus } from '../dispatcher/settlement/status';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const regions = pgTable('regions', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  geometry: jsonb('geometry').$type<Polygon | MultiPolygon>().notNull(),
  maxRadiusKm: integer('max_radius_km').notNull().default(200),
  /** What the region changes of the default dispatch policy (mode, offer timeout, cross-region, weights). */
  dispatchPolicy: jsonb('dispatch_policy').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: createdAt()
});

export const cities = pgTable('cities', {
  id: text('id').primaryKey(),
  regionId: text('region_id')
    .notNull()
    .references(() => regions.id),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  tier: integer('tier').notNull(),
  population: integer('population').notNull(),
  lng: doublePrecision('lng').notNull(),
  lat: doublePrecision('lat').notNull()
});

export const depots = pgTable('depots', {
  id: text('id').primaryKey(),
  cityId: text('city_id')
    .notNull()
    .references(() => cities.id),
  regionId: text('region_id')
    .notNull()
    .references(() => regions.id),
  name: text('name').notNull(),
  lng: doublePrecision('lng').notNull(),
  lat: doublePrecision('lat').notNull()
});

export const parts = pgTable('parts', {
  sku: text('sku').primaryKey(),
  name: text('name').notNull(),
  category: text('category').notNull(),
  unitCostFen: integer('unit_cost_fen').notNull()
});

export const depotStock = pgTable(
  'depot_stock',
  {
    depotId: text('depot_id')
      .notNull()
      .references(() => depots.id),
    sku: text('sku')
      .notNull()
      .references(() => parts.sku),
    onHand: integer('on_hand').notNull(),
    reserved: integer('reserved').notNull().default(0),
    safetyLevel: integer('safety_level').notNull()
  },
  (t) => [
    primaryKey({ columns: [t.depotId, t.sku] }),
    check(
      'depot_stock_non_negative',
      sql`${t.onHand} >= 0 and ${t.reserved} >= 0 and ${t.reserved} <= ${t.onHand}`
    )
  ]
);

/** Service companies (服务商) technicians work through; settlement terms may give each its own split. */
export const partners = pgTable(
  'partners',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    regionId: text('region_id')
      .notNull()
      .references(() => regions.id),
    createdAt: createdAt()
  },
  (t) => [index('partners_region_idx').on(t.regionId)]
);

export const technicians = pgTable(
  'technicians',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    regionId: text('region_id')
      .notNull()
      .references(() => regions.id),
    cityId: text('city_id')
      .notNull()
      .references(() => cities.id),
    skills: text('skills').array().notNull(),
    certifications: text('certifications').array().notNull(),
    rating: doublePrecision('rating').notNull(),
    status: text('status').notNull(),
    lng: doublePrecision('lng').notNull(),
    lat: doublePrecision('lat').notNull(),
    capacity: integer('capacity').notNull(),
    /** Minutes after local midnight (China Standard Time); both null: no shift limits. May wrap midnight. */
    shiftStartMin: integer('shift_start_min'),
    shiftEndMin: integer('shift_end_min'),
    /** null: employed by the platform directly, no partner's share goes anywhere else. */
    partnerId: text('partner_id').references(() => partners.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [index('technicians_region_idx').on(t.regionId)]
);

export const customers = pgTable('customers', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  phone: text('phone').notNull(),
  address: text('address').notNull(),
  lng: doublePrecision('lng').notNull(),
  lat: doublePrecision('lat').notNull(),
  createdAt: createdAt()
});

export const workOrders = pgTable(
  'work_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channel: text('channel').notNull(),
    priority: text('priority').notNull(),
    status: text('status').notNull(),
    regionId: text('region_id')
      .notNull()
      .references(() => regions.id),
    /** The nearest city of the order's region, set at intake: what the heatmaps count orders by. */
    cityId: text('city_id')
      .notNull()
      .references(() => cities.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    lng: doublePrecision('lng').notNull(),
    lat: doublePrecision('lat').notNull(),
    serviceType: text('service_type').notNull().default('general_repair'),
    templateId: text('template_id'),
    templateVersion: integer('template_version'),
    description: text('description').notNull(),
    fields: jsonb('fields').$type<Record<string, unknown>>().notNull(),
    parts: jsonb('parts').$type<{ sku: string; qty: number }[]>().notNull(),
    assignedTechnicianId: text('assigned_technician_id').references(() => technicians.id),
    /** A locked order is left alone by auto-dispatch. */
    locked: boolean('locked').notNull().default(false),
    version: integer('version').notNull().default(1),
    idempotencyKey: text('idempotency_key'),
    requestHash: text('request_hash'),
    // Milliseconds, as JavaScript dates and the paging cursor carry them.
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    index('work_orders_region_created_idx').on(t.regionId, t.createdAt, t.id),
    // A city's orders newest first (the heatmap's city level) for any period; also any lookup by city.
    index('work_orders_city_created_idx').on(t.cityId, t.createdAt, t.id),
    index('work_orders_status_idx').on(t.status),
    // The heatmaps' open orders (demand counts them whatever the period): a year of closed ones is skipped,
    // and those created inside the period (counted by the rollup instead) are skipped in the index.
    index('work_orders_open_region_idx')
      .on(t.regionId, t.createdAt)
      .where(sql`${t.status} not in (${sql.raw(FINISHED_STATUSES.map((s) => `'${s}'`).join(', '))})`),
    uniqueIndex('work_orders_idempotency_key_idx').on(t.idempotencyKey)
  ]
);

/** Every assignment an order ever had; at most one is active, and the database enforces it. */
export const assignments = pgTable(
  'assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id),
    technicianId: text('technician_id')
      .notNull()
      .references(() => technicians.id),
    active: boolean('active').notNull().default(true),
    kind: text('kind').notNull(),
    reason: text('reason').notNull(),
    actor: text('actor').notNull(),
    /** Hard rules the assignee breaks, confirmed by whoever overrode them. */
    violations: text('violations').array().notNull(),
    /** For an offer (`kind` = 'offer'): when silence counts as a decline. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdAt: createdAt(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** Why it ended: declined, expired, reassigned, unassigned, cancelled. */
    endedReason: text('ended_reason'),
    /** The order was reopened since: a decline or lapse here no longer keeps the technician from it. */
    beforeReopen: boolean('before_reopen').notNull().default(false)
  },
  (t) => [
    uniqueIndex('assignments_one_active_idx')
      .on(t.workOrderId)
      .where(sql`${t.active}`),
    index('assignments_technician_active_idx')
      .on(t.technicianId)
      .where(sql`${t.active}`),
    index('assignments_offer_expiry_idx')
      .on(t.expiresAt)
      .where(sql`${t.active} and ${t.expiresAt} is not null`)
  ]
);

/** Parts one depot ships to another for an order; dispatch proposes, a supervisor confirms. */
export const partTransfers = pgTable(
  'part_transfers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id),
    fromDepotId: text('from_depot_id')
      .notNull()
      .references(() => depots.id),
    toDepotId: text('to_depot_id')
      .notNull()
      .references(() => depots.id),
    sku: text('sku')
      .notNull()
      .references(() => parts.sku),
    qty: integer('qty').notNull(),
    distanceKm: doublePrecision('distance_km').notNull(),
    etaHours: doublePrecision('eta_hours').notNull(),
    /** proposed → confirmed, or withdrawn when the order moves on without it. */
    status: text('status').notNull(),
    createdAt: createdAt(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: text('decided_by')
  },
  (t) => [
    index('part_transfers_order_idx').on(t.workOrderId),
    check('part_transfers_qty_positive', sql`${t.qty} > 0`)
  ]
);

/** Stock held for an order; releasing one gives its quantity back to the depot. */
export const reservations = pgTable(
  'reservations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id),
    depotId: text('depot_id')
      .notNull()
      .references(() => depots.id),
    sku: text('sku')
      .notNull()
      .references(() => parts.sku),
    qty: integer('qty').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    releasedAt: timestamp('released_at', { withTimezone: true })
  },
  (t) => [
    index('reservations_order_active_idx')
      .on(t.workOrderId)
      .where(sql`${t.active}`)
  ]
);

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull().unique(),
  role: text('role').notNull(),
  regionIds: text('region_ids').array().notNull(),
  technicianId: text('technician_id').references(() => technicians.id),
  /** Where email and SMS notifications reach this person; null: those channels skip them. */
  email: text('email'),
  phone: text('phone'),
  passwordHash: text('password_hash').notNull(),
  createdAt: createdAt()
});

export const sessions = pgTable(
  'sessions',
  {
    // sha-256 of the cookie token: a leaked table does not hand out sessions
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt()
  },
  (t) => [index('sessions_user_idx').on(t.userId)]
);

/** The audit log and outbox: every write that matters adds one row in the same transaction. */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    aggregateType: text('aggregate_type').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    actor: text('actor').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [index('events_aggregate_idx').on(t.aggregateType, t.aggregateId)]
);

/** What a delivery in the notification outbox can be; `digested` rows went out inside another's digest. */
export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed', 'skipped', 'digested'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Notification outbox: one row per alert, channel and recipient, written in the transaction that raised it. */
export const notificationOutbox = pgTable(
  'notification_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channel: text('channel').notNull(),
    /** Who it goes to, as one key: `user:<id>`, `address:<address>` or `default` (the channel's own). */
    recipient: text('recipient').notNull(),
    userId: uuid('user_id').references(() => users.id),
    address: text('address'),
    /** Title, body, link, order and severity: what the channel formats. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    status: text('status').$type<DeliveryStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** When a pending row is due; for a `sending` row, when its claim lapses (its sender died). */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, precision: 3 }).notNull(),
    lastError: text('last_error'),
    /** For a `digested` row: the row whose message carried it. */
    digestOf: uuid('digest_of'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true, precision: 3 })
  },
  (t) => [
    uniqueIndex('notification_outbox_dedupe_idx').on(t.dedupeKey, t.channel, t.recipient),
    index('notification_outbox_due_idx')
      .on(t.channel, t.nextAttemptAt)
      .where(sql`${t.status} in ('pending', 'sending')`),
    index('notification_outbox_recipient_idx').on(t.channel, t.recipient, t.sentAt),
    check(
      'notification_outbox_status',
      sql`${t.status} in (${sql.raw(DELIVERY_STATUSES.map((s) => `'${s}'`).join(', '))})`
    )
  ]
);

/** The in-app notification centre: what each user was told, and whether they have read it. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** The outbox row it delivers: a retried delivery finds its row already there instead of adding one. */
    deliveryId: uuid('delivery_id')
      .notNull()
      .unique()
      .references(() => notificationOutbox.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    orderId: text('order_id'),
    severity: text('severity').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true, precision: 3 })
  },
  (t) => [
    index('notifications_user_created_idx').on(t.userId, t.createdAt),
    index('notifications_user_unread_idx')
      .on(t.userId)
      .where(sql`${t.readAt} is null`)
  ]
);

/**
 * An order's SLA: its three clocks (copied from the policy version it started with), its red alert, the
 * waiting states it is in and since when its status holds (for dwell alerts). One row per order, locked
 * by every change to it, so clock changes, timer firings and acknowledgements of one order take turns.
 */
export const orderSla = pgTable(
  'order_sla',
  {
    orderId: uuid('order_id')
      .primaryKey()
      .references(() => workOrders.id),
    regionId: text('region_id')
      .notNull()
      .references(() => regions.id),
    policyId: text('policy_id').notNull(),
    policyVersion: integer('policy_version').notNull(),
    /** The ladder (and its version) this order escalates on, fixed at intake like the policy. */
    ladderId: text('ladder_id').notNull(),
    ladderVersion: integer('ladder_version').notNull(),
    clocks: jsonb('clocks').$type<OrderSla['clocks']>().notNull(),
    redAlert: jsonb('red_alert').$type<RedAlert>(),
    /** Open waiting states: reason → since (epoch ms). */
    waiting: jsonb('waiting').$type<Partial<Record<PauseReason, number>>>().notNull().default({}),
    status: text('status').notNull(),
    statusSince: timestamp('status_since', { withTimezone: true, precision: 3 }).notNull(),
    /** On the board: some clock still runs (or waits). */
    open: boolean('open').notNull().default(true),
    /** Raised on every change, for the board's rows. */
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull()
  },
  (t) => [
    index('order_sla_open_region_idx')
      .on(t.regionId)
      .where(sql`${t.open}`)
  ]
);

/** The escalation ladder of an order: one at a time, replaced when a new one is triggered after it ended. */
export const escalations = pgTable('escalations', {
  orderId: uuid('order_id')
    .primaryKey()
    .references(() => workOrders.id),
  /** The ladder as it was when triggered: an edit applies to ladders triggered after it. */
  ladder: jsonb('ladder').$type<EscalationLadder>().notNull(),
  state: jsonb('state').$type<LadderState>().notNull(),
  /** The last level fired (0: none yet) and its cycle, for the board. */
  level: integer('level').notNull().default(0),
  cycle: integer('cycle').notNull().default(1),
  active: boolean('active').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull()
});

export const SLA_TIMER_KINDS = ['warning', 'breach', 'escalation', 'dwell'] as const;
export type SlaTimerKind = (typeof SLA_TIMER_KINDS)[number];
export const SLA_TIMER_STATUSES = ['pending', 'fired', 'cancelled'] as const;
export type SlaTimerStatus = (typeof SLA_TIMER_STATUSES)[number];

/**
 * Durable SLA timers: the database is the truth, each process's heap only says when to look. `key` names
 * what fires (a clock's warning or breach by metric and start, a ladder level by trigger, cycle and level,
 * a dwell by node and entry), unique per order, so each fires at most once; a moved one is the same row.
 */
export const slaTimers = pgTable(
  'sla_timers',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => workOrders.id),
    kind: text('kind').$type<SlaTimerKind>().notNull(),
    key: text('key').notNull(),
    metric: text('metric'),
    level: integer('level'),
    cycle: integer('cycle'),
    node: text('node'),
    dueAt: timestamp('due_at', { withTimezone: true, precision: 3 }).notNull(),
    status: text('status').$type<SlaTimerStatus>().notNull().default('pending'),
    firedAt: timestamp('fired_at', { withTimezone: true, precision: 3 }),
    createdAt: createdAt()
  },
  (t) => [
    uniqueIndex('sla_timers_order_key_idx').on(t.orderId, t.key),
    index('sla_timers_pending_due_idx')
      .on(t.dueAt)
      .where(sql`${t.status} = 'pending'`),
    index('sla_timers_fired_idx').on(t.kind, t.firedAt),
    check('sla_timers_kind', sql`${t.kind} in (${sql.raw(SLA_TIMER_KINDS.map((s) => `'${s}'`).join(', '))})`),
    check(
      'sla_timers_status',
      sql`${t.status} in (${sql.raw(SLA_TIMER_STATUSES.map((s) => `'${s}'`).join(', '))})`
    )
  ]
);

/**
 * Admin-edited SLA settings, every version kept: policies, calendars and ladders by id, the red-alert
 * rule and the dwell rules as id `default`. Orders name the policy and ladder versions they started with.
 */
export const slaSettings = pgTable(
  'sla_settings',
  {
    kind: text('kind').notNull(),
    id: text('id').notNull(),
    version: integer('version').notNull(),
    value: jsonb('value').$type<unknown>().notNull(),
    actor: text('actor').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow()
  },
  (t) => [primaryKey({ columns: [t.kind, t.id, t.version] })]
);

export const PRICING_KINDS = ['price_table', 'settlement_terms'] as const;
export type PricingKind = (typeof PRICING_KINDS)[number];

/**
 * Price tables and settlement terms, every version kept with its effective period: a settlement records
 * the versions it was computed with, so a statement can be explained after the tables changed.
 */
export const pricingVersions = pgTable(
  'pricing_versions',
  {
    kind: text('kind').$type<PricingKind>().notNull(),
    id: text('id').notNull(),
    version: integer('version').notNull(),
    effectiveFrom: timestamp('effective_from', { withTimezone: true, precision: 3 }).notNull(),
    effectiveTo: timestamp('effective_to', { withTimezone: true, precision: 3 }),
    /** The PriceTable or SettlementTerms of dispatcher/, as checked by realtime/schemas/pricing.ts. */
    document: jsonb('document').$type<unknown>().notNull(),
    actor: text('actor').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow()
  },
  (t) => [primaryKey({ columns: [t.kind, t.id, t.version] })]
);

/**
 * A regional manager's change of their region's coefficients beyond headquarters' bounds, waiting for an
 * admin: made on `base_version` of the table; approving it adds the next version (`applied_version`).
 */
export const pricingChangeRequests = pgTable(
  'pricing_change_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tableId: text('table_id').notNull(),
    regionId: text('region_id')
      .notNull()
      .references(() => regions.id),
    baseVersion: integer('base_version').notNull(),
    /** The region's coefficients before and as asked for, by city tier. */
    before: jsonb('before').$type<Record<TierKey, Bp>>().notNull(),
    coefficients: jsonb('coefficients').$type<Record<TierKey, Bp>>().notNull(),
    effectiveFrom: timestamp('effective_from', { withTimezone: true, precision: 3 }).notNull(),
    breaches: jsonb('breaches').$type<Breach[]>().notNull(),
    reason: text('reason').notNull(),
    requestedBy: text('requested_by').notNull(),
    status: text('status').$type<ChangeRequestStatus>().notNull().default('pending'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true, precision: 3 }),
    decisionReason: text('decision_reason'),
    appliedVersion: integer('applied_version'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow()
  },
  (t) => [
    index('pricing_change_requests_status_idx').on(t.status, t.createdAt),
    check('pricing_change_requests_status_check', sql`${t.status} in ('pending', 'approved', 'rejected')`)
  ]
);

/**
 * An order's settlement: the quote as last computed (table version, the facts it used, its lines and
 * total) and its split. Quoted at dispatch, requoted while its facts change, frozen when the order is
 * completed. Its payouts are rows of their own (`settlement_payouts`).
 */
export const settlements = pgTable(
  'settlements',
  {
    orderId: uuid('order_id')
      .primaryKey()
      .references(() => workOrders.id),
    regionId: text('region_id')
      .notNull()
      .references(() => regions.id),
    /** Who the technician's share goes to: the holder when last quoted. */
    technicianId: text('technician_id').references(() => technicians.id),
    /** The partner (服务商) whose share it is: the holder's when last quoted, kept if they change firm. */
    partnerId: text('partner_id').references(() => partners.id),
    status: text('status').$type<SettlementStatus>().notNull(),
    /** Raised on every change; a surcharge names the version it was made on. */
    version: integer('version').notNull().default(1),
    tableId: text('table_id').notNull(),
    tableVersion: integer('table_version').notNull(),
    facts: jsonb('facts').$type<SettlementFacts>().notNull(),
    quote: jsonb('quote').$type<Quote>().notNull(),
    total: integer('total').notNull(),
    shares: jsonb('shares').$type<PerParty<Fen>>().notNull(),
    /** The terms and split policy used and the labour's split, as settle() answered them. */
    split: jsonb('split')
      .$type<Pick<Settlement, 'termsId' | 'termsVersion' | 'policy' | 'labourShares'>>()
      .notNull(),
    reached: jsonb('reached').$type<Milestone[]>().notNull().default([]),
    quotedAt: timestamp('quoted_at', { withTimezone: true, precision: 3 }).notNull(),
    frozenAt: timestamp('frozen_at', { withTimezone: true, precision: 3 }),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull()
  },
  (t) => [
    index('settlements_technician_quoted_idx').on(t.technicianId, t.quotedAt),
    // Finance's statements page through a period newest first.
    index('settlements_quoted_idx').on(t.quotedAt, t.orderId),
    index('settlements_frozen_at_idx').on(t.frozenAt),
    check('settlements_status_check', sql`${t.status} in ('quoted', 'frozen', 'void')`)
  ]
);

/** What a payout and an adjustment both say: whose order, which one, to whom, with which milestone, how much. */
const settlementEntry = () => ({
  orderId: uuid('order_id')
    .notNull()
    .references(() => settlements.orderId),
  id: text('id').notNull(),
  payee: text('payee').$type<Payee>().notNull(),
  milestone: text('milestone').$type<Milestone>().notNull(),
  /** Fen. */
  amount: integer('amount').notNull()
});

/**
 * The milestone payouts and adjustment payouts of a settlement (ids `technician:completed`,
 * `partner:accepted`, `adjustment:<id>`): pending → payable → paid.
 */
export const settlementPayouts = pgTable(
  'settlement_payouts',
  {
    ...settlementEntry(),
    status: text('status').$type<PayoutStatus>().notNull(),
    reason: text('reason'),
    payableAt: timestamp('payable_at', { withTimezone: true, precision: 3 }),
    paidAt: timestamp('paid_at', { withTimezone: true, precision: 3 })
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.id] }),
    check('settlement_payouts_status_check', sql`${t.status} in ('pending', 'payable', 'paid', 'void')`)
  ]
);

/** Complaint deductions and bonuses: who made them and why (the audit event says it too). */
export const settlementAdjustments = pgTable(
  'settlement_adjustments',
  {
    ...settlementEntry(),
    kind: text('kind').$type<AdjustmentKind>().notNull(),
    reason: text('reason').notNull(),
    actor: text('actor').notNull(),
    createdAt: createdAt()
  },
  (t) => [primaryKey({ columns: [t.orderId, t.id] })]
);

const figure = (name: string) => bigint(name, { mode: 'number' }).notNull().default(0);

/** The figures every profit rollup sums (dispatcher/insights/profit.ts says what each one is). */
const profitFigures = () => ({
  orders: figure('orders'),
  revenue: figure('revenue'),
  technician: figure('technician'),
  partner: figure('partner'),
  parts: figure('parts'),
  crossRegionOrders: figure('cross_region_orders'),
  subsidy: figure('subsidy')
});

const regionRef = () =>
  text('region_id')
    .notNull()
    .references(() => regions.id);
const cityRef = () =>
  text('city_id')
    .notNull()
    .references(() => cities.id);

/** A bucket of a coarse rollup: a UTC day or month, named by its first instant. */
export type CoarseGrain = 'day' | 'month';
/** A bucket of the hot-spot rollup: a UTC hour, day or month, named by its first instant. */
export type CellGrain = 'hour' | CoarseGrain;

/**
 * What completed orders earned, summed per UTC hour of freezing, region, city and service type
 * (dispatcher/insights/profit.ts says what each figure is). An hour keyed in UTC serves a viewer in any
 * whole-hour time zone exactly: their days are whole hours of UTC. Added to in the transaction that
 * freezes a settlement, so it always equals a GROUP BY over the frozen settlements; money in fen.
 */
export const settlementHourly = pgTable(
  'settlement_hourly',
  {
    hour: timestamp('hour', { withTimezone: true }).notNull(),
    regionId: regionRef(),
    cityId: cityRef(),
    serviceType: text('service_type').notNull(),
    ...profitFigures()
  },
  (t) => [primaryKey({ columns: [t.hour, t.regionId, t.cityId, t.serviceType] })]
);

/**
 * Finance's totals (dispatcher/settlement/totals.ts) per Beijing day, and per hour, of quoting, region,
 * partner ('' for technicians without one) and settlement status: every filter of finance's page but a
 * technician is a choice of these rows, a period its whole days and the whole hours at its ends. Moved in
 * the transaction that writes a settlement or its payouts (the settlement engine), so it always equals a
 * GROUP BY over the settlements; money in fen.
 */
export const financeRollup = pgTable(
  'finance_rollup',
  {
    grain: text('grain').$type<'day' | 'hour'>().notNull(),
    /** The bucket's first instant: a Beijing midnight for a day, a whole hour for an hour. */
    start: timestamp('start', { withTimezone: true }).notNull(),
    regionId: text('region_id')
      .notNull()
      .references(() => regions.id),
    partnerId: text('partner_id').notNull(),
    status: text('status').$type<SettlementStatus>().notNull(),
    settlements: figure('settlements'),
    total: figure('total'),
    platform: figure('platform'),
    partner: figure('partner'),
    technician: figure('technician'),
    pending: figure('pending'),
    payable: figure('payable'),
    paid: figure('paid')
  },
  (t) => [
    primaryKey({ columns: [t.grain, t.start, t.regionId, t.partnerId, t.status] }),
    check('finance_rollup_grain_check', sql`${t.grain} in ('day', 'hour')`)
  ]
);

/**
 * The same sums per UTC day and per UTC month (`grain`) by region × city, kept by the same writes: a year
 * is then eleven months and a few dozen days of rows instead of 8,760 hours of them. Cities and services
 * are rolled up apart (the dashboards group by each, never by both): a sixth of the rows of city × service.
 */
export const settlementCityRollup = pgTable(
  'settlement_city_rollup',
  {
    grain: text('grain').$type<CoarseGrain>().notNull(),
    bucket: timestamp('bucket', { withTimezone: true }).notNull(),
    regionId: regionRef(),
    cityId: cityRef(),
    ...profitFigures()
  },
  (t) => [primaryKey({ columns: [t.grain, t.bucket, t.regionId, t.cityId] })]
);

/** The same sums per UTC day and per UTC month (`grain`) by region × service type. */
export const settlementServiceRollup = pgTable(
  'settlement_service_rollup',
  {
    grain: text('grain').$type<CoarseGrain>().notNull(),
    bucket: timestamp('bucket', { withTimezone: true }).notNull(),
    regionId: regionRef(),
    serviceType: text('service_type').notNull(),
    ...profitFigures()
  },
  (t) => [primaryKey({ columns: [t.grain, t.bucket, t.regionId, t.serviceType] })]
);

/**
 * The same sums per UTC hour and region only: the trend by the viewer's day, whose days are whole UTC
 * hours but not whole UTC days. A row per region and hour, a few dozen thousand a year.
 */
export const settlementRegionHourly = pgTable(
  'settlement_region_hourly',
  {
    hour: timestamp('hour', { withTimezone: true }).notNull(),
    regionId: regionRef(),
    ...profitFigures()
  },
  (t) => [primaryKey({ columns: [t.hour, t.regionId] })]
);

/**
 * Completed orders and their revenue (fen) per hot-spot cell (HOTSPOT_CELL_DEG grid over the orders'
 * places, cell `gx`, `gy`) and region, per UTC hour, day and month (`grain`): the revenue heatmap's
 * region level.
 */
export const revenueCells = pgTable(
  'revenue_cells',
  {
    grain: text('grain').$type<CellGrain>().notNull(),
    bucket: timestamp('bucket', { withTimezone: true }).notNull(),
    regionId: regionRef(),
    gx: integer('gx').notNull(),
    gy: integer('gy').notNull(),
    orders: figure('orders'),
    revenue: figure('revenue')
  },
  (t) => [primaryKey({ columns: [t.grain, t.bucket, t.regionId, t.gx, t.gy] })]
);

/**
 * Each frozen settlement's revenue with its order's city: a city's largest orders read from the top of
 * an index, stopping after the first N, instead of joining every settlement of the city to sort them.
 * Narrow on purpose: the settlements' rows are ~1.7 kB, so a city column there would rewrite gigabytes.
 */
export const revenueOrders = pgTable(
  'revenue_orders',
  {
    orderId: uuid('order_id')
      .primaryKey()
      .references(() => workOrders.id),
    regionId: regionRef(),
    cityId: cityRef(),
    frozenAt: timestamp('frozen_at', { withTimezone: true }).notNull(),
    total: integer('total').notNull()
  },
  (t) => [
    index('revenue_orders_city_top_idx').on(
      t.cityId,
      t.total.desc().nullsFirst(),
      t.orderId.desc().nullsFirst(),
      t.frozenAt,
      t.regionId
    ),
    index('revenue_orders_city_frozen_idx').on(t.cityId, t.frozenAt)
  ]
);

/** A count of orders created in one UTC month, day or hour (`bucket` is its start). */
const createdBucket = () => ({
  grain: text('grain').$type<Grain>().notNull(),
  bucket: timestamp('bucket', { withTimezone: true }).notNull(),
  regionId: text('region_id').notNull(),
  orders: integer('orders').notNull()
});

/**
 * Orders created, per UTC month, day and hour of creation, region and city: demand's "came in during the
 * period" for a period's whole buckets (dispatcher/insights/period-pieces.ts), so a year reads a few
 * thousand rows instead of every order. Counted in the transaction that creates an order and moved by the
 * one that moves it (repositories/created-orders.ts). No foreign keys: every key is copied from a
 * work_orders row, which has them, and the intake's upserts need not check them again.
 */
export const createdOrdersCity = pgTable(
  'created_orders_city',
  { ...createdBucket(), cityId: text('city_id').notNull() },
  (t) => [
    primaryKey({ columns: [t.grain, t.regionId, t.bucket, t.cityId] }),
    check('created_orders_city_grain_check', sql`${t.grain} in ('month', 'day', 'hour')`)
  ]
);

/**
 * The same per cell of the hot-spot grid (HOTSPOT_CELL_DEG, 0.1°: cell gx holds lng ∈ [gx·0.1, (gx+1)·0.1)),
 * months and days only: orders are spread over so many cells that an hour's cell holds about one order,
 * so an hourly cell rollup would be as large as the orders themselves and no faster to read than they are.
 */
export const createdOrdersCell = pgTable(
  'created_orders_cell',
  { ...createdBucket(), gx: integer('gx').notNull(), gy: integer('gy').notNull() },
  (t) => [
    primaryKey({ columns: [t.grain, t.regionId, t.bucket, t.gx, t.gy] }),
    check('created_orders_cell_grain_check', sql`${t.grain} in ('month', 'day')`)
  ]
);
