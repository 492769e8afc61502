import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reservePicks, schema, type DatabaseHandle } from '../../db';
import type { DepotList } from '../../realtime/contract';
import type { DepotAlert } from '../../realtime/events';
import { stockAlerts } from '../../realtime/services/stock-alerts';
import { login, seed, startServer, type TestServer } from '../support/app';
import { backends } from '../support/backends';
import { connect, connected, until, type TestSocket } from '../support/sockets';

describe.each(backends('the depot tests'))('depots and their stock alerts on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let server: TestServer;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    ({ handle, cleanup } = await open());
    await seed(handle);
    server = await startServer(handle);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await server.close();
    await cleanup();
  });

  const get = async (path: string, username: string) => {
    const res = await fetch(`${server.base}/api${path}`, {
      headers: { cookie: await login(server.base, username) }
    });
    return { status: res.status, body: (await res.json()) as DepotList & { error?: { code: string } } };
  };
  const depotIn = async (cityId: string) => {
    const [depot] = await handle.db.select().from(schema.depots).where(eq(schema.depots.cityId, cityId));
    if (!depot) throw new Error(`no depot in ${cityId}`);
    return depot;
  };
  /** Gives a depot a known stock: every line comfortably stocked except the ones listed. */
  const setStock = async (
    depotId: string,
    low: { sku: string; onHand: number; reserved: number; safety: number }[]
  ) => {
    await handle.db
      .update(schema.depotStock)
      .set({ onHand: 50, reserved: 0, safetyLevel: 5 })
      .where(eq(schema.depotStock.depotId, depotId));
    for (const l of low)
      await handle.db
        .update(schema.depotStock)
        .set({ onHand: l.onHand, reserved: l.reserved, safetyLevel: l.safety })
        .where(and(eq(schema.depotStock.depotId, depotId), eq(schema.depotStock.sku, l.sku)));
  };
  const skusOf = async (depotId: string) =>
    (await handle.db.select().from(schema.depotStock).where(eq(schema.depotStock.depotId, depotId))).map(
      (s) => s.sku
    );

  it('lists every depot with where it is and the lines under their safety level, worst first', async () => {
    const depot = await depotIn('shanghai');
    const [a, b, c] = await skusOf(depot.id);
    if (!a || !b || !c) throw new Error('the Shanghai depot stocks fewer than three parts');
    await setStock(depot.id, [
      { sku: a, onHand: 6, reserved: 2, safety: 5 }, // 4 available: short by 1
      { sku: b, onHand: 9, reserved: 9, safety: 3 }, // nothing available: short by 3
      { sku: c, onHand: 7, reserved: 2, safety: 5 } // exactly at safety: fine
    ]);

    const { status, body } = await get('/depots', 'admin');
    expect(status).toBe(200);
    expect(body.items).toHaveLength(await handle.db.$count(schema.depots));
    expect(Number.isNaN(Date.parse(body.at))).toBe(false);
    expect(body.items.find((d) => d.id === depot.id)).toEqual({
      id: depot.id,
      name: depot.name,
      regionId: 'east',
      location: { lng: depot.lng, lat: depot.lat },
      lowStockCount: 2,
      lowStock: [
        { sku: b, available: 0, safetyLevel: 3 },
        { sku: a, available: 4, safetyLevel: 5 }
      ]
    });
  });

  it('shows a depot whose stock is all above safety as healthy', async () => {
    const depot = await depotIn('hangzhou');
    await setStock(depot.id, []);
    const { body } = await get('/depots?regionId=east', 'admin');
    expect(body.items.find((d) => d.id === depot.id)).toMatchObject({ lowStockCount: 0, lowStock: [] });
  });

  it('counts a line a reservation pushed under safety, and alerts the depot’s region about it', async () => {
    const depot = await depotIn('nanjing');
    const [sku] = await skusOf(depot.id);
    if (!sku) throw new Error('the Nanjing depot stocks nothing');
    await setStock(depot.id, [{ sku, onHand: 6, reserved: 0, safety: 5 }]);
    const { order } = await server.app.orders.create(
      { kind: 'system', name: 'test' },
      {
        channel: 'api',
        serviceType: 'general_repair',
        priority: 'normal',
        description: '更换配件',
        customer: {
          name: '赵六',
          phone: '13600136000',
          address: '南京',
          location: { lng: depot.lng, lat: depot.lat }
        },
        parts: [{ sku, qty: 2 }],
        fields: {}
      }
    );
    const at = new Date();
    const left = await handle.db.transaction((tx) =>
      reservePicks(tx, order.order.id, [{ depotId: depot.id, sku, qty: 2 }])
    );
    expect(stockAlerts(left, { orderId: order.order.id, actor: 'system:test', at }).alerts).toEqual([
      { depotId: depot.id, regionId: 'east', sku, available: 4, safetyLevel: 5, at: at.toISOString() }
    ]);
    const { body } = await get('/depots?regionId=east', 'dispatch.east');
    expect(body.items.find((d) => d.id === depot.id)?.lowStock).toEqual([
      { sku, available: 4, safetyLevel: 5 }
    ]);
  });

  it('shows a dispatcher of east only the depots of east, and refuses north with 403', async () => {
    const { body } = await get('/depots', 'dispatch.east');
    expect(body.items.length).toBe(await handle.db.$count(schema.depots, eq(schema.depots.regionId, 'east')));
    expect(new Set(body.items.map((d) => d.regionId))).toEqual(new Set(['east']));
    const north = await get('/depots?regionId=north', 'dispatch.east');
    expect(north.status).toBe(403);
    expect(north.body.error?.code).toBe('forbidden');
  });

  it.each(['finance', 'exec'])('shows %s the depots of every region', async (username) => {
    const { status, body } = await get('/depots', username);
    expect(status).toBe(200);
    expect(new Set(body.items.map((d) => d.regionId)).size).toBe(7);
  });

  it('shows a technician no depots on this map', async () => {
    const { status, body } = await get('/depots', 'tech.0001');
    expect(status).toBe(200);
    expect(body.items).toEqual([]);
  });

  it('sends a depot alert to the walls of the depot’s region and to nobody else', async () => {
    const open = async (username: string) => {
      const s = connect(server.base, await login(server.base, username));
      sockets.push(s);
      const alerts: DepotAlert[] = [];
      s.on('depot:alert', (a) => alerts.push(a));
      await connected(s);
      return alerts;
    };
    const [east, north, admin] = await Promise.all([
      open('manager.east'),
      open('manager.north'),
      open('admin')
    ]);
    const alert = (depotId: string, regionId: string): DepotAlert => ({
      depotId,
      regionId,
      sku: '空调-1A',
      available: 1,
      safetyLevel: 5,
      at: new Date().toISOString()
    });
    const inEast = alert('D-shanghai-1', 'east');
    const inNorth = alert('D-beijing-1', 'north');
    server.app.bus.publish('depot:alert', inEast);
    server.app.bus.publish('depot:alert', inNorth);

    // One socket gets its messages in order: once north has the later alert, it would have had the earlier.
    await until(() => east.length > 0 && north.length > 0 && admin.length === 2, 'the alerts');
    expect(east).toEqual([inEast]);
    expect(north).toEqual([inNorth]);
    expect(admin).toEqual([inEast, inNorth]);
  });
});
