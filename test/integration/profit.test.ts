import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  profitGroups,
  revenueByCity,
  revenueByGridCell,
  revenueOrdersOfCity,
  schema,
  type DatabaseHandle,
  type ProfitFilter
} from '../../db';
import { HOTSPOT_CELL_DEG } from '../../dispatcher/insights/heatmap';
import { periodPieces } from '../../dispatcher/insights/period-pieces';
import { addFigures, figuresOf, noFigures, type ProfitGroups } from '../../dispatcher/insights/profit';
import { CITIES, REGION_IDS } from '../../geo/cities';
import { login, seed, startServer, TEST_NOW, TEST_TECHNICIANS, type TestServer } from '../support/app';
import type { HeatmapView } from '../../realtime/heatmap-contract';
import type { ProfitChanged, ProfitView } from '../../realtime/profit-contract';
import { backends } from '../support/backends';
import { orderTools } from '../support/orders';
import { refillRollups } from '../support/rollup-backfill';
import { connect, connected, until } from '../support/sockets';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Whole-hour zones, where the hourly rollup is exact (a half-hour zone would see its days shifted). */
const ZONES = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Asia/Tokyo'];

/** The same groups, whatever order the database answered them in. */
function sorted(g: ProfitGroups): ProfitGroups {
  const by =
    <T>(key: (t: T) => string) =>
    (a: T, b: T) =>
      key(a).localeCompare(key(b));
  return {
    byRegion: [...g.byRegion].sort(by((r) => r.regionId)),
    byService: [...g.byService].sort(by((s) => s.serviceType)),
    byCity: [...g.byCity].sort(by((c) => c.cityId)),
    byDay: [...g.byDay].sort(by((d) => d.day))
  };
}

/**
 * Order `i`: in a city of some region, of one of two service types, completed by a technician who is
 * sometimes from elsewhere (a cross-region subsidy), assigned by an admin signed in afresh.
 */
async function completeOrder(tools: ReturnType<typeof orderTools>, server: TestServer, i: number) {
  const city = CITIES[(i * 37) % CITIES.length];
  if (!city) throw new Error('no city');
  const order = await tools.create({
    serviceType: i % 3 === 0 ? 'ac_install' : 'ac_repair',
    customer: { name: '赵六', phone: '13600136000', address: city.name, location: city }
  });
  await tools.complete(await login(server.base, 'admin'), order.id, 1 + ((i * 53) % TEST_TECHNICIANS));
  return order.id;
}

