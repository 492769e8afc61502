// An order's settlement, kept in step with the order inside the order's own transactions: quoted when it
// is dispatched (assigned, or an offer accepted), requoted when who holds it changes (the cross-region
// subsidy follows the technician, the parts reserved for them are charged at cost), when more parts are
// held for it (a confirmed transfer) or a supervisor adds a surcharge, frozen when it is completed, its
// payouts payable as it reaches its milestones, void when the order is cancelled. What the phones should
// hear is returned as effects and published by the caller once the transaction commits.
import { inArray } from 'drizzle-orm';
import {
  addToFinanceRollup,
  addToRollups,
  appendEvents,
  heldParts,
  insertAdjustments,
  lockSettlements,
  saveSettlements,
  schema,
  type DomainEventInput,
  type HeldPart,
  type OrderPlace,
  type RollupChange,
  type NewSettlement,
  type StoredSettlement,
  type Transaction,
  type WorkOrderRow
} from '../../db';
import { figuresOf, PROFIT_FIGURES, type ProfitFigures } from '../../dispatcher/insights/profit';
import { quote } from '../../dispatcher/pricing/quote';
import { adjustmentEvent, type Adjustment } from '../../dispatcher/settlement/adjustments';
import { pricedFacts, type SettlementFacts, type Surcharge } from '../../dispatcher/settlement/facts';
import type { Milestone, Payout } from '../../dispatcher/settlement/milestones';
import { deductionAt, replayPast, type PastTimeline, type PayRun } from '../../dispatcher/settlement/past';
import { adjust, pay, reach, settle, type Settlement } from '../../dispatcher/settlement/settle';
import type { SettlementStatus } from '../../dispatcher/settlement/status';
import { carryOver, voidPayouts } from '../../dispatcher/settlement/void';
import type { WorkOrderStatus } from '../../dispatcher/work-order/status';
import type { WorkflowAction } from '../../dispatcher/work-order/workflow';
import type { RegionId } from '../../geo/cities';
import type { Bus } from '../bus';
import type { SettlementView } from '../contract';
import { financeChanges } from './finance-changes';
import { orderQuoteFacts } from './order-facts';
import type { PricingBook } from './pricing-book';
import { toSettlementView } from './view';

/**
 * A settlement that changed, and who held its order before (their phone hears it went); the regions whose
 * profit moved when one froze or a frozen one was voided (their dashboards refetch).
 */
export interface SettlementEffects {
  updated: { view: SettlementView; formerTechnicianId: string | null }[];
  profitRegionIds: string[];
}
export const noSettlementEffects = (): SettlementEffects => ({ updated: [], profitRegionIds: [] });

/** Statuses in which an order counts as dispatched: someone took it on, not just an open offer. */
const DISPATCHED: readonly WorkOrderStatus[] = ['assigned', 'accepted', 'en_route', 'on_site'];
const MILESTONE_OF: Partial<Record<WorkflowAction, Milestone>> = {
  complete: 'completed',
  confirm: 'accepted'
};

type Step = { type: 'none' } | { type: 'quote' } | { type: 'void' } | { type: 'reach'; milestone: Milestone };

function stepFor(stored: StoredSettlement | undefined, after: WorkOrderRow, action: WorkflowAction): Step {
  const milestone = MILESTONE_OF[action];
  if (milestone) return { type: 'reach', milestone };
  if (action === 'cancel')
    return stored && stored.row.status !== 'void' ? { type: 'void' } : { type: 'none' };
  if (stored?.row.status === 'frozen') return { type: 'none' };
  const holder = after.assignedTechnicianId;
  const dispatched = holder !== null && DISPATCHED.includes(after.status as WorkOrderStatus);
  if (!stored) return dispatched ? { type: 'quote' } : { type: 'none' };
  // Reopened after a cancel: priced afresh when someone takes it on again, whoever it is.
  if (stored.row.status === 'void') return dispatched ? { type: 'quote' } : { type: 'none' };
  // A new holder (or none any more) changes the subsidy; an offer alone waits for its answer.
  return stored.row.technicianId !== holder && (dispatched || holder === null)
    ? { type: 'quote' }
    : { type: 'none' };
}

/**
 * A settlement as a change makes it, before it is stored: several orders' drafts are stored together,
 * a statement per table, with their events.
 */
