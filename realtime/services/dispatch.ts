// Auto-dispatch: runs when an order arrives, when a technician frees up or comes online, and on a
// periodic sweep. The rules decide (dispatcher/dispatch); this service loads their inputs and stores the
// decision with its explanation, the assignment (or offer) and the parts reservation in one transaction.
// Offers that reach their deadline unanswered are expired from the database, so a restart loses none.
import type { Logger } from 'pino';
import {
  activeLoadByTechnician,
  appendEvents,
  reassignOrders,
  declinedTechnicians,
  dueOffers,
  findWorkOrder,
  listWaitingOrders,
  StaleOrderError,
  StockShortError,
  type Database,
  type Handover,
  type DomainEventInput,
  type WorkOrderRow
} from '../../db';
import type { Clock } from '../../dispatcher/clock';
import { CandidatePool, decide } from '../../dispatcher/dispatch/decide';
import type { DepotStock, DispatchDecision, RankedCandidate } from '../../dispatcher/dispatch/types';
import type { WorkflowAction } from '../../dispatcher/work-order/workflow';
import { canSeeRegion, type Principal } from '../auth/scope';
import type { Bus } from '../bus';
import { HttpError } from '../http/errors';
import type { Fleet } from './fleet';
import { isDeadlock, isUniqueViolation } from './assignments';
import { depotsFor, policyFor, toCandidate, toDispatchOrder } from './dispatch-inputs';
import { holdParts } from './parts-hold';
import type { RegionPolicies } from './region-policies';
import { toOrderSummary } from './work-order-view';
import type { WorkflowService } from './workflow';
import type { SlaEngine } from '../sla/engine';
import type { SettlementEngine } from '../settlement/engine';

export const SWEEP_MS = 15_000;
/** How often unanswered offers are checked against their deadline. */
export const OFFER_CHECK_MS = 5_000;
const SWEEP_BATCH = 200;
const ACTOR = 'system:dispatcher';

export interface CandidateView {
  technicianId: string;
  name: string;
  score: number;
  /** Each factor's contribution: they add up to the score. */
  factors: Record<string, number>;
  details: RankedCandidate['factors'];
  violations: string[];
  crossRegion: boolean;
  distanceKm: number;
}

interface Inputs {
  pool: CandidatePool;
  depots: DepotStock[];
}

export class DispatchService {
  readonly #regions: RegionPolicies;
  #timer: NodeJS.Timeout | undefined;
  #offerTimer: NodeJS.Timeout | undefined;
  #offerCheckQueued = false;
  #running: Promise<void> = Promise.resolve();
  #again = false;
  /** Why each waiting order found nobody, as of its last try: shown to supervisors, not logged as events. */
  readonly #unplaced = new Map<string, string>();

  constructor(
    private readonly db: Database,
    private readonly fleet: Fleet,
    regions: RegionPolicies,
    private readonly allRegionIds: readonly string[],
    private readonly bus: Bus,
    private readonly workflow: WorkflowService,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly sla: SlaEngine,
    private readonly settlement: SettlementEngine
  ) {
    this.#regions = regions;
  }

