import { count, eq, inArray, notInArray } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema, type DatabaseHandle } from '../../db';
import { FINISHED_STATUSES } from '../../dispatcher/work-order/status';
import { CITIES } from '../../geo/cities';
import type { HeatmapView } from '../../realtime/heatmap-contract';
import { HttpError } from '../../realtime/http/errors';
import { login, seed, startServer, TEST_NOW, type TestServer } from '../support/app';
import { backends } from '../support/backends';
import { orderInput } from '../support/orders';

/** A period long past: demand in it is exactly the orders still open. */
const PAST = 'from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z';

describe.each(backends('the heatmap tests'))('the demand heatmap on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let server: TestServer;
  const cookies = new Map<string, string>();
  /** The server's clock: the SLA-risk test moves it on. */
  let now = TEST_NOW.getTime();

  beforeAll(async () => {
    ({ handle, cleanup } = await open());
    await seed(handle);
    server = await startServer(handle, { clock: { now: () => new Date(now) } });
  });
  afterAll(async () => {
    await server.close();
    await cleanup();
  });

  const get = async (username: string, query: string) => {
    const cookie = cookies.get(username) ?? (await login(server.base, username));
    cookies.set(username, cookie);
    const res = await fetch(`${server.base}/api/insights/heatmap?${query}`, { headers: { cookie } });
    return {
      status: res.status,
      body: (await res.json()) as HeatmapView & {
        error?: { code: string; layer?: string; fields?: { path: string }[] };
      }
    };
  };
  const view = async (username: string, query: string) => {
    const res = await get(username, query);
    expect(res.status, JSON.stringify(res.body.error)).toBe(200);
    return res.body;
  };

  /** An order near a city (inside the service area, or skipped: the sea is nobody's region). */
  const place = async (cityIndex: number, dLng: number, dLat: number) => {
    const city = CITIES[cityIndex % CITIES.length];
    if (!city) return;
    const location = { lng: city.lng + dLng, lat: city.lat + dLat };
    try {
      await server.app.orders.create(
        { kind: 'system', name: 'test' },
        orderInput({ customer: { name: '钱七', phone: '13700137000', address: '某路 1 号', location } })
      );
    } catch (err) {
      if (!(err instanceof HttpError && err.code === 'outside_service_area')) throw err;
    }
  };
  const openOrders = async () => {
    const [row] = await handle.db
      .select({ n: count() })
      .from(schema.workOrders)
      .where(notInArray(schema.workOrders.status, [...FINISHED_STATUSES]));
    return row?.n ?? 0;
  };

  it('counts every open order once: the nation total is the sum of the regions and of the cities', async () => {
    for (let i = 0; i < 40; i++) await place(i * 7, ((i % 5) - 2) * 0.05, ((i % 3) - 1) * 0.05);
    const [first] = await handle.db.select().from(schema.workOrders).limit(1);
    if (!first) throw new Error('no orders were placed');
    await handle.db
      .update(schema.workOrders)
      .set({ status: 'closed' })
      .where(eq(schema.workOrders.id, first.id));

    const nation = await view('exec', `layer=demand&${PAST}`);
    expect(nation.level).toEqual({ type: 'nation' });
    expect(nation.regions.map((r) => r.regionId).sort()).toEqual(
      ['central', 'east', 'north', 'northeast', 'northwest', 'south', 'southwest'].sort()
    );
    const sum = (cells: { weight: number }[]) => cells.reduce((s, c) => s + c.weight, 0);
    expect(nation.total).toBe(await openOrders());
    expect(sum(nation.regions)).toBe(nation.total);
    expect(sum(nation.cities)).toBe(nation.total);
    expect(nation.hotspots).toEqual([]);

    // A closed order counts again once the period covers the moment it came in.
    const around = (ms: number) => new Date(first.createdAt.getTime() + ms).toISOString();
    const covering = await view('exec', `layer=demand&from=${around(-3_600_000)}&to=${around(3_600_000)}`);
    expect(covering.total).toBe(nation.total + 1);
  });

  it('keeps the levels consistent for any orders: a region is the sum of its cities and of its hot spots', async () => {
    const regionIds = ['east', 'north', 'south'];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            city: fc.nat(CITIES.length - 1),
            dLng: fc.double({ min: -0.4, max: 0.4, noNaN: true }),
            dLat: fc.double({ min: -0.4, max: 0.4, noNaN: true })
          }),
          { maxLength: 12 }
        ),
        async (orders) => {
          for (const o of orders) await place(o.city, o.dLng, o.dLat);
          const nation = await view('admin', `layer=demand&${PAST}`);
          for (const regionId of regionIds) {
            const region = await view('admin', `layer=demand&regionId=${regionId}&${PAST}`);
            const cell = nation.regions.find((r) => r.regionId === regionId);
            const cities = region.cities.reduce((s, c) => s + c.weight, 0);
            const spots = region.hotspots.reduce((s, c) => s + c.weight, 0);
            expect(region.total).toBe(cell?.weight);
            expect(cities).toBe(region.total);
            expect(spots).toBe(region.total);
            expect(region.cities.every((c) => c.regionId === regionId)).toBe(true);
          }
        }
      ),
      { numRuns: 8 }
    );
  });

  it('lists a city its orders, technicians and depots, with no customer personal data', async () => {
    const city = await view('exec', `layer=demand&cityId=shanghai&${PAST}`);
    expect(city.level).toEqual({ type: 'city', regionId: 'east', cityId: 'shanghai' });
    expect(city.cities.map((c) => c.cityId)).toEqual(['shanghai']);
    expect(city.orders.length).toBe(city.total);
    expect(city.technicians.length).toBe(city.cities[0]?.technicians);
    expect(city.depots.every((d) => d.cityId === 'shanghai')).toBe(true);
    const text = JSON.stringify(city);
    for (const secret of ['钱七', '13700137000', '某路']) expect(text).not.toContain(secret);
    for (const o of city.orders)
      expect(Object.keys(o).sort()).toEqual(
        ['createdAt', 'id', 'location', 'priority', 'serviceType', 'status', 'weight'].sort()
      );
    const stored = await handle.db
      .select({ cityId: schema.workOrders.cityId })
      .from(schema.workOrders)
      .where(
        inArray(
          schema.workOrders.id,
          city.orders.map((o) => o.id)
        )
      );
    expect(new Set(stored.map((s) => s.cityId))).toEqual(new Set(city.orders.length ? ['shanghai'] : []));
  });

  it('shows a regional manager only their region, and refuses another one', async () => {
    for (const username of ['manager.east', 'dispatch.east']) {
      const nation = await view(username, 'layer=demand');
      expect(nation.regions.map((r) => r.regionId)).toEqual(['east']);
      expect(new Set(nation.cities.map((c) => c.regionId))).toEqual(new Set(['east']));
      expect(nation.total).toBe(nation.regions[0]?.weight);

      const north = await get(username, 'layer=demand&regionId=north');
      expect(north.status).toBe(403);
      expect(north.body.error?.code).toBe('forbidden');
      expect((await get(username, 'layer=demand&cityId=beijing')).status).toBe(403);
      expect((await get(username, 'layer=sla_risk&regionId=north')).status).toBe(403);
      expect((await get(username, 'layer=demand&regionId=east')).status).toBe(200);
    }
    expect((await get('tech.0001', 'layer=demand')).status).toBe(403);
  });

  it('names the field of a bad query in a 422', async () => {
    const cases: [string, string][] = [
      ['layer=heat', 'layer'],
      ['regionId=mars', 'regionId'],
      ['cityId=atlantis', 'cityId'],
      ['regionId=east&cityId=beijing', 'cityId'],
      ['from=yesterday', 'from'],
      ['to=2026-13-01T00:00:00Z', 'to'],
      ['from=2026-11-23T00:00:00Z&to=2026-11-22T00:00:00Z', 'from'],
      ['from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'from']
    ];
    for (const [query, field] of cases) {
      const res = await get('admin', query);
      expect(res.status, query).toBe(422);
      expect(
        res.body.error?.fields?.map((f) => f.path),
        query
      ).toEqual([field]);
    }
  });

  it('weighs SLA risk by time left and time overdue, and nothing for orders on track', async () => {
    const near = { lng: 121.47, lat: 31.23 };
    const create = async (description: string) =>
      (
        await server.app.orders.create(
          { kind: 'system', name: 'test' },
          orderInput({
            description,
            customer: { name: '孙八', phone: '13600136000', address: '某路 8 号', location: near }
          })
        )
      ).order.order.id;
    // 漏电 is a red alert: critical, a 30-minute response clock counted round the clock.
    const leak = await create('配电箱漏电，有焦味');
    const calm = await create('空调不制冷');
    const weightOf = async (id: string) =>
      (await view('exec', 'layer=sla_risk&cityId=shanghai')).orders.find((o) => o.id === id)?.weight;

    const start = now;
    const at = (minutes: number) => (now = start + minutes * 60_000);
    at(15); // half the response target: on track
    expect(await weightOf(leak)).toBeUndefined();
    at(26.25); // half-way from the warning point (22.5 min) to the due time (30 min)
    expect(await weightOf(leak)).toBeCloseTo(0.5, 6);
    at(45); // overdue by half the target
    expect(await weightOf(leak)).toBeCloseTo(1.5, 6);
    expect(await weightOf(calm)).toBeUndefined();

    const nation = await view('exec', 'layer=sla_risk');
    const sum = (cells: { weight: number }[]) => cells.reduce((s, c) => s + c.weight, 0);
    expect(nation.total).toBeGreaterThanOrEqual(1.5);
    expect(sum(nation.regions)).toBeCloseTo(nation.total, 6);
    expect(sum(nation.cities)).toBeCloseTo(nation.total, 6);
    expect((await get('manager.east', 'layer=sla_risk&regionId=north')).status).toBe(403);
  });
});