interface Draft {
  orderId: string;
  before: StoredSettlement | undefined;
  settlement: Settlement;
  status: SettlementStatus;
  /** This change freezes the price. */
  freeze: boolean;
  technicianId: string | null;
  partnerId: string | null;
  facts: SettlementFacts;
  events: DomainEventInput[];
  /** Where the order's profit is summed (the profit rollups), for a change that freezes or voids it. */
  place?: Omit<OrderPlace, 'regionId'>;
  /** A change recorded after the fact (the demo's history): when it happened, and its payouts' times. */
  past?: { at: Date; payoutTimes: ReadonlyMap<string, { payableAt: Date; paidAt: Date | null }> };
}

/** An order completed before it was known here (the demo's history), with what it held. */
export interface PastOrder {
  order: WorkOrderRow;
  parts: readonly HeldPart[];
  /** When it was dispatched: its prices are those in force then. */
  dispatchedAt: Date;
  timeline: PastTimeline;
  /** The order's own events (created, completed, closed), each with its time: stored in time order with the settlement's. */
  events: readonly (DomainEventInput & { at: Date })[];
}

const event = (
  orderId: string,
  type: string,
  actor: string,
  payload: Record<string, unknown>
): DomainEventInput => ({ type, aggregateType: 'work_order', aggregateId: orderId, actor, payload });

/** An unchanged draft of a stored settlement, for a change to build on. */
const draftOf = (stored: StoredSettlement): Draft => ({
  orderId: stored.row.orderId,
  before: stored,
  settlement: fromStored(stored),
  status: stored.row.status,
  freeze: false,
  technicianId: stored.row.technicianId,
  partnerId: stored.row.partnerId,
  facts: stored.row.facts,
  events: []
});

export class SettlementEngine {
  constructor(private readonly deps: { book: PricingBook; bus: Bus }) {}

  /** In the transaction that moved the order (`after` is its new row). */
  orderMoved(
    tx: Transaction,
    after: WorkOrderRow,
    action: WorkflowAction,
    actor: string,
    at: Date
  ): Promise<SettlementEffects> {
    return this.ordersMoved(tx, [{ after, action }], actor, at);
  }

  /** In the transaction that moved the orders (`after` is each one's new row; each order at most once). */
  async ordersMoved(
    tx: Transaction,
    moves: readonly { after: WorkOrderRow; action: WorkflowAction }[],
    actor: string,
    at: Date
  ): Promise<SettlementEffects> {
    const stored = await lockSettlements(
      tx,
      moves.map((m) => m.after.id)
    );
    const context = await quoteContext(
      tx,
      moves.map((m) => m.after)
    );
    const drafts = moves.flatMap(({ after, action }) => {
      const draft = this.#moved(after, action, stored.get(after.id), context, actor, at);
      return draft ? [{ ...draft, place: rollupPlace(after) }] : [];
    });
    return this.#store(tx, drafts, at);
  }

  /**
   * The parts the order holds changed without the order moving (a supervisor confirmed a transfer): a
   * quoted settlement is requoted with them at cost; a frozen one keeps what the job was priced with.
   */
  async partsChanged(
    tx: Transaction,
    order: WorkOrderRow,
    actor: string,
    at: Date
  ): Promise<SettlementEffects> {
    const stored = (await lockSettlements(tx, [order.id])).get(order.id);
    if (stored?.row.status !== 'quoted') return noSettlementEffects();
    const draft = this.#requote(order, stored, await quoteContext(tx, [order]), actor, at);
    return this.#store(tx, draft ? [draft] : [], at);
  }

  /** A supervisor's surcharge on a quoted settlement (the caller checked it applies); requoted at once. */
  async addSurcharge(
    tx: Transaction,
    order: WorkOrderRow,
    stored: StoredSettlement,
    surcharge: Surcharge
  ): Promise<SettlementEffects> {
    const facts = { ...stored.row.facts, surcharges: [...stored.row.facts.surcharges, surcharge] };
    const at = new Date(surcharge.at);
    const context = await quoteContext(tx, [order]);
    const draft = this.#requote(order, stored, context, surcharge.actor, at, facts, surcharge);
    return this.#store(tx, draft ? [draft] : [], at);
  }

  /**
   * A complaint deduction or a bonus: a payout of its own, with its reason, its row and its
   * `settlement.adjusted` audit event; the price stays as quoted. False when the id was used already.
   */
  async adjust(
    tx: Transaction,
    stored: StoredSettlement,
    adjustment: Adjustment,
    actor: string,
    at: Date
  ): Promise<SettlementEffects | false> {
    const result = adjust(fromStored(stored), adjustment);
    if (result.type === 'refused') return false;
    const draft: Draft = {
      ...draftOf(stored),
      settlement: result.settlement,
      events: [adjustmentEvent(stored.row.orderId, adjustment, actor)]
    };
    const effects = await this.#store(tx, [draft], at);
    await insertAdjustments(tx, [{ ...adjustment, orderId: stored.row.orderId, actor, createdAt: at }]);
    return effects;
  }

