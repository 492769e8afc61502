// Intake and reads of work orders: validate, place in a region, call the rules, store order + event together.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  appendEvents,
  findWorkOrder,
  findWorkOrdersByKeys,
  insertWorkOrders,
  type NewWorkOrderWithCustomer,
  listWorkOrders,
  type Database,
  type WorkOrderRow,
  type WorkOrderWithCustomer
} from '../../db';
import type { Clock } from '../../dispatcher/clock';
import type { RedAlert } from '../../dispatcher/sla/red-alert';
import { intake, type IntakeDecision } from '../../dispatcher/work-order/intake';
import { canSeeRegion, type Principal } from '../auth/scope';
import type { Bus } from '../bus';
import { HttpError } from '../http/errors';
import { regionsToList } from '../http/region-query';
import type { CreateWorkOrderInput } from '../schemas/work-order';
import type { SlaEngine } from '../sla/engine';
import type { SlaEffects } from '../sla/store';
import { isUniqueViolation } from './assignments';
import { toOrderSummary } from './work-order-view';

export interface RegionLookup {
  lookup(lng: number, lat: number): string | null;
}

/** The city an order is counted in (geo/city-index.ts): the nearest of its region. */
export interface CityLookup {
  nearest(lng: number, lat: number, regionId: string): string | null;
}

/** Who acts: a signed-in user, or the system itself (the simulator, a sweep). */
export type Actor = { kind: 'user'; user: Principal } | { kind: 'system'; name: string };

const actorName = (a: Actor) => (a.kind === 'user' ? `user:${a.user.username}` : `system:${a.name}`);

const CREATORS = new Set(['admin', 'dispatcher', 'regional_manager']);

export interface NewOrderItem {
  input: CreateWorkOrderInput;
  idempotencyKey?: string | undefined;
}

interface Prepared {
  key: string | undefined;
  requestHash: string;
  event: IntakeDecision['event'];
  redAlert: RedAlert | null;
  row: NewWorkOrderWithCustomer;
}

export interface CreateResult {
  order: WorkOrderWithCustomer;
  replayed: boolean;
}

export interface WorkOrderPage {
  items: WorkOrderWithCustomer[];
  nextCursor: string | null;
}

function encodeCursor(row: WorkOrderWithCustomer): string {
  return Buffer.from(`${row.order.createdAt.toISOString()}|${row.order.id}`).toString('base64url');
}

const CursorSchema = z.tuple([z.iso.datetime(), z.uuid()]);

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const parsed = CursorSchema.safeParse(Buffer.from(cursor, 'base64url').toString().split('|'));
  if (!parsed.success)
    throw new HttpError(422, 'validation_failed', 'invalid cursor', [
      { path: 'cursor', message: 'not a cursor' }
    ]);
  return { createdAt: new Date(parsed.data[0]), id: parsed.data[1] };
}

export class WorkOrderService {
  constructor(
    private readonly db: Database,
    private readonly regions: RegionLookup,
    private readonly cities: CityLookup,
    private readonly allRegionIds: readonly string[],
    private readonly bus: Bus,
    private readonly clock: Clock,
    private readonly sla: SlaEngine
  ) {}

  async create(actor: Actor, input: CreateWorkOrderInput, idempotencyKey?: string): Promise<CreateResult> {
    const [result] = await this.createMany(actor, [{ input, idempotencyKey }]);
    if (!result) throw new Error('createMany answered nothing for one order');
    return result;
  }

