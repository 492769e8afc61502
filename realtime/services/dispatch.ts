// Auto-dispatch: runs when an order arrives, when a technician frees up or comes online, and on a
// periodic sweep. The rules decide (dispatcher/dispatch); this service loads their inputs and stores the
// decision with its explanation, the assignment and the parts reservation in one transaction.
import type { Logger } from 'pino';
import {
  activeLoadByTechnician,
  appendEvents,
  reassignOrder,
  availableStock,
  findWorkOrder,
  listWaitingOrders,
  reservePicks,
  StockShortError,
  type Database,
  type DomainEventInput,
  type WorkOrderRow
} from '../../db';
import type { Clock } from '../../dispatcher/clock';
import { CandidatePool, decide } from '../../dispatcher/dispatch/decide';
import type {
  CandidateTechnician,
  DepotStock,
  DispatchDecision,
  RankedCandidate
} from '../../dispatcher/dispatch/types';
import { canSeeRegion, type Principal } from '../auth/scope';
import type { Bus } from '../bus';
import { HttpError } from '../http/errors';
import type { Fleet } from './fleet';
import { isUniqueViolation } from './assignments';
import { policyFor, toCandidate, toDispatchOrder } from './dispatch-inputs';
import type { RegionPolicies } from './region-policies';
import { toOrderSummary } from './work-order-view';

export const SWEEP_MS = 15_000;
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
  byId: Map<string, CandidateTechnician>;
  depots: DepotStock[];
}

export class DispatchService {
  readonly #regions: RegionPolicies;
  #timer: NodeJS.Timeout | undefined;
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
    private readonly clock: Clock,
    private readonly log: Logger
  ) {
    this.#regions = regions;
  }

  start(): void {
    this.#timer = setInterval(() => this.requestSweep(), SWEEP_MS);
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }

  /** Asks for a sweep; sweeps never overlap, and requests during one fold into one more after it. */
  requestSweep(): void {
    if (this.#again) return;
    this.#again = true;
    this.#running = this.#running.then(async () => {
      this.#again = false;
      await this.sweep().catch((err: unknown) => this.log.warn({ err }, 'dispatch sweep failed'));
    });
  }

  whyUnplaced(orderId: string): string | undefined {
    return this.#unplaced.get(orderId);
  }

  /** Tries every waiting, unlocked order, oldest first. Returns how many were assigned. */
  async sweep(): Promise<number> {
    const waiting = await listWaitingOrders(this.db, SWEEP_BATCH);
    if (waiting.length === 0) return 0;
    const inputs = await this.#inputs(waiting);
    let assigned = 0;
    for (const order of waiting) if (await this.#dispatch(order, inputs)) assigned++;
    return assigned;
  }

  async candidates(user: Principal, orderId: string): Promise<CandidateView[]> {
    const row = await findWorkOrder(this.db, { id: orderId });
    if (!row) throw new HttpError(404, 'not_found', 'no such work order');
    if (!canSeeRegion(user, row.order.regionId, this.allRegionIds))
      throw new HttpError(403, 'forbidden', 'this work order is outside your regions');
    const decision = this.#decide(row.order, await this.#inputs([row.order]));
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
    const skus = [...new Set(orders.flatMap((o) => o.parts.map((p) => p.sku)))];
    const depots = new Map<string, DepotStock & { available: Record<string, number> }>();
    for (const s of await availableStock(this.db, skus)) {
      let d = depots.get(s.depotId);
      if (!d) {
        d = { depotId: s.depotId, regionId: s.regionId, location: { lng: s.lng, lat: s.lat }, available: {} };
        depots.set(s.depotId, d);
      }
      d.available[s.sku] = s.available;
    }
    return {
      pool: new CandidatePool(candidates),
      byId: new Map(candidates.map((c) => [c.id, c])),
      depots: [...depots.values()]
    };
  }

  #decide(order: WorkOrderRow, inputs: Inputs): DispatchDecision {
    return decide(
      toDispatchOrder(order),
      inputs.pool,
      policyFor(this.#regions.get(order.regionId)),
      inputs.depots,
      this.clock.now()
    );
  }

  async #dispatch(order: WorkOrderRow, inputs: Inputs): Promise<boolean> {
    const decision = this.#decide(order, inputs);
    if (decision.type === 'no-candidate') {
      this.#unplaced.set(order.id, decision.reason);
      return false;
    }
    if (decision.type === 'offered') {
      // Offer mode needs the technician's phone page to answer; until then regions run in assign mode.
      this.log.warn({ orderId: order.id }, 'offer mode is not available yet');
      return false;
    }
    const at = this.clock.now();
    const events: DomainEventInput[] = [];
    let updated: WorkOrderRow | undefined;
    try {
      updated = await this.db.transaction(async (tx) => {
        const best = decision.ranked[0];
        const next = await reassignOrder(
          tx,
          {
            orderId: order.id,
            expectedVersion: order.version,
            status: 'assigned',
            assignedTechnicianId: decision.technicianId,
            locked: false,
            at
          },
          {
            technicianId: decision.technicianId,
            kind: 'auto',
            reason: `auto-dispatch, score ${best?.score.toFixed(3) ?? '?'}`,
            actor: ACTOR,
            violations: []
          }
        );
        if (!next) return undefined;
        const left = await reservePicks(tx, order.id, decision.parts.picks);
        events.push({
          type: 'order.assigned',
          aggregateType: 'work_order',
          aggregateId: order.id,
          actor: ACTOR,
          payload: {
            before: { status: order.status, technicianId: null, version: order.version },
            after: { status: next.status, technicianId: decision.technicianId, version: next.version },
            reason: 'auto-dispatch',
            crossRegion: decision.crossRegion,
            ranked: decision.ranked.slice(0, 5),
            parts: decision.parts
          }
        });
        for (const s of left.filter((l) => l.available < l.safetyLevel))
          events.push({
            type: 'stock.below_safety',
            aggregateType: 'depot',
            aggregateId: s.depotId,
            actor: ACTOR,
            payload: { before: null, after: s, reason: `reserved for order ${order.id}` }
          });
        await appendEvents(tx, events);
        return next;
      });
    } catch (err) {
      // Stock or the order moved under us: the next sweep decides again on fresh data.
      if (err instanceof StockShortError || isUniqueViolation(err)) return false;
      throw err;
    }
    if (!updated) return false;
    this.#unplaced.delete(order.id);
    const chosen = inputs.byId.get(decision.technicianId);
    if (chosen) {
      chosen.openOrders += 1;
      // The pool packs each technician's load when built: a new one sees this assignment.
      inputs.pool = new CandidatePool([...inputs.byId.values()]);
    }
    for (const p of decision.parts.picks) {
      const depot = inputs.depots.find((d) => d.depotId === p.depotId);
      if (depot) (depot.available as Record<string, number>)[p.sku] = (depot.available[p.sku] ?? 0) - p.qty;
    }
    this.bus.publish('order:updated', toOrderSummary(updated));
    return true;
  }
}
