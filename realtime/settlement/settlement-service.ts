// Settlements over HTTP: the `settlement` of an order view, a technician's month, a supervisor's
// surcharge, finance's adjustments. The engine does the pricing; this checks who may and takes the locks.
import {
  findSettlements,
  findWorkOrder,
  listTechnicianSettlements,
  lockSettlement,
  type Database,
  type StoredSettlement,
  type Transaction
} from '../../db';
import type { Clock } from '../../dispatcher/clock';
import { surchargeApplies } from '../../dispatcher/settlement/facts';
import { canSeeRegion, isSupervisor, type Principal } from '../auth/scope';
import type { MonthSettlements, PayoutsPaid, SettlementView } from '../contract';
import { HttpError } from '../http/errors';
import type { PayoutsPaidInput } from '../schemas/finance';
import type { AdjustmentRequest, SurchargeInput } from '../schemas/settlement';
import { type SettlementEffects, type SettlementEngine } from './engine';
import { monthOf, monthSpan } from './month';
import { toSettlementView } from './view';

export class SettlementService {
  constructor(
    private readonly db: Database,
    private readonly engine: SettlementEngine,
    private readonly clock: Clock,
    private readonly allRegionIds: readonly string[]
  ) {}

  /**
   * The settlements of orders the caller already may see; a technician only those paying them (an
   * order they were taken off keeps its settlement, not theirs to read).
   */
  async views(user: Principal, orderIds: readonly string[]): Promise<Map<string, SettlementView>> {
    const stored = await findSettlements(this.db, orderIds);
    const mine =
      user.role !== 'technician' ? stored : stored.filter((s) => s.row.technicianId === user.technicianId);
    return new Map(mine.map((s) => [s.row.orderId, toSettlementView(s)]));
  }

  /** A technician's settlements quoted in a (Beijing) month, with what they earn, is payable and paid. */
  async month(user: Principal, month = monthOf(this.clock.now())): Promise<MonthSettlements> {
    if (user.role !== 'technician' || !user.technicianId)
      throw new HttpError(403, 'forbidden', 'only a technician has settlements of their own');
    const { from, to } = monthSpan(month);
    const items = (await listTechnicianSettlements(this.db, user.technicianId, from, to)).map(
      toSettlementView
    );
    const totals = { orders: items.length, share: 0, pending: 0, payable: 0, paid: 0 };
    for (const { technician: t } of items) {
      totals.share += t.share;
      totals.pending += t.pending;
      totals.payable += t.payable;
      totals.paid += t.paid;
    }
    return { month, items, totals };
  }

  async addSurcharge(user: Principal, orderId: string, input: SurchargeInput): Promise<SettlementView> {
    if (!isSupervisor(user)) throw new HttpError(403, 'forbidden', 'only supervisors add surcharges');
    return this.#change(user, orderId, input.expectedVersion, async (tx, stored, at) => {
      if (stored.row.status === 'frozen')
        throw conflict('settlement_frozen', 'the order is completed: its price is frozen', stored);
      if (!surchargeApplies(stored.row.facts, input.kind))
        throw conflict('already_applied', `the order is already priced as ${input.kind}`, stored);
      const order = await findWorkOrder(tx, { id: orderId });
      if (!order) throw new HttpError(404, 'not_found', 'no such work order');
      return this.engine.addSurcharge(tx, order.order, stored, {
        kind: input.kind,
        reason: input.reason,
        actor: actorOf(user),
        at: at.getTime()
      });
    });
  }

  async adjust(user: Principal, orderId: string, input: AdjustmentRequest): Promise<SettlementView> {
    if (!ADJUSTERS.includes(user.role))
      throw new HttpError(403, 'forbidden', 'only finance adjusts settlements');
    const { expectedVersion, ...adjustment } = input;
    return this.#change(user, orderId, expectedVersion, async (tx, stored, at) => {
      const done = await this.engine.adjust(tx, stored, adjustment, actorOf(user), at);
      if (!done) throw conflict('duplicate_adjustment', `adjustment ${adjustment.id} exists already`, stored);
      return done;
    });
  }

  /**
   * A payment run: every listed payout goes from payable to paid, or none does (409 naming the first
   * that is not payable). The phones of the technicians paid hear it.
   */
  async markPaid(user: Principal, input: PayoutsPaidInput): Promise<PayoutsPaid> {
    if (user.role !== 'finance') throw new HttpError(403, 'forbidden', 'only finance marks payouts paid');
    const at = this.clock.now();
    const byOrder = new Map<string, string[]>();
    for (const { orderId, payoutId } of input.items)
      byOrder.set(orderId, [...(byOrder.get(orderId) ?? []), payoutId]);
    const { effects, items } = await this.db.transaction(async (tx) => {
      // Locked in one order, so two runs over the same settlements cannot deadlock.
      const locked = new Map<string, StoredSettlement>();
      for (const orderId of [...byOrder.keys()].sort()) {
        const stored = await lockSettlement(tx, orderId);
        if (stored) locked.set(orderId, stored);
      }
      const items: PayoutsPaid['items'] = [];
      for (const { orderId, payoutId } of input.items) {
        const payout = locked.get(orderId)?.payouts.find((p) => p.id === payoutId);
        if (payout?.status !== 'payable')
          throw new HttpError(
            409,
            'not_payable',
            `payout ${payoutId} of order ${orderId} is ${payout ? payout.status : 'unknown'}, not payable`,
            undefined,
            { orderId, payoutId, status: payout?.status ?? null }
          );
        items.push({ orderId, payoutId, payee: payout.payee, amount: payout.amount });
      }
      const effects = await this.engine.pay(
        tx,
        [...locked].map(([orderId, stored]) => ({ stored, payoutIds: byOrder.get(orderId) ?? [] })),
        input.reference,
        actorOf(user),
        at
      );
      return { effects, items };
    });
    this.engine.publish(effects);
    return {
      reference: input.reference,
      paidAt: at.toISOString(),
      items,
      total: items.reduce((sum, i) => sum + i.amount, 0)
    };
  }

  /** Locks the order's settlement, checks the version the caller saw, changes it and tells the phones. */
  async #change(
    user: Principal,
    orderId: string,
    expectedVersion: number,
    change: (tx: Transaction, stored: StoredSettlement, at: Date) => Promise<SettlementEffects>
  ): Promise<SettlementView> {
    const found = await findWorkOrder(this.db, { id: orderId });
    if (!found) throw new HttpError(404, 'not_found', 'no such work order');
    if (!canSeeRegion(user, found.order.regionId, this.allRegionIds))
      throw new HttpError(403, 'forbidden', 'this work order is outside your regions');
    const at = this.clock.now();
    const effects = await this.db.transaction(async (tx) => {
      const stored = await lockSettlement(tx, orderId);
      if (!stored)
        throw new HttpError(409, 'not_quoted', 'the order has no price yet: it is quoted when dispatched');
      if (stored.row.version !== expectedVersion)
        throw conflict('version_conflict', `the settlement is at version ${stored.row.version}`, stored);
      return change(tx, stored, at);
    });
    this.engine.publish(effects);
    const view = effects.updated[0]?.view;
    if (!view) throw new Error(`changing the settlement of ${orderId} stored nothing`);
    return view;
  }
}

const ADJUSTERS: readonly Principal['role'][] = ['finance', 'admin'];
const actorOf = (user: Principal) => `user:${user.username}`;
const conflict = (code: string, message: string, stored: StoredSettlement) =>
  new HttpError(409, code, message, undefined, { current: toSettlementView(stored) });
