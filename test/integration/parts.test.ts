import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema, type DatabaseHandle } from '../../db';
import type { SettlementView, TransferView } from '../../realtime/contract';
import { login, seed, startServer, type TestServer } from '../support/app';
import { backends } from '../support/backends';
import { orderTools, stockedIn } from '../support/orders';

describe.each(backends('the parts tests'))('parts for assignments on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let server: TestServer;
  let dispatcher: string;
  let tools: ReturnType<typeof orderTools>;

  beforeAll(async () => {
    ({ handle, cleanup } = await open());
    await seed(handle);
    server = await startServer(handle);
    tools = orderTools(
      () => handle,
      () => server
    );
    dispatcher = await login(server.base, 'dispatch.east');
  });
  afterAll(async () => {
    await server.close();
    await cleanup();
  });

  const stock = async (depotId: string, sku: string) =>
    (
      await handle.db
        .select()
        .from(schema.depotStock)
        .where(and(eq(schema.depotStock.depotId, depotId), eq(schema.depotStock.sku, sku)))
    )[0];
  const shanghaiStock = () => stockedIn(handle, 'shanghai', 3);
  /** An order for one part stocked in Shanghai, assigned by the dispatcher to the first east technician. */
  const assignedOrder = async () => {
    const { sku } = await shanghaiStock();
    const created = await tools.create({ serviceType: 'general_repair', parts: [{ sku, qty: 1 }] });
    const [tech] = eastTechnicians();
    const a = await tools.api(dispatcher, 'PUT', `/work-orders/${created.id}/assignment`, {
      technicianId: tech,
      expectedVersion: 1,
      reason: '主管指派',
      confirmViolations: true
    });
    expect(a.status).toBe(200);
    return { created, tech };
  };
  const eastTechnicians = () =>
    server.app.fleet
      .inRegions(['east'])
      .filter((t) => t.status !== 'offline')
      .map((t) => t.id);

  it('reserves the parts for the technician a supervisor picks, and moves them with a reassignment', async () => {
    const { depotId, sku } = await shanghaiStock();
    const before = (await stock(depotId, sku))?.reserved ?? 0;
    const created = await tools.create({ serviceType: 'general_repair', parts: [{ sku, qty: 2 }] });
    const [first, second] = eastTechnicians();
    const assign = (technicianId: string | undefined, version: number) =>
      tools.api(dispatcher, 'PUT', `/work-orders/${created.id}/assignment`, {
        technicianId,
        expectedVersion: version,
        reason: '主管指派',
        confirmViolations: true
      });
    const a = await assign(first, 1);
    expect(a.status).toBe(200);
    expect((await stock(depotId, sku))?.reserved).toBe(before + 2);
    const b = await assign(second, a.body.version as number);
    expect(b.status).toBe(200);
    // Released for the first, held again for the second: never twice.
    expect((await stock(depotId, sku))?.reserved).toBe(before + 2);
    const reservations = await handle.db
      .select()
      .from(schema.reservations)
      .where(and(eq(schema.reservations.workOrderId, created.id), eq(schema.reservations.active, true)));
    expect(reservations.map((r) => r.qty)).toEqual([2]);
    const u = await tools.api(dispatcher, 'DELETE', `/work-orders/${created.id}/assignment`, {
      expectedVersion: b.body.version,
      reason: '退回'
    });
    expect(u.status).toBe(200);
    expect((await stock(depotId, sku))?.reserved).toBe(before);
  });

  it('proposes a transfer when no depot within reach has the part; a supervisor of both regions confirms it once, reserving it at the shipping depot', async () => {
    // One SKU that only a depot in Urumqi holds: nothing within 200 km of Shanghai has it.
    const [far] = await handle.db
      .select()
      .from(schema.depots)
      .where(eq(schema.depots.cityId, 'wulumuqi'))
      .limit(1);
    if (!far) throw new Error('no depot in Urumqi');
    const [part] = await handle.db.select().from(schema.parts).limit(1);
    if (!part) throw new Error('no parts');
    await handle.db
      .update(schema.depotStock)
      .set({ onHand: 0 })
      .where(and(eq(schema.depotStock.sku, part.sku), ne(schema.depotStock.depotId, far.id)));
    await handle.db
      .insert(schema.depotStock)
      .values({ depotId: far.id, sku: part.sku, onHand: 4, reserved: 0, safetyLevel: 4 })
      .onConflictDoUpdate({
        target: [schema.depotStock.depotId, schema.depotStock.sku],
        set: { onHand: 4, reserved: 0, safetyLevel: 4 }
      });

    const created = await tools.create({ serviceType: 'general_repair', parts: [{ sku: part.sku, qty: 1 }] });
    await server.app.dispatch.sweep();
    const detail = await tools.api(dispatcher, 'GET', `/work-orders/${created.id}`);
    expect(detail.body.status).toBe('assigned');
    const [proposed] = detail.body.transfers as TransferView[];
    expect(proposed).toMatchObject({ fromDepotId: far.id, sku: part.sku, qty: 1, status: 'proposed' });
    expect(proposed?.distanceKm).toBeGreaterThan(2000);
    expect(proposed?.etaHours).toBeGreaterThan(0);
    expect((await stock(far.id, part.sku))?.reserved).toBe(0);
    const partLines = async () =>
      (
        (await tools.api(dispatcher, 'GET', `/work-orders/${created.id}`)).body.settlement as SettlementView
      ).lines
        .filter((l) => l.key === 'parts')
        .map((l) => l.amount);
    // Nothing held yet, nothing charged.
    expect(await partLines()).toEqual([]);

    const path = `/work-orders/${created.id}/transfers/${proposed?.id}/confirmation`;
    const north = await login(server.base, 'manager.north');
    expect((await tools.api(north, 'POST', path, {})).status).toBe(403);
    expect(
      (await tools.api(dispatcher, 'POST', `/work-orders/${created.id}/transfers/nope/confirmation`, {}))
        .status
    ).toBe(404);
    expect((await tools.api(dispatcher, 'POST', path, { reason: 1 })).status).toBe(422);

    // The east dispatcher sees the order but not Urumqi's depot, whose stock the confirmation would take.
    const outside = await tools.api(dispatcher, 'POST', path, { reason: '客户同意等待' });
    expect(outside.status).toBe(403);
    expect((outside.body.error as { message: string }).message).toContain(far.regionId);
    expect((await stock(far.id, part.sku))?.reserved).toBe(0);

    // Confirmed, it behaves as an assignment's reservation: the line fell under its safety level, and the
    // order's watchers and the depot's region hear of it.
    const heard: string[] = [];
    const offs = [
      server.app.bus.on('order:updated', (o) => heard.push(`order:${o.id}`)),
      server.app.bus.on('depot:alert', (a) => heard.push(`alert:${a.depotId}:${a.sku}:${a.available}`))
    ];
    const admin = await login(server.base, 'admin');
    const confirmed = await tools.api(admin, 'POST', path, { reason: '客户同意等待' });
    for (const off of offs) off();
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', decidedBy: 'user:admin' });
    expect((await stock(far.id, part.sku))?.reserved).toBe(1);
    // Held now, the part is charged on the order's price at cost.
    expect(await partLines()).toEqual([part.unitCostFen]);
    expect(heard.sort()).toEqual([`alert:${far.id}:${part.sku}:3`, `order:${created.id}`]);
    const below = await handle.db
      .select()
      .from(schema.events)
      .where(and(eq(schema.events.type, 'stock.below_safety'), eq(schema.events.aggregateId, far.id)));
    expect(below.map((e) => (e.payload as { reason: string }).reason)).toContain(
      `reserved for order ${created.id}`
    );
    const again = await tools.api(admin, 'POST', path, {});
    expect(again.status).toBe(409);
    expect((again.body.error as { code: string }).code).toBe('transfer_not_proposed');
    expect((await stock(far.id, part.sku))?.reserved).toBe(1);

    // Unassigned, the order gives the shipment back: the next assignee gets a plan of their own.
    const current = await tools.order(created.id);
    await tools.api(dispatcher, 'DELETE', `/work-orders/${created.id}/assignment`, {
      expectedVersion: current?.version,
      reason: '改派',
      lock: true
    });
    expect((await stock(far.id, part.sku))?.reserved).toBe(0);
    const after = await tools.api(dispatcher, 'GET', `/work-orders/${created.id}`);
    expect((after.body.transfers as TransferView[]).map((t) => t.status)).toEqual(['withdrawn']);
  });

  it('takes the parts out of stock when the job is completed, and a reopened order does not give them back', async () => {
    const { created } = await assignedOrder();
    const [held] = await handle.db
      .select()
      .from(schema.reservations)
      .where(and(eq(schema.reservations.workOrderId, created.id), eq(schema.reservations.active, true)));
    if (!held) throw new Error('nothing reserved');
    const before = await stock(held.depotId, held.sku);
    const system = { kind: 'system' as const, name: 'test' };
    for (const action of ['accept', 'depart', 'arrive', 'complete'] as const)
      await server.app.workflow.act(system, created.id, action, '');
    const used = { onHand: (before?.onHand ?? 0) - 1, reserved: (before?.reserved ?? 0) - 1 };
    expect(await stock(held.depotId, held.sku)).toMatchObject(used);
    await server.app.workflow.act(system, created.id, 'reopen', '返工');
    expect(await stock(held.depotId, held.sku)).toMatchObject(used);
  });

  it('locks an order for the technician who has accepted it without undoing the acceptance or their parts', async () => {
    const { created, tech } = await assignedOrder();
    const accepted = await server.app.workflow.act(
      { kind: 'system', name: 'test' },
      created.id,
      'accept',
      ''
    );
    const held = async () =>
      (
        await handle.db
          .select()
          .from(schema.reservations)
          .where(and(eq(schema.reservations.workOrderId, created.id), eq(schema.reservations.active, true)))
      ).map((r) => r.id);
    const before = await held();
    const locked = await tools.api(dispatcher, 'PUT', `/work-orders/${created.id}/assignment`, {
      technicianId: tech,
      expectedVersion: accepted.version,
      reason: '锁定',
      lock: true
    });
    expect(locked.status).toBe(200);
    expect(locked.body).toMatchObject({ status: 'accepted', technicianId: tech });
    expect((locked.body.assignment as { locked: boolean }).locked).toBe(true);
    expect(await held()).toEqual(before);
  });
});