describe.each(backends('the profit tests'))('profit figures on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let server: TestServer;
  let admin: string;
  /** 19:00 in Beijing: the orders complete over the evening and the night, within one session's life. */
  let now = TEST_NOW.getTime() + 9 * HOUR;
  const tools = orderTools(
    () => handle,
    () => server
  );
  /** Orders completed so far, by the instant they completed. */
  const completedAt: number[] = [];

  beforeAll(async () => {
    ({ handle, cleanup } = await open());
    await seed(handle);
    server = await startServer(handle, { clock: { now: () => new Date(now) } });
    admin = await login(server.base, 'admin');
    // Orders in cities of every region, completed every 41 minutes into the next day.
    for (let i = 0; i < 16; i++) {
      await completeOrder(tools, server, i);
      completedAt.push(now);
      now += 41 * 60_000;
    }
  });
  afterAll(async () => {
    await server.close();
    await cleanup();
  });

  const groups = async (f: ProfitFilter, useRollup: boolean) =>
    sorted(await profitGroups(handle.db, f, { useRollup }));

  it('keeps the hourly rollup equal to a GROUP BY over the frozen settlements, for any period and zone', async () => {
    const first = completedAt[0] ?? 0;
    const last = completedAt[completedAt.length - 1] ?? 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: first - 3 * HOUR, max: last }),
        fc.integer({ min: 1, max: 40 * HOUR }),
        fc.constantFrom(...ZONES),
        fc.subarray([...REGION_IDS], { minLength: 1 }),
        async (from, length, timeZone, regionIds) => {
          const f = { regionIds, from: new Date(from), to: new Date(from + length), timeZone };
          expect(await groups(f, true)).toEqual(await groups(f, false));
        }
      ),
      { numRuns: 25 }
    );
  });

  it('sums exactly what the settlements say, order by order', async () => {
    const rows = await handle.db.select().from(schema.settlements);
    const frozen = rows.filter((r) => r.status === 'frozen');
    expect(frozen.length).toBe(completedAt.length);
    const expected = frozen.reduce(
      (sum, r) =>
        addFigures(sum, figuresOf({ total: r.total, quote: r.quote, labourShares: r.split.labourShares })),
      noFigures()
    );
    expect(expected.crossRegionOrders).toBeGreaterThan(0);
    const all = {
      regionIds: [...REGION_IDS],
      from: new Date(TEST_NOW.getTime()),
      to: new Date(now),
      timeZone: 'Asia/Shanghai'
    };
    const { byRegion, byDay } = await groups(all, true);
    expect(byRegion.reduce((sum, r) => addFigures(sum, r.figures), noFigures())).toEqual(expected);
    expect(byDay.map((d) => d.day)).toEqual(['2026-11-23', '2026-11-24']);
  });

  it('backfills the rollups of settlements frozen before they existed (the migrations)', async () => {
    const all = { regionIds: [...REGION_IDS], from: new Date(0), to: new Date(now + HOUR), timeZone: 'UTC' };
    const before = await groups(all, true);
    await handle.db.delete(schema.settlementHourly);
    await handle.db.delete(schema.settlementRegionHourly);
    expect(await groups(all, true)).not.toEqual(before);
    await refillRollups(handle.db);
    expect(await groups(all, true)).toEqual(before);
  });

  const get = async (username: string, query: string) => {
    const cookie = await login(server.base, username);
    const res = await fetch(`${server.base}/api/insights/profit?${query}`, { headers: { cookie } });
    return { status: res.status, text: await res.text() };
  };
  const view = async (username: string, query: string) => {
    const res = await get(username, query);
    expect(res.status, res.text).toBe(200);
    return JSON.parse(res.text) as ProfitView;
  };
  const period = () =>
    `from=${encodeURIComponent(new Date(TEST_NOW.getTime()).toISOString())}&to=${encodeURIComponent(new Date(now).toISOString())}`;

  it('shows an executive every region, the totals of the settlements, days in their zone, and no customer', async () => {
    const shanghai = await view('exec', `${period()}&tz=Asia/Shanghai`);
    expect([...shanghai.regionIds].sort()).toEqual([...REGION_IDS].sort());
    expect(shanghai.totals.orders).toBe(completedAt.length);
    expect(shanghai.totals.profit).toBe(shanghai.totals.revenue - shanghai.totals.cost);
    expect(shanghai.byRegion.reduce((sum, r) => sum + r.revenue, 0)).toBe(shanghai.totals.revenue);
    expect(shanghai.trend.map((d) => d.day)).toEqual(['2026-11-23', '2026-11-24']);
    expect(shanghai.topCities.length).toBe(5);
    // 19:00 in Beijing is 11:00 in London: the same evening and night are one UTC day.
    const utc = await view('finance', `${period()}&tz=UTC`);
    expect(utc.trend.map((d) => d.day)).toEqual(['2026-11-23']);
    expect(utc.totals).toEqual(shanghai.totals);
    const text = JSON.stringify(shanghai);
    for (const personal of ['13600136000', '赵六', 'customer']) expect(text).not.toContain(personal);
  });

  it('shows a regional manager their own region only, and refuses another one and other roles', async () => {
    const east = await view('manager.east', period());
    expect(east.regionIds).toEqual(['east']);
    expect(east.byRegion.map((r) => r.regionId)).toEqual(['east']);
    expect(east.topCities.every((c) => c.regionId === 'east')).toBe(true);
    const exec = await view('exec', `${period()}&regionId=east`);
    expect(east.totals).toEqual(exec.totals);
    expect((await get('manager.east', `${period()}&regionId=north`)).status).toBe(403);
    expect((await get('dispatch.east', period())).status).toBe(403);
  });

  it('names the wrong field with 422', async () => {
    const fieldOf = async (query: string) => {
      const res = await get('exec', query);
      expect(res.status).toBe(422);
      return (JSON.parse(res.text) as { error: { fields: { path: string }[] } }).error.fields.map(
        (f) => f.path
      );
    };
    expect(await fieldOf('tz=Mars/Olympus')).toEqual(['tz']);
    expect(await fieldOf('tz=%2B08:00')).toEqual(['tz']);
    expect(await fieldOf('from=yesterday')).toEqual(['from']);
    expect(await fieldOf('from=2026-11-24T00:00:00Z&to=2026-11-23T00:00:00Z')).toEqual(['from']);
    expect(await fieldOf('regionId=atlantis')).toEqual(['regionId']);
  });

  it('maps revenue from the same sums: nation, regions, cities, hot spots and orders agree with the profit view', async () => {
    const exec = await login(server.base, 'exec');
    const heat = async (query: string) => {
      const res = await fetch(`${server.base}/api/insights/heatmap?layer=revenue&${period()}&${query}`, {
        headers: { cookie: exec }
      });
      expect(res.status).toBe(200);
      return (await res.json()) as HeatmapView;
    };
    const profit = await view('exec', period());
    const nation = await heat('');
    expect(nation.total).toBe(profit.totals.revenue);
    const busiest = [...profit.byRegion].sort((a, b) => b.revenue - a.revenue)[0];
    if (!busiest) throw new Error('no region');
    const region = await heat(`regionId=${busiest.regionId}`);
    expect(region.total).toBe(busiest.revenue);
    expect(region.hotspots.reduce((sum, h) => sum + h.weight, 0)).toBe(busiest.revenue);
    const city = [...region.cities].sort((a, b) => b.weight - a.weight)[0];
    if (!city) throw new Error('no city');
    const orders = await heat(`cityId=${city.cityId}`);
    expect(orders.orders.reduce((sum, o) => sum + o.weight, 0)).toBe(city.weight);
  });

  it('tells national viewers and the region’s room when an order completes, and no other region', async () => {
    const users = ['exec', 'finance', 'manager.east', 'manager.north'] as const;
    const heard = new Map<string, ProfitChanged[]>(users.map((u) => [u, []]));
    const sockets = await Promise.all(
      users.map(async (u) => {
        const socket = connect(server.base, await login(server.base, u));
        socket.on('insights:profit_changed', (c) => heard.get(u)?.push(c));
        await connected(socket);
        return socket;
      })
    );
    try {
      const order = await tools.create();
      await tools.complete(admin, order.id, 7);
      const regions = (u: string) => (heard.get(u) ?? []).flatMap((c) => c.regionIds);
      for (const u of ['exec', 'finance', 'manager.east'])
        await until(() => regions(u).includes('east'), `${u} to hear east`);
      // Anything on its way to manager.north was sent before this reply on the same connection.
      await new Promise((resolve) => sockets[3]?.emit('wall:snapshot', resolve));
      expect(regions('manager.east').every((r) => r === 'east')).toBe(true);
      expect(regions('manager.north').every((r) => r === 'north')).toBe(true);
    } finally {
      for (const s of sockets) s.disconnect();
    }
  });
});