  /**
   * Orders completed in the past, settled as the live path would have settled them step by step
   * (dispatcher/settlement/past.ts) and stored in one batch with their audit events, adjustments and
   * rollup hours. Nobody is told: nobody was watching then. Orders with nothing to price are skipped.
   */
  async recordPast(
    tx: Transaction,
    past: readonly PastOrder[],
    payRuns: readonly PayRun[],
    actor: string,
    now: Date
  ): Promise<void> {
    const context = await quoteContext(tx, [], past);
    const drafts = past.flatMap(({ order, dispatchedAt, timeline, events }): Draft[] => {
      const quoted = this.#requote(order, undefined, context, actor, dispatchedAt);
      if (!quoted) return [];
      const replayed = replayPast(quoted.settlement, order.id, timeline, payRuns, actor);
      const at = new Date(timeline.completedAt);
      return [
        {
          ...quoted,
          settlement: replayed.settlement,
          status: 'frozen',
          freeze: true,
          events: [...events, ...replayed.events].sort((a, b) => a.at.getTime() - b.at.getTime()),
          place: rollupPlace(order),
          past: { at, payoutTimes: replayed.payoutTimes }
        }
      ];
    });
    await this.#store(tx, drafts, now);
    const settled = new Set(drafts.map((d) => d.orderId));
    await insertAdjustments(
      tx,
      past.flatMap(({ order, timeline: t }) =>
        t.deduction && settled.has(order.id)
          ? [{ ...t.deduction, orderId: order.id, actor, createdAt: new Date(deductionAt(t)) }]
          : []
      )
    );
  }

  /**
   * Finance paid these payouts in the run `reference`: each payable one becomes paid, with a
   * `settlement.paid` audit event naming the run. The caller checked that each is payable. The run is
   * stored in one go, so its rollup rows are locked in one order, whatever other run pays at once.
   */
  async pay(
    tx: Transaction,
    paid: readonly { stored: StoredSettlement; payoutIds: readonly string[] }[],
    reference: string,
    actor: string,
    at: Date
  ): Promise<SettlementEffects> {
    const drafts = paid.map(({ stored, payoutIds }): Draft => {
      let next = fromStored(stored);
      for (const id of payoutIds) {
        const result = pay(next, id);
        if (result.type === 'refused')
          throw new Error(`payout ${id} of ${stored.row.orderId}: ${result.reason}`);
        next = result.settlement;
      }
      const payouts = next.payouts.filter((p) => payoutIds.includes(p.id));
      return {
        ...draftOf(stored),
        settlement: next,
        events: [
          event(stored.row.orderId, 'settlement.paid', actor, {
            reference,
            payouts: payouts.map(({ id, payee, amount }) => ({ id, payee, amount }))
          })
        ]
      };
    });
    return this.#store(tx, drafts, at);
  }

  /** After commit: each changed settlement to its technician's phone (and the former holder's). */
  publish(effects: SettlementEffects): void {
    for (const { view, formerTechnicianId } of effects.updated)
      this.deps.bus.publish('settlement:updated', view, formerTechnicianId);
    for (const regionId of effects.profitRegionIds)
      this.deps.bus.publish('insights:profit_changed', regionId);
  }

