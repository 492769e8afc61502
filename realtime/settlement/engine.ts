// An order's settlement, kept in step with the order inside the order's own transactions: quoted when it
// is dispatched (assigned, or an offer accepted), requoted when who holds it changes (the cross-region
// subsidy follows the technician) or a supervisor adds a surcharge, frozen when it is completed, its
// payouts payable as it reaches its milestones. What the phones should hear is returned as effects and
// published by the caller once the transaction commits.
import { eq } from 'drizzle-orm';
import {
  addToHourly,
  appendEvents,
  insertAdjustment,
  lockSettlement,
  saveSettlement,
  schema,
  type StoredSettlement,
  type Transaction,
  type WorkOrderRow
} from '../../db';
import { figuresOf } from '../../dispatcher/insights/profit';
import { quote } from '../../dispatcher/pricing/quote';
import { adjustmentEvent, type Adjustment } from '../../dispatcher/settlement/adjustments';
import { pricedFacts, type SettlementFacts, type Surcharge } from '../../dispatcher/settlement/facts';
import type { Milestone, Payout } from '../../dispatcher/settlement/milestones';
import { adjust, reach, settle, type Settlement } from '../../dispatcher/settlement/settle';
import type { SettlementStatus } from '../../dispatcher/settlement/status';
import type { WorkOrderStatus } from '../../dispatcher/work-order/status';
import type { WorkflowAction } from '../../dispatcher/work-order/workflow';
import type { RegionId } from '../../geo/cities';
import type { Bus } from '../bus';
import type { SettlementView } from '../contract';
import { orderQuoteFacts } from './order-facts';
import type { PricingBook } from './pricing-book';
import { toSettlementView } from './view';