  /**
   * Several orders in one transaction, as e-commerce platforms push them in bursts: each is checked, keyed
   * and replayed exactly as `create` does, and any refusal refuses them all (naming the order: `orders.3.…`),
   * so nothing is half-written. Answers in the order given.
   */
  async createMany(actor: Actor, items: readonly NewOrderItem[]): Promise<CreateResult[]> {
    if (actor.kind === 'user' && !CREATORS.has(actor.user.role))
      throw new HttpError(403, 'forbidden', 'this role cannot create work orders');
    const prepared = items.map((item, i) =>
      this.#prepare(actor, item, items.length > 1 ? `orders.${i}.` : '')
    );
    const existing = await findWorkOrdersByKeys(
      this.db,
      prepared.flatMap((p) => (p.key ? [p.key] : []))
    );
    const results = prepared.map((p) => {
      const stored = p.key ? existing.get(p.key) : undefined;
      return stored ? this.#replay(stored, p.requestHash) : undefined;
    });
    const fresh = prepared.filter((_, i) => results[i] === undefined);
    const at = this.clock.now();
    let created: { rows: WorkOrderWithCustomer[]; sla: SlaEffects };
    try {
      created = await this.db.transaction(async (tx) => {
        const rows = await insertWorkOrders(
          tx,
          fresh.map((p) => p.row)
        );
        await appendEvents(
          tx,
          rows.map((row, i) => ({ ...(fresh[i] as Prepared).event, aggregateId: row.order.id }))
        );
        const sla = await this.sla.startOrders(
          tx,
          rows.map((row, i) => ({ order: row.order, redAlert: (fresh[i] as Prepared).redAlert })),
          actorName(actor),
          at
        );
        return { rows, sla };
      });
    } catch (err) {
      // Two requests with one key raced. One order: the loser answers with the winner's. Several: each
      // again on its own, so each loser finds its winner and the others are created.
      if (fresh.length > 1 && isUniqueViolation(err))
        return Promise.all(items.map((item) => this.create(actor, item.input, item.idempotencyKey)));
      const key = fresh[0]?.key;
      const winner = key ? await findWorkOrder(this.db, { idempotencyKey: key }) : undefined;
      if (fresh.length === 1 && winner) return [this.#replay(winner, fresh[0]?.requestHash ?? '')];
      throw err;
    }
    for (const row of created.rows) this.bus.publish('order:created', toOrderSummary(row.order));
    this.sla.publish(created.sla);
    let next = 0;
    return results.map((r) => r ?? { order: created.rows[next++] as WorkOrderWithCustomer, replayed: false });
  }

  /** Where the order belongs, whether the actor may put it there, and the rows and event to store. */
  #prepare(actor: Actor, { input, idempotencyKey }: NewOrderItem, path: string): Prepared {
    const { lng, lat } = input.customer.location;
    const regionId = this.regions.lookup(lng, lat);
    if (!regionId)
      throw new HttpError(422, 'outside_service_area', 'the customer location is in no service region', [
        { path: `${path}customer.location`, message: 'outside every service region' }
      ]);
    if (actor.kind === 'user' && !canSeeRegion(actor.user, regionId, this.allRegionIds))
      throw new HttpError(403, 'forbidden', `region ${regionId} is outside your regions`);
    const cityId = this.cities.nearest(lng, lat, regionId);
    // Every region has cities (its polygon is made of their cells): none means the data is broken.
    if (!cityId) throw new Error(`region ${regionId} has no cities`);
    const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
    // Keys are each caller's own: two integrators may both send "order-1".
    const key = idempotencyKey ? `${actorName(actor)}:${idempotencyKey}` : undefined;
    // A red-alert keyword makes the order critical from the first moment.
    const redAlert = this.sla.redAlertOf(input);
    const priority = redAlert?.priority ?? input.priority;
    const { status, event } = intake({ channel: input.channel, priority, regionId }, actorName(actor));
    const { name, phone, address } = input.customer;
    return {
      key,
      requestHash,
      event,
      redAlert,
      row: {
        customer: { name, phone, address, lng, lat },
        order: {
          channel: input.channel,
          serviceType: input.serviceType,
          priority,
          status,
          regionId,
          cityId,
          lng,
          lat,
          templateId: input.templateId ?? null,
          description: input.description,
          fields: input.fields,
          parts: input.parts,
          idempotencyKey: key ?? null,
          requestHash
        }
      }
    };
  }

  #replay(existing: WorkOrderWithCustomer, requestHash: string): CreateResult {
    if (existing.order.requestHash !== requestHash)
      throw new HttpError(
        409,
        'idempotency_key_reused',
        'this Idempotency-Key was used with a different body'
      );
    return { order: existing, replayed: true };
  }

  async get(user: Principal, id: string): Promise<WorkOrderWithCustomer> {
    const row = await findWorkOrder(this.db, { id });
    if (!row) throw new HttpError(404, 'not_found', 'no such work order');
    if (!this.canSee(user, row.order))
      throw new HttpError(403, 'forbidden', 'this work order is outside your regions');
    return row;
  }

  /** Technicians see the orders they hold; everyone else the orders of their regions. */
  canSee(user: Principal, order: WorkOrderRow): boolean {
    const own = user.technicianId !== null && order.assignedTechnicianId === user.technicianId;
    return own || canSeeRegion(user, order.regionId, this.allRegionIds);
  }

  async list(
    user: Principal,
    q: { status?: string; regionId?: string; limit: number; cursor?: string }
  ): Promise<WorkOrderPage> {
    const regionIds = regionsToList(user, q.regionId, this.allRegionIds);
    const scope = user.role === 'technician' ? { technicianId: user.technicianId ?? '' } : { regionIds };
    const items = await listWorkOrders(this.db, {
      scope,
      status: q.status,
      limit: q.limit + 1,
      after: q.cursor ? decodeCursor(q.cursor) : undefined
    });
    const page = items.slice(0, q.limit);
    const last = page.at(-1);
    return { items: page, nextCursor: items.length > q.limit && last ? encodeCursor(last) : null };
  }
}