  #moved(
    after: WorkOrderRow,
    action: WorkflowAction,
    stored: StoredSettlement | undefined,
    context: QuoteContext,
    actor: string,
    at: Date
  ): Draft | undefined {
    const step = stepFor(stored, after, action);
    if (step.type === 'none') return undefined;
    if (step.type === 'quote') return this.#requote(after, stored, context, actor, at);
    if (step.type === 'void') return stored ? voided(stored, actor) : undefined;
    // An order from before settlements reaching a milestone is priced first, then moves on.
    const priced = stored ? draftOf(stored) : this.#requote(after, undefined, context, actor, at);
    if (!priced) return undefined;
    const next = reach(priced.settlement, step.milestone);
    const freeze = priced.status === 'quoted';
    return {
      ...priced,
      settlement: next,
      status: 'frozen',
      freeze,
      events: [
        ...priced.events,
        event(after.id, freeze ? 'settlement.frozen' : 'settlement.milestone_reached', actor, {
          milestone: step.milestone,
          total: next.quote.total,
          technicianShare: next.shares.technician
        })
      ]
    };
  }

  /**
   * Prices the order under the versions in force when it was first dispatched, with its
   * `settlement.quoted` or `settlement.requoted` event; undefined (nothing to store) when no table is in
   * force or the table has no item for the order's service.
   */
  #requote(
    order: WorkOrderRow,
    stored: StoredSettlement | undefined,
    context: QuoteContext,
    actor: string,
    at: Date,
    facts?: SettlementFacts,
    surcharge?: Surcharge
  ): Draft | undefined {
    const serviceAt = stored?.row.facts.order.serviceAt ?? at.getTime();
    const book = this.deps.book.at(serviceAt);
    if (!book) return undefined;
    const holder = order.assignedTechnicianId;
    const who = holder === null ? undefined : context.holders.get(holder);
    const partnerId = who?.partnerId ?? null;
    const settlementFacts: SettlementFacts = facts ?? {
      order: orderQuoteFacts(
        order,
        book.table,
        who?.regionId ?? null,
        serviceAt,
        context.held.get(order.id) ?? []
      ),
      surcharges: stored?.row.facts.surcharges ?? []
    };
    const quoted = quote(book.table, pricedFacts(settlementFacts));
    if (quoted.type !== 'quoted') return undefined;
    const priced = settle(quoted.quote, book.terms, { regionId: order.regionId as RegionId, partnerId });
    // Adjustments are not part of the price: they stay through a requote, as does what was paid.
    const next = {
      ...priced,
      payouts: stored ? carryOver(priced.payouts, fromStored(stored).payouts) : priced.payouts
    };
    return {
      orderId: order.id,
      before: stored,
      settlement: next,
      status: 'quoted',
      freeze: false,
      technicianId: holder,
      partnerId,
      facts: settlementFacts,
      events: [
        event(order.id, stored ? 'settlement.requoted' : 'settlement.quoted', actor, {
          before: stored ? { total: stored.row.total, technicianShare: stored.row.shares.technician } : null,
          after: {
            total: next.quote.total,
            technicianShare: next.shares.technician,
            technicianId: holder,
            tableId: next.quote.tableId,
            tableVersion: next.quote.tableVersion
          },
          ...(surcharge ? { surcharge: surcharge.kind, reason: surcharge.reason } : {})
        })
      ]
    };
  }

  /** Stores the drafts and their events; the phones to tell once it commits. */
  async #store(tx: Transaction, drafts: readonly Draft[], at: Date): Promise<SettlementEffects> {
    // Changes recorded after the fact tell nobody: what is stored need not be read back.
    const past = drafts.some((d) => d.past);
    const written = drafts.map((d) => ({ d, row: rowOf(d, d.past?.at ?? at) }));
    const saved = await saveSettlements(
      tx,
      written.map(({ d, row }) => ({
        settlement: row,
        payouts: d.settlement.payouts,
        payoutTimes: d.past?.payoutTimes
      })),
      at,
      { readBack: !past }
    );
    // Finance's totals read their rollup: every write of a settlement or its payouts moves it, here.
    await addToFinanceRollup(
      tx,
      written.flatMap(({ d, row }) => financeChanges(d.before, row, d.settlement.payouts))
    );
    await appendEvents(
      tx,
      drafts.flatMap((d) => d.events)
    );
    // The profit dashboards read the rollups: they move in the transaction that froze (or voided) the order.
    const changes: RollupChange[] = drafts.flatMap((d) => {
      const change = rollupChange(d, d.past?.at ?? at);
      if (!change || !d.place) return [];
      return [{ ...change, orderId: d.orderId, place: { regionId: d.facts.order.regionId, ...d.place } }];
    });
    await addToRollups(tx, changes);
    const profitRegionIds = [...new Set(changes.map((c) => c.place.regionId))];
    if (past) return { updated: [], profitRegionIds };
    return { updated: drafts.flatMap((d, i) => effectsOf(d.before, saved[i]).updated), profitRegionIds };
  }
}

/**
 * The order was cancelled: unpaid payouts void, paid ones clawed back (dispatcher/settlement/void.ts),
 * with a `settlement.voided` event saying how much of each.
 */
function voided(stored: StoredSettlement, actor: string): Draft {
  const draft = draftOf(stored);
  const before = draft.settlement.payouts;
  const payouts = voidPayouts(before);
  // voidPayouts keeps the payouts in place and appends the clawbacks.
  const voidedNow = payouts.filter((p, i) => p.status === 'void' && before[i]?.status !== 'void');
  const clawbacks = payouts.slice(before.length);
  const fen = (list: readonly Payout[]) => list.reduce((s, p) => s + p.amount, 0);
  return {
    ...draft,
    settlement: { ...draft.settlement, payouts },
    status: 'void',
    events: [
      event(stored.row.orderId, 'settlement.voided', actor, {
        before: { status: stored.row.status, total: stored.row.total },
        voided: fen(voidedNow),
        clawedBack: -fen(clawbacks)
      })
    ]
  };
}

