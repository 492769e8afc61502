import { Router } from 'express';
import { listEventsFor, listTransfers, type Database, type WorkOrderWithCustomer } from '../../db';
import {
  CreateWorkOrderSchema,
  CreateWorkOrdersSchema,
  IdempotencyKeySchema,
  ListWorkOrdersQuerySchema,
  WorkOrderIdSchema
} from '../schemas/work-order';
import { toOrderSummary, toOrderView } from '../services/work-order-view';
import type { AssignmentService } from '../services/assignments';
import type { DispatchService } from '../services/dispatch';
import type { WorkflowService } from '../services/workflow';
import { TransitionSchema } from '../schemas/transition';
import type { WorkOrderService } from '../services/work-orders';
import type { SettlementService } from '../settlement/settlement-service';
import type { SlaService } from '../sla/sla-service';
import type { Principal } from '../auth/scope';
import { AssignSchema, ConfirmTransferSchema, UnassignSchema } from '../schemas/assignment';
import { toTransferView, type TransferService } from '../services/transfers';
import { HttpError, parseInput } from './errors';
import { authOf, BATCH_BODY_LIMIT, jsonBody, jsonBodyUpTo } from './middleware';

/** Ids are UUIDs: anything else names nothing that exists. */
export const idOf =
  (what: string) =>
  (raw: string | string[] | undefined): string => {
    const id = WorkOrderIdSchema.safeParse(raw);
    if (!id.success) throw new HttpError(404, 'not_found', `no such ${what}`);
    return id.data;
  };
export const orderId = idOf('work order');
const transferId = idOf('transfer');

export function workOrderRoutes(
  orders: WorkOrderService,
  assignments: AssignmentService,
  dispatch: DispatchService,
  workflow: WorkflowService,
  transfers: TransferService,
  db: Database,
  sla: SlaService,
  settlements: SettlementService
): Router {
  const r = Router();
  /** The order as its caller may see it, with its SLA and settlement. */
  const withSla = async (rows: WorkOrderWithCustomer[], user: Principal) => {
    const ids = rows.map((row) => row.order.id);
    const [views, earnings] = await Promise.all([sla.views(ids), settlements.views(user, ids)]);
    return rows.map((row) => ({
      ...toOrderView(row, user),
      sla: views.get(row.order.id) ?? null,
      settlement: earnings.get(row.order.id) ?? null
    }));
  };
  const viewOf = async (user: Principal, id: string) =>
    (await withSla([await orders.get(user, id)], user))[0];
  r.get('/work-orders', async (req, res) => {
    const q = parseInput(ListWorkOrdersQuerySchema, req.query);
    const { user } = authOf(res);
    const page = await orders.list(user, q);
    res.json({ items: await withSla(page.items, user), nextCursor: page.nextCursor });
  });
  r.post('/work-orders', ...jsonBody, async (req, res) => {
    const key = parseInput(IdempotencyKeySchema, req.header('idempotency-key'), ['Idempotency-Key']);
    const input = parseInput(CreateWorkOrderSchema, req.body);
    const { user } = authOf(res);
    const { order, replayed } = await orders.create({ kind: 'user', user }, input, key);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.status(201).json((await withSla([order], user))[0]);
  });
  r.post('/work-orders/batch', ...jsonBodyUpTo(BATCH_BODY_LIMIT), async (req, res) => {
    const key = parseInput(IdempotencyKeySchema, req.header('idempotency-key'), ['Idempotency-Key']);
    const { orders: inputs } = parseInput(CreateWorkOrdersSchema, req.body);
    const { user } = authOf(res);
    // One key for the batch names each order by its place in it: a retried batch replays them all.
    const results = await orders.createMany(
      { kind: 'user', user },
      inputs.map((input, i) => ({ input, idempotencyKey: key ? `${key}/${i}` : undefined }))
    );
    res.status(201).json({
      items: results.map(({ order, replayed }) => ({ order: toOrderView(order, user), replayed }))
    });
  });
  r.get('/work-orders/:id', async (req, res) => {
    const { user } = authOf(res);
    const row = await orders.get(user, orderId(req.params.id));
    const [timeline, parts, [view]] = await Promise.all([
      listEventsFor(db, 'work_order', row.order.id),
      listTransfers(db, row.order.id),
      withSla([row], user)
    ]);
    res.json({
      ...view,
      transfers: parts.map(toTransferView),
      timeline: timeline.map((e) => ({
        id: e.id,
        type: e.type,
        actor: e.actor,
        at: e.at.toISOString(),
        payload: e.payload
      }))
    });
  });
  r.post('/work-orders/:id/transitions', ...jsonBody, async (req, res) => {
    const id = orderId(req.params.id);
    const { action, expectedVersion, reason } = parseInput(TransitionSchema, req.body);
    const { user } = authOf(res);
    const updated = await workflow.act({ kind: 'user', user }, id, action, reason, expectedVersion);
    // A technician who declined no longer holds the order: they hear where it went, not the customer's details.
    if (!orders.canSee(user, updated)) return void res.json(toOrderSummary(updated));
    res.json(await viewOf(user, id));
  });
  r.get('/work-orders/:id/candidates', async (req, res) => {
    const { user } = authOf(res);
    const id = orderId(req.params.id);
    res.json({
      items: await dispatch.candidates(user, id),
      unplacedReason: dispatch.whyUnplaced(id) ?? null
    });
  });
  r.post('/work-orders/:id/transfers/:transferId/confirmation', ...jsonBody, async (req, res) => {
    const id = orderId(req.params.id);
    const { reason } = parseInput(ConfirmTransferSchema, req.body);
    const { user } = authOf(res);
    res.json(await transfers.confirm(user, id, transferId(req.params.transferId), reason));
  });
  r.put('/work-orders/:id/assignment', ...jsonBody, async (req, res) => {
    const id = orderId(req.params.id);
    const input = parseInput(AssignSchema, req.body);
    const { user } = authOf(res);
    await assignments.assign(user, id, input);
    res.json(await viewOf(user, id));
  });
  r.delete('/work-orders/:id/assignment', ...jsonBody, async (req, res) => {
    const id = orderId(req.params.id);
    const input = parseInput(UnassignSchema, req.body);
    const { user } = authOf(res);
    await assignments.unassign(user, id, input);
    res.json(await viewOf(user, id));
  });
  return r;
}