/**
 * A settlement that changed, and who held its order before (their phone hears it went); the region whose
 * profit moved when one froze (its dashboards refetch).
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

type Step = { type: 'none' } | { type: 'quote' } | { type: 'reach'; milestone: Milestone };

function stepFor(stored: StoredSettlement | undefined, after: WorkOrderRow, action: WorkflowAction): Step {
  const milestone = MILESTONE_OF[action];
  if (milestone) return { type: 'reach', milestone };
  if (stored?.row.status === 'frozen') return { type: 'none' };
  const holder = after.assignedTechnicianId;
  const dispatched = holder !== null && DISPATCHED.includes(after.status as WorkOrderStatus);
  if (!stored) return dispatched ? { type: 'quote' } : { type: 'none' };
  // A new holder (or none any more) changes the subsidy; an offer alone waits for its answer.
  return stored.row.technicianId !== holder && (dispatched || holder === null)
    ? { type: 'quote' }
    : { type: 'none' };
}

export class SettlementEngine {
  constructor(private readonly deps: { book: PricingBook; bus: Bus }) {}

  /** In the transaction that moved the order (`after` is its new row). */
  async orderMoved(
    tx: Transaction,
    after: WorkOrderRow,
    action: WorkflowAction,
    actor: string,
    at: Date
  ): Promise<SettlementEffects> {
    const stored = await lockSettlement(tx, after.id);
    const step = stepFor(stored, after, action);
    if (step.type === 'none') return noSettlementEffects();
    if (step.type === 'quote') {
      return effectsOf(stored, await this.#requote(tx, after, stored, actor, at));
    }
    // An order from before settlements reaching a milestone is priced first, then moves on.
    const priced = stored ?? (await this.#requote(tx, after, undefined, actor, at));
    if (!priced) return noSettlementEffects();
    const next = reach(fromStored(priced), step.milestone);
    const freeze = priced.row.status === 'quoted';
    const saved = await this.#save(tx, after.id, priced, next, {
      status: 'frozen',
      at,
      freeze,
      event: freeze ? 'settlement.frozen' : 'settlement.milestone_reached',
      actor,
      payload: { milestone: step.milestone, total: next.quote.total, technicianShare: next.shares.technician }
    });
    if (!freeze) return effectsOf(stored, saved);
    // The profit dashboards read the rollup: it takes the order's figures in the freezing transaction.
    const regionId = saved.row.regionId;
    await addToHourly(
      tx,
      { hour: at, regionId, cityId: after.cityId, serviceType: after.serviceType },
      figuresOf({ total: next.quote.total, quote: next.quote, labourShares: next.labourShares })
    );
    return { ...effectsOf(stored, saved), profitRegionIds: [regionId] };
  }

  /** A supervisor's surcharge on a quoted settlement (the caller checked it applies); requoted at once. */
  async addSurcharge(
    tx: Transaction,
    order: WorkOrderRow,
    stored: StoredSettlement,
    surcharge: Surcharge
  ): Promise<SettlementEffects> {
    const facts = { ...stored.row.facts, surcharges: [...stored.row.facts.surcharges, surcharge] };
    const saved = await this.#requote(
      tx,
      order,
      stored,
      surcharge.actor,
      new Date(surcharge.at),
      facts,
      surcharge
    );
    return effectsOf(stored, saved);
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
    const event = adjustmentEvent(stored.row.orderId, adjustment, actor);
    const saved = await this.#save(tx, stored.row.orderId, stored, result.settlement, {
      status: stored.row.status,
      at,
      freeze: false,
      event: event.type,
      actor,
      payload: event.payload
    });
    await insertAdjustment(tx, { ...adjustment, orderId: stored.row.orderId, actor, createdAt: at });
    return effectsOf(stored, saved);
  }

  /** After commit: each changed settlement to its technician's phone (and the former holder's). */
  publish(effects: SettlementEffects): void {
    for (const { view, formerTechnicianId } of effects.updated)
      this.deps.bus.publish('settlement:updated', view, formerTechnicianId);
    for (const regionId of effects.profitRegionIds)
      this.deps.bus.publish('insights:profit_changed', regionId);
  }

  /**
   * Prices the order under the versions in force when it was first dispatched and stores the result with
   * its `settlement.quoted` or `settlement.requoted` event; undefined (nothing stored) when no table is in
   * force or the table has no item for the order's service.
   */
  async #requote(
    tx: Transaction,
    order: WorkOrderRow,
    stored: StoredSettlement | undefined,
    actor: string,
    at: Date,
    facts?: SettlementFacts,
    surcharge?: Surcharge
  ): Promise<StoredSettlement | undefined> {
    const serviceAt = stored?.row.facts.order.serviceAt ?? at.getTime();
    const book = this.deps.book.at(serviceAt);
    if (!book) return undefined;
    const holder = order.assignedTechnicianId;
    const settlementFacts: SettlementFacts = facts ?? {
      order: orderQuoteFacts(order, book.table, await technicianRegion(tx, holder), serviceAt),
      surcharges: stored?.row.facts.surcharges ?? []
    };
    const quoted = quote(book.table, pricedFacts(settlementFacts));
    if (quoted.type !== 'quoted') return undefined;
    const priced = settle(quoted.quote, book.terms, {
      regionId: order.regionId as RegionId,
      partnerId: null
    });
    // Adjustments are not part of the price: they stay through a requote.
    const adjustments = stored ? fromStored(stored).payouts.filter((p) => p.reason !== undefined) : [];
    const next = { ...priced, payouts: [...priced.payouts, ...adjustments] };
    return this.#save(
      tx,
      order.id,
      stored,
      next,
      {
        status: 'quoted',
        at,
        freeze: false,
        event: stored ? 'settlement.requoted' : 'settlement.quoted',
        actor,
        payload: {
          before: stored ? { total: stored.row.total, technicianShare: stored.row.shares.technician } : null,
          after: {
            total: next.quote.total,
            technicianShare: next.shares.technician,
            technicianId: holder,
            tableId: next.quote.tableId,
            tableVersion: next.quote.tableVersion
          },
          ...(surcharge ? { surcharge: surcharge.kind, reason: surcharge.reason } : {})
        }
      },
      { technicianId: holder, facts: settlementFacts }
    );
  }

  async #save(
    tx: Transaction,
    orderId: string,
    before: StoredSettlement | undefined,
    s: Settlement,
    /** The new status and the event that says why, stored with it. */
    change: {
      status: SettlementStatus;
      at: Date;
      freeze: boolean;
      event: string;
      actor: string;
      payload: Record<string, unknown>;
    },
    who?: { technicianId: string | null; facts: SettlementFacts }
  ): Promise<StoredSettlement> {
    const technicianId = who ? who.technicianId : (before?.row.technicianId ?? null);
    const facts = who?.facts ?? before?.row.facts;
    if (!facts) throw new Error(`settlement of ${orderId} has no facts`);
    const saved = await saveSettlement(
      tx,
      {
        orderId,
        regionId: facts.order.regionId,
        technicianId,
        status: change.status,
        tableId: s.quote.tableId,
        tableVersion: s.quote.tableVersion,
        facts,
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
        quotedAt: before?.row.quotedAt ?? change.at,
        frozenAt: change.freeze ? change.at : (before?.row.frozenAt ?? null),
        updatedAt: change.at
      },
      s.payouts,
      change.at
    );
    await appendEvents(tx, [
      {
        type: change.event,
        aggregateType: 'work_order',
        aggregateId: orderId,
        actor: change.actor,
        payload: change.payload
      }
    ]);
    return saved;
  }
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

async function technicianRegion(tx: Transaction, technicianId: string | null): Promise<RegionId | null> {
  if (technicianId === null) return null;
  const [t] = await tx
    .select({ regionId: schema.technicians.regionId })
    .from(schema.technicians)
    .where(eq(schema.technicians.id, technicianId));
  return (t?.regionId as RegionId | undefined) ?? null;
}