/** Where an order's figures are summed, but its region (the settlement's facts hold that). */
const rollupPlace = (o: WorkOrderRow): Omit<OrderPlace, 'regionId'> => ({
  cityId: o.cityId,
  serviceType: o.serviceType,
  lng: o.lng,
  lat: o.lat
});

/**
 * What a draft adds to the profit rollups: a freeze its figures at this moment; voiding a frozen
 * settlement (a reopened job cancelled) takes them back out of the buckets it froze in.
 */
function rollupChange(d: Draft, at: Date): { frozenAt: Date; figures: ProfitFigures } | undefined {
  const { settlement: s, before } = d;
  if (d.freeze) return { frozenAt: at, figures: figuresOf({ total: s.quote.total, ...s }) };
  if (d.status !== 'void' || before?.row.status !== 'frozen' || !before.row.frozenAt) return undefined;
  const figures = figuresOf({ total: before.row.total, quote: before.row.quote, ...before.row.split });
  for (const k of PROFIT_FIGURES) figures[k] = -figures[k];
  return { frozenAt: before.row.frozenAt, figures };
}

/** The row of a draft stored at `at`. */
function rowOf(d: Draft, at: Date): NewSettlement {
  const { settlement: s, before } = d;
  return {
    orderId: d.orderId,
    regionId: d.facts.order.regionId,
    technicianId: d.technicianId,
    partnerId: d.partnerId,
    status: d.status,
    tableId: s.quote.tableId,
    tableVersion: s.quote.tableVersion,
    facts: d.facts,
    quote: s.quote,
    total: s.quote.total,
    shares: s.shares,
    split: {
      termsId: s.termsId,
      termsVersion: s.termsVersion,
      policy: s.policy,
      labourShares: s.labourShares
    },
    reached: s.reached,
    quotedAt: before?.row.quotedAt ?? at,
    frozenAt: d.freeze ? at : (before?.row.frozenAt ?? null),
    updatedAt: at
  };
}

/** The phones to tell: the settlement as stored now, and who it paid before if that changed. */
function effectsOf(
  before: StoredSettlement | undefined,
  now: StoredSettlement | undefined
): SettlementEffects {
  if (!now) return noSettlementEffects();
  const former = before?.row.technicianId ?? null;
  return {
    updated: [
      { view: toSettlementView(now), formerTechnicianId: former !== now.row.technicianId ? former : null }
    ],
    profitRegionIds: []
  };
}

/** The domain's settlement of a stored one: its payouts with their statuses as stored. */
function fromStored({ row, payouts }: StoredSettlement): Settlement {
  return {
    quote: row.quote,
    ...row.split,
    shares: row.shares,
    reached: row.reached,
    payouts: payouts.map((p): Payout => ({
      id: p.id,
      payee: p.payee,
      milestone: p.milestone,
      amount: p.amount,
      status: p.status,
      ...(p.reason !== null ? { reason: p.reason } : {})
    }))
  };
}

/** What pricing reads besides the orders themselves, loaded once for a batch of them. */
interface QuoteContext {
  /** The orders' holders: home region (the cross-region subsidy), the partner they work through (the split). */
  holders: ReadonlyMap<string, { regionId: RegionId; partnerId: string | null }>;
  /** The parts each order holds, charged at cost. */
  held: ReadonlyMap<string, readonly HeldPart[]>;
}

/** `past` orders bring the parts they used: nothing is reserved for them any more. */
async function quoteContext(
  tx: Transaction,
  live: readonly WorkOrderRow[],
  past: readonly PastOrder[] = []
): Promise<QuoteContext> {
  const orders = [...live, ...past.map((p) => p.order)];
  const holders = [
    ...new Set(orders.flatMap((o) => (o.assignedTechnicianId === null ? [] : [o.assignedTechnicianId])))
  ];
  const technicians =
    holders.length === 0
      ? []
      : await tx
          .select({
            id: schema.technicians.id,
            regionId: schema.technicians.regionId,
            partnerId: schema.technicians.partnerId
          })
          .from(schema.technicians)
          .where(inArray(schema.technicians.id, holders));
  return {
    holders: new Map(
      technicians.map((t) => [t.id, { regionId: t.regionId as RegionId, partnerId: t.partnerId }])
    ),
    held: new Map([
      ...(live.length > 0
        ? await heldParts(
            tx,
            live.map((o) => o.id)
          )
        : []),
      ...past.map((p) => [p.order.id, p.parts] as const)
    ])
  };
}