  start(): void {
    this.#timer = setInterval(() => this.requestSweep(), SWEEP_MS);
    this.#offerTimer = setInterval(() => {
      // Checks do not pile up behind a slow sweep: one waiting is enough.
      if (this.#offerCheckQueued) return;
      this.#offerCheckQueued = true;
      this.#enqueue(() => {
        this.#offerCheckQueued = false;
        return this.expireOffers();
      });
    }, OFFER_CHECK_MS);
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    clearInterval(this.#offerTimer);
    await this.#running;
  }

  #enqueue(work: () => Promise<unknown>): void {
    this.#running = this.#running.then(work).then(
      () => undefined,
      (err: unknown) => this.log.warn({ err }, 'dispatch work failed')
    );
  }

  /**
   * Expires every offer whose deadline has passed (silence counts as a decline) and, if any did, looks for
   * the next candidate at once. Returns how many expired.
   */
  async expireOffers(): Promise<number> {
    let expired = 0;
    for (const due of await dueOffers(this.db, this.clock.now(), SWEEP_BATCH)) {
      try {
        await this.workflow.act(
          { kind: 'system', name: 'dispatcher' },
          due.orderId,
          'expire',
          `no answer from ${due.technicianId} by the deadline`,
          due.version
        );
        expired++;
      } catch (err) {
        // The technician answered (or a supervisor stepped in) in the meantime: nothing to expire. Anything
        // else is logged and the others still expire: one bad order must not hold every offer behind it.
        if (!(err instanceof HttpError && err.status === 409))
          this.log.warn({ err, orderId: due.orderId }, 'expiring an offer failed');
      }
    }
    if (expired > 0) this.requestSweep();
    return expired;
  }

  /** Asks for a sweep; sweeps never overlap, and requests during one fold into one more after it. */
  requestSweep(): void {
    if (this.#again) return;
    this.#again = true;
    this.#enqueue(() => {
      this.#again = false;
      return this.sweep();
    });
  }

  whyUnplaced(orderId: string): string | undefined {
    return this.#unplaced.get(orderId);
  }

  /**
   * Tries every waiting, unlocked order, oldest first, against one snapshot of the fleet and the stock
   * that each placement updates in memory (the technician's load, the depots' stock), so the later orders
   * of the sweep decide as if the earlier ones were stored. Then stores them all. Returns how many were
   * placed (assigned or offered).
   */
  async sweep(): Promise<number> {
    const waiting = await listWaitingOrders(this.db, SWEEP_BATCH);
    if (waiting.length === 0) return 0;
    const inputs = await this.#inputs(waiting);
    const declined = await declinedTechnicians(
      this.db,
      waiting.map((o) => o.id)
    );
    const placements: Placement[] = [];
    for (const order of waiting) {
      const decision = this.#decide(order, declined.get(order.id), inputs);
      if (decision.type === 'no-candidate') {
        this.#unplaced.set(order.id, decision.reason);
        continue;
      }
      placements.push({ order, decision });
      inputs.pool.addOpenOrder(decision.technicianId);
      for (const p of decision.parts.picks) {
        const depot = inputs.depots.find((d) => d.depotId === p.depotId);
        if (depot) (depot.available as Record<string, number>)[p.sku] = (depot.available[p.sku] ?? 0) - p.qty;
      }
    }
    return (await this.#storeAll(placements)).length;
  }

  /**
   * One transaction for the whole sweep. When it fails because one order lost a race (its stock went to
   * someone else, its version moved, it got assigned meanwhile), one transaction per order, so that the
   * bad one costs the others nothing; the next sweep decides it again on fresh data.
   */
  async #storeAll(placements: readonly Placement[]): Promise<WorkOrderRow[]> {
    if (placements.length === 0) return [];
    try {
      return await this.#store(placements);
    } catch (err) {
      if (!lostRace(err)) throw err;
      if (placements.length === 1) return [];
    }
    const stored: WorkOrderRow[] = [];
    for (const placement of placements) {
      try {
        stored.push(...(await this.#store([placement])));
      } catch (err) {
        if (!lostRace(err)) throw err;
      }
    }
    return stored;
  }

  /** The assignments or offers, their parts and their events in one transaction, then the news. */
  async #store(placements: readonly Placement[]): Promise<WorkOrderRow[]> {
    const at = this.clock.now();
    const { rows, alerts, sla, earnings } = await this.db.transaction(async (tx) => {
      const rows = await reassignOrders(tx, placements.map(handover), at);
      const stock = await holdParts(
        tx,
        placements.map(({ order, decision }) => ({ orderId: order.id, plan: decision.parts })),
        ACTOR,
        at
      );
      await appendEvents(tx, [
        ...placements.map((p, i) => placedEvent(p, rows[i] as WorkOrderRow)),
        ...stock.events
      ]);
      const moves = rows.map((after, i) => ({ after, action: placedAction(placements[i] as Placement) }));
      return {
        rows,
        alerts: stock.alerts,
        sla: await this.sla.ordersMoved(tx, moves, ACTOR, at),
        earnings: await this.settlement.ordersMoved(tx, moves, ACTOR, at)
      };
    });
    for (const row of rows) {
      this.#unplaced.delete(row.id);
      this.bus.publish('order:updated', toOrderSummary(row));
    }
    for (const alert of alerts) this.bus.publish('depot:alert', alert);
    this.sla.publish(sla);
    this.settlement.publish(earnings);
    return rows;
  }

  async candidates(user: Principal, orderId: string): Promise<CandidateView[]> {
    const row = await findWorkOrder(this.db, { id: orderId });
    if (!row) throw new HttpError(404, 'not_found', 'no such work order');
    if (!canSeeRegion(user, row.order.regionId, this.allRegionIds))
      throw new HttpError(403, 'forbidden', 'this work order is outside your regions');
    const declined = await declinedTechnicians(this.db, [orderId]);
    const decision = this.#decide(row.order, declined.get(orderId), await this.#inputs([row.order]));
    return decision.ranked.map((r) => ({
      technicianId: r.technicianId,
      name: this.fleet.get(r.technicianId)?.name ?? r.technicianId,
      score: r.score,
      factors: Object.fromEntries(r.factors.map((f) => [f.name, f.contribution])),
      details: r.factors,
      violations: r.violations,
      crossRegion: r.crossRegion,
      distanceKm: r.factors.find((f) => f.name === 'distance')?.value ?? Number.NaN
    }));
  }

  async #inputs(orders: readonly WorkOrderRow[]): Promise<Inputs> {
    const load = await activeLoadByTechnician(this.db);
    const now = this.clock.now();
    const candidates = this.fleet
      .inRegions(this.allRegionIds)
      .filter((t) => t.status !== 'offline')
      .map((t) => toCandidate(t, load.get(t.id) ?? 0, now));
    return { pool: new CandidatePool(candidates), depots: await depotsFor(this.db, orders) };
  }

  #decide(order: WorkOrderRow, declinedBy: string[] | undefined, inputs: Inputs): DispatchDecision {
    return decide(
      toDispatchOrder(order, declinedBy),
      inputs.pool,
      policyFor(this.#regions.get(order.regionId)),
      inputs.depots,
      this.clock.now()
    );
  }
}