describe.each(backends('the profit tests'))('profit rollups over months on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let server: TestServer;
  let admin: string;
  let now = TEST_NOW.getTime();
  const tools = orderTools(
    () => handle,
    () => server
  );
  const first = TEST_NOW.getTime();
  const ORDERS = 24;
  const move = async (id: string, action: string) =>
    (await tools.api(admin, 'POST', `/work-orders/${id}/transitions`, { action, reason: 'test' })).status;

  beforeAll(async () => {
    ({ handle, cleanup } = await open());
    await seed(handle);
    server = await startServer(handle, { clock: { now: () => new Date(now) } });
    // An order every 3 days 7 hours and a bit, over some 80 days: every month, day and hour piece of a
    // period holds orders. Two are reopened and cancelled a few days later: the rollups take them back.
    const voidLater: string[] = [];
    for (let i = 0; i < ORDERS; i++) {
      const orderId = await completeOrder(tools, server, i);
      // Days pass between orders: a session of the day before has expired.
      admin = await login(server.base, 'admin');
      if (i % 10 === 4) voidLater.push(orderId);
      if (i % 10 === 7)
        for (const id of voidLater.splice(0)) {
          expect(await move(id, 'reopen')).toBe(200);
          expect(await move(id, 'cancel')).toBe(200);
        }
      now += 3 * DAY + 7 * HOUR + 13 * 60_000 + 17_000;
    }
  });
  afterAll(async () => {
    await server.close();
    await cleanup();
  });

  const last = () => now;
  const both = async <T>(
    read: (useRollup: boolean) => Promise<T[]>,
    key: (t: T) => string
  ): Promise<[T[], T[]]> => {
    const order = (list: T[]) => [...list].sort((a, b) => key(a).localeCompare(key(b)));
    return [order(await read(true)), order(await read(false))];
  };

  it('has voided two frozen orders and sums the rest', async () => {
    const rows = await handle.db.select().from(schema.settlements);
    expect(rows.filter((r) => r.status === 'void').length).toBe(2);
    const all = { regionIds: [...REGION_IDS], from: new Date(first), to: new Date(last()), timeZone: 'UTC' };
    expect(periodPieces(all.from, all.to).month.length).toBe(1);
    const { byRegion } = await profitGroups(handle.db, all);
    expect(byRegion.reduce((sum, r) => sum + r.figures.orders, 0)).toBe(ORDERS - 2);
  });

  it('equals a GROUP BY over the frozen settlements for any period across months, days and hours', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: first - 3 * DAY, max: last() }),
        fc.integer({ min: 1, max: 90 * DAY }),
        fc.constantFrom(...ZONES),
        fc.subarray([...REGION_IDS], { minLength: 1 }),
        async (from, length, timeZone, regionIds) => {
          const f = { regionIds, from: new Date(from), to: new Date(from + length), timeZone };
          const [rolled, direct] = [
            sorted(await profitGroups(handle.db, f, { useRollup: true })),
            sorted(await profitGroups(handle.db, f, { useRollup: false }))
          ];
          expect(rolled).toEqual(direct);
        }
      ),
      { numRuns: 40 }
    );
  });

  it('maps the same revenue per city, hot-spot cell and order as straight over the settlements', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: first - 3 * DAY, max: last() }),
        fc.integer({ min: 1, max: 90 * DAY }),
        fc.subarray([...REGION_IDS], { minLength: 1 }),
        async (from, length, regionIds) => {
          const f = { regionIds, from: new Date(from), to: new Date(from + length) };
          const [cityA, cityB] = await both(
            (useRollup) => revenueByCity(handle.db, f, { useRollup }),
            (c) => c.cityId
          );
          expect(cityA).toEqual(cityB);
          const [cellsA, cellsB] = await both(
            (useRollup) => revenueByGridCell(handle.db, f, HOTSPOT_CELL_DEG, { useRollup }),
            (c) => `${c.gx} ${c.gy}`
          );
          expect(cellsA).toEqual(cellsB);
          for (const city of cityB) {
            const top = (useRollup: boolean) =>
              revenueOrdersOfCity(handle.db, f, city.cityId, 2, { useRollup });
            expect(await top(true)).toEqual(await top(false));
          }
        }
      ),
      { numRuns: 25 }
    );
  });

  it('backfills every rollup from the migrations to what the freezes and voids wrote', async () => {
    const f = { regionIds: [...REGION_IDS], from: new Date(first - DAY), to: new Date(last()) };
    const read = async () => ({
      groups: sorted(await profitGroups(handle.db, { ...f, timeZone: 'Asia/Shanghai' })),
      cells: await revenueByGridCell(handle.db, f, HOTSPOT_CELL_DEG),
      orders: await Promise.all(CITIES.map((c) => revenueOrdersOfCity(handle.db, f, c.id, 5)))
    });
    const before = await read();
    expect(before.cells.length).toBeGreaterThan(0);
    await refillRollups(handle.db);
    expect(await read()).toEqual(before);
  });
});
