// Intake and reads of work orders: validate, place in a region, call the rules, store order + event together.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  appendEvents,
  findWorkOrder,
  insertWorkOrder,
  listWorkOrders,
  type Database,
  type WorkOrderRow,
  type WorkOrderWithCustomer
} from '../../db';
import type { Clock } from '../../dispatcher/clock';
import { intake } from '../../dispatcher/work-order/intake';
import { canSeeRegion, type Principal } from '../auth/scope';
import type { Bus } from '../bus';
import { HttpError } from '../http/errors';
import { regionsToList } from '../http/region-query';
import type { CreateWorkOrderInput } from '../schemas/work-order';
import type { SlaEngine } from '../sla/engine';
import type { SlaEffects } from '../sla/store';
import { toOrderSummary } from './work-order-view';

export interface RegionLookup {
  lookup(lng: number, lat: number): string | null;
}

/** Who acts: a signed-in user, or the system itself (the simulator, a sweep). */
export type Actor = { kind: 'user'; user: Principal } | { kind: 'system'; name: string };

const actorName = (a: Actor) => (a.kind === 'user' ? `user:${a.user.username}` : `system:${a.name}`);

const CREATORS = new Set(['admin', 'dispatcher', 'regional_manager']);

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
    private readonly allRegionIds: readonly string[],
    private readonly bus: Bus,
    private readonly clock: Clock,
    private readonly sla: SlaEngine
  ) {}

  async create(actor: Actor, input: CreateWorkOrderInput, idempotencyKey?: string): Promise<CreateResult> {
    if (actor.kind === 'user' && !CREATORS.has(actor.user.role))
      throw new HttpError(403, 'forbidden', 'this role cannot create work orders');
    const { lng, lat } = input.customer.location;
    const regionId = this.regions.lookup(lng, lat);
    if (!regionId)
      throw new HttpError(422, 'outside_service_area', 'the customer location is in no service region', [
        { path: 'customer.location', message: 'outside every service region' }
      ]);
    if (actor.kind === 'user' && !canSeeRegion(actor.user, regionId, this.allRegionIds))
      throw new HttpError(403, 'forbidden', `region ${regionId} is outside your regions`);
    const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
    // Keys are each caller's own: two integrators may both send "order-1".
    const scopedKey = idempotencyKey ? `${actorName(actor)}:${idempotencyKey}` : undefined;
    if (scopedKey) {
      const existing = await findWorkOrder(this.db, { idempotencyKey: scopedKey });
      if (existing) return this.#replay(existing, requestHash);
    }

    // A red-alert keyword makes the order critical from the first moment.
    const redAlert = this.sla.redAlertOf(input);
    const priority = redAlert?.priority ?? input.priority;
    const decision = intake({ channel: input.channel, priority, regionId }, actorName(actor));
    const at = this.clock.now();
    let created: { row: WorkOrderWithCustomer; effects: SlaEffects };
    try {
      created = await this.db.transaction(async (tx) => {
        const row = await insertWorkOrder(
          tx,
          {
            name: input.customer.name,
            phone: input.customer.phone,
            address: input.customer.address,
            lng,
            lat
          },
          {
            channel: input.channel,
            serviceType: input.serviceType,
            priority,
            status: decision.status,
            regionId,
            lng,
            lat,
            templateId: input.templateId ?? null,
            description: input.description,
            fields: input.fields,
            parts: input.parts,
            idempotencyKey: scopedKey ?? null,
            requestHash
          }
        );
        await appendEvents(tx, [{ ...decision.event, aggregateId: row.order.id }]);
        return { row, effects: await this.sla.startOrder(tx, row.order, redAlert, actorName(actor), at) };
      });
    } catch (err) {
      // Two requests with one key raced: the loser answers with the winner's order.
      const existing = scopedKey ? await findWorkOrder(this.db, { idempotencyKey: scopedKey }) : undefined;
      if (existing) return this.#replay(existing, requestHash);
      throw err;
    }
    this.bus.publish('order:created', toOrderSummary(created.row.order));
    this.sla.publish(created.effects);
    return { order: created.row, replayed: false };
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