/** An order the sweep found someone for. */
interface Placement {
  order: WorkOrderRow;
  decision: Exclude<DispatchDecision, { type: 'no-candidate' }>;
}

/** The workflow action a placement is, for the SLA clocks: an offer answers nobody yet. */
const placedAction = ({ decision }: Placement): WorkflowAction =>
  decision.type === 'offered' ? 'offer' : 'assign';

function handover({ order, decision }: Placement): Handover {
  const offer = decision.type === 'offered' ? decision.expiresAt : null;
  return {
    change: {
      orderId: order.id,
      expectedVersion: order.version,
      status: offer ? 'offered' : 'assigned',
      assignedTechnicianId: decision.technicianId,
      locked: false
    },
    next: {
      technicianId: decision.technicianId,
      kind: offer ? 'offer' : 'auto',
      reason: `auto-dispatch, score ${decision.ranked[0]?.score.toFixed(3) ?? '?'}`,
      actor: ACTOR,
      violations: [],
      expiresAt: offer
    }
  };
}

/** `order.assigned` or `order.offered`, with the ranking that explains it. */
function placedEvent({ order, decision }: Placement, next: WorkOrderRow): DomainEventInput {
  const offer = decision.type === 'offered' ? decision.expiresAt : null;
  return {
    type: offer ? 'order.offered' : 'order.assigned',
    aggregateType: 'work_order',
    aggregateId: order.id,
    actor: ACTOR,
    payload: {
      before: { status: order.status, technicianId: null, version: order.version },
      after: { status: next.status, technicianId: decision.technicianId, version: next.version },
      reason: 'auto-dispatch',
      ...(offer ? { expiresAt: offer.toISOString() } : {}),
      crossRegion: decision.crossRegion,
      ranked: decision.ranked.slice(0, 5),
      parts: decision.parts
    }
  };
}

/** The write lost to another one (stock, version, the one-active-assignment index, a broken deadlock). */
function lostRace(err: unknown): boolean {
  return (
    err instanceof StockShortError ||
    err instanceof StaleOrderError ||
    isUniqueViolation(err) ||
    isDeadlock(err)
  );
}
