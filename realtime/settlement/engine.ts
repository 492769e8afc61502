// An order's settlement, kept in step with the order inside the order's own transactions: quoted when it
// is dispatched (assigned, or an offer accepted), requoted when who holds it changes (the cross-region
// subsidy follows the technician) or a supervisor adds a surcharge, frozen when it is completed, its
// payouts payable as it reaches its milestones, void when the order is cancelled. What the phones should hear is returned as effects and
// published by the caller once the transaction commits.
import { eq } from 'drizzle-orm';
import {
  appendEvents,
  insertAdjustment,
  lockSettlement,
  saveSettlement,
  schema,
  type StoredSettlement,
  type Transaction,
  type WorkOrderRow
} from '../../db';
import { quote } from '../../dispatcher/pricing/quote';
import { adjustmentEvent, type Adjustment } from '../../dispatcher/settlement/adjustments';
import { pricedFacts, type SettlementFacts, type Surcharge } from '../../dispatcher/settlement/facts';
import type { Milestone, Payout } from '../../dispatcher/settlement/milestones';
import { adjust, pay, reach, settle, type Settlement } from '../../dispatcher/settlement/settle';
import type { SettlementStatus } from '../../dispatcher/settlement/status';
import { carryOver, voidPayouts } from '../../dispatcher/settlement/void';
import type { WorkOrderStatus } from '../../dispatcher/work-order/status';
import type { WorkflowAction } from '../../dispatcher/work-order/workflow';
import type { RegionId } from '../../geo/cities';
import type { Bus } from '../bus';
import type { SettlementView } from '../contract';
import { orderQuoteFacts } from './order-facts';
import type { PricingBook } from './pricing-book';
import { toSettlementView } from './view';

/** A settlement that changed, and who held its order before (their phone hears it went). */
export interface SettlementEffects {
  updated: { view: SettlementView; formerTechnicianId: string | null }[];
}
export const noSettlementEffects = (): SettlementEffects => ({ updated: [] });

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
    if (step.type === 'void')
      return stored ? effectsOf(stored, await this.#void(tx, stored, actor, at)) : noSettlementEffects();
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
    return effectsOf(stored, saved);
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

  /**
   * Finance paid these payouts of one settlement in the run `reference`: each payable one becomes paid,
   * with a `settlement.paid` audit event naming the run. The caller checked that each is payable.
   */
  async pay(
    tx: Transaction,
    stored: StoredSettlement,
    payoutIds: readonly string[],
    reference: string,
    actor: string,
    at: Date
  ): Promise<SettlementEffects> {
    let next = fromStored(stored);
    for (const id of payoutIds) {
      const result = pay(next, id);
      if (result.type === 'refused')
        throw new Error(`payout ${id} of ${stored.row.orderId}: ${result.reason}`);
      next = result.settlement;
    }
    const paid = next.payouts.filter((p) => payoutIds.includes(p.id));
    const saved = await this.#save(tx, stored.row.orderId, stored, next, {
      status: stored.row.status,
      at,
      freeze: false,
      event: 'settlement.paid',
      actor,
      payload: { reference, payouts: paid.map(({ id, payee, amount }) => ({ id, payee, amount })) }
    });
    return effectsOf(stored, saved);
  }

  /**
   * The order was cancelled: unpaid payouts void, paid ones clawed back (dispatcher/settlement/void.ts),
   * with a `settlement.voided` event saying how much of each.
   */
  async #void(tx: Transaction, stored: StoredSettlement, actor: string, at: Date): Promise<StoredSettlement> {
    const before = fromStored(stored);
    const payouts = voidPayouts(before.payouts);
    // voidPayouts keeps the payouts in place and appends the clawbacks.
    const voided = payouts.filter((p, i) => p.status === 'void' && before.payouts[i]?.status !== 'void');
    const clawbacks = payouts.slice(before.payouts.length);
    const fen = (list: readonly Payout[]) => list.reduce((s, p) => s + p.amount, 0);
    return this.#save(
      tx,
      stored.row.orderId,
      stored,
      { ...before, payouts },
      {
        status: 'void',
        at,
        freeze: false,
        event: 'settlement.voided',
        actor,
        payload: {
          before: { status: stored.row.status, total: stored.row.total },
          voided: fen(voided),
          clawedBack: -fen(clawbacks)
        }
      }
    );
  }

  /** After commit: each changed settlement to its technician's phone (and the former holder's). */
  publish(effects: SettlementEffects): void {
    for (const { view, formerTechnicianId } of effects.updated)
      this.deps.bus.publish('settlement:updated', view, formerTechnicianId);
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
    const who = await holderOf(tx, holder);
    const settlementFacts: SettlementFacts = facts ?? {
      order: orderQuoteFacts(order, book.table, who.regionId, serviceAt),
      surcharges: stored?.row.facts.surcharges ?? []
    };
    const quoted = quote(book.table, pricedFacts(settlementFacts));
    if (quoted.type !== 'quoted') return undefined;
    const priced = settle(quoted.quote, book.terms, {
      regionId: order.regionId as RegionId,
      partnerId: who.partnerId
    });
    // Adjustments are not part of the price: they stay through a requote, as does what was paid.
    const next = {
      ...priced,
      payouts: stored ? carryOver(priced.payouts, fromStored(stored).payouts) : priced.payouts
    };
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
      { technicianId: holder, partnerId: who.partnerId, facts: settlementFacts }
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
    who?: { technicianId: string | null; partnerId: string | null; facts: SettlementFacts }
  ): Promise<StoredSettlement> {
    const technicianId = who ? who.technicianId : (before?.row.technicianId ?? null);
    const partnerId = who ? who.partnerId : (before?.row.partnerId ?? null);
    const facts = who?.facts ?? before?.row.facts;
    if (!facts) throw new Error(`settlement of ${orderId} has no facts`);
    const saved = await saveSettlement(
      tx,
      {
        orderId,
        regionId: facts.order.regionId,
        technicianId,
        partnerId,
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
    ]
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

/** The holder's home region (the cross-region subsidy) and the partner they work through (the split). */
async function holderOf(
  tx: Transaction,
  technicianId: string | null
): Promise<{ regionId: RegionId | null; partnerId: string | null }> {
  if (technicianId === null) return { regionId: null, partnerId: null };
  const [t] = await tx
    .select({ regionId: schema.technicians.regionId, partnerId: schema.technicians.partnerId })
    .from(schema.technicians)
    .where(eq(schema.technicians.id, technicianId));
  return { regionId: (t?.regionId as RegionId | undefined) ?? null, partnerId: t?.partnerId ?? null };
}
