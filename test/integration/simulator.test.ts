import { and, eq, inArray } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, schema, type DatabaseHandle } from '../../db';
import { Simulator } from '../../realtime/simulator/simulator';
import { seed, startServer, TEST_NOW, type TestServer } from '../support/app';
import { orderTools } from '../support/orders';

const GUANGZHOU = { lng: 113.26, lat: 23.13 };

describe('the simulated technicians', () => {
  let handle: DatabaseHandle;
  let server: TestServer;

  beforeAll(async () => {
    handle = await seed(await openDatabase({}));
    server = await startServer(handle);
  });
  afterAll(async () => {
    await server.close();
    await handle.close();
  });

  it('answer offers as phone users would: most accept, some decline, the rest stay silent', async () => {
    const { app } = server;
    const simulator = new Simulator({
      fleet: app.fleet,
      orders: app.orders,
      workflow: app.workflow,
      bus: app.bus,
      log: pino({ level: 'silent' }),
      clock: { now: () => TEST_NOW },
      speed: 1,
      ordersPerMinute: 0,
      // Ticks are driven by the test.
      tickMs: 1e9
    });
    simulator.start();
    const tools = orderTools(
      () => handle,
      () => server
    );
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const location = { lng: GUANGZHOU.lng + (i % 5) * 0.02, lat: GUANGZHOU.lat + Math.floor(i / 5) * 0.02 };
      const created = await tools.create({
        serviceType: 'general_repair',
        customer: { name: '孙八', phone: '13800138000', address: '广州', location }
      });
      ids.push(created.id);
    }
    // South China runs in offer mode in the demo company.
    await app.dispatch.sweep();
    const offered = await handle.db
      .select()
      .from(schema.workOrders)
      .where(and(inArray(schema.workOrders.id, ids), eq(schema.workOrders.status, 'offered')));
    expect(offered.length).toBeGreaterThan(20);

    await simulator.tick(1);
    await simulator.stop();
    const after = await handle.db
      .select({ id: schema.workOrders.id, status: schema.workOrders.status })
      .from(schema.workOrders)
      .where(
        inArray(
          schema.workOrders.id,
          offered.map((o) => o.id)
        )
      );
    const count = (statuses: string[]) => after.filter((o) => statuses.includes(o.status)).length;
    expect(count(['accepted', 'en_route'])).toBeGreaterThan(offered.length / 2);
    expect(count(['created'])).toBeGreaterThan(0);
    expect(count(['accepted', 'en_route', 'created', 'offered'])).toBe(offered.length);
    const declines = await handle.db
      .select()
      .from(schema.assignments)
      .where(
        and(inArray(schema.assignments.workOrderId, ids), eq(schema.assignments.endedReason, 'declined'))
      );
    expect(declines).toHaveLength(count(['created']));
  });
});
