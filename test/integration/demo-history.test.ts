import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profitGroups, schema, type DatabaseHandle } from '../../db';
import type { FinanceSettlementsPage, SlaBoard } from '../../realtime/contract';
import { seedHistory } from '../../realtime/demo/history-seed';
import type { ProfitView } from '../../realtime/profit-contract';
import { REGION_IDS } from '../../geo/cities';
import { login, seed, startServer, TEST_NOW, type TestServer } from '../support/app';
import { backends } from '../support/backends';
import { fenOf, parseCsv } from '../support/csv';

const DAY = 86_400_000;
const DAYS = 30;

describe.each(backends('the demo history test'))('the demo history on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let server: TestServer;
  let seeded = 0;
  const clock = { now: () => TEST_NOW };
  const from = new Date(TEST_NOW.getTime() - DAYS * DAY).toISOString();
  const to = TEST_NOW.toISOString();
  const period = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;

  beforeAll(async () => {
    ({ handle, cleanup } = await open());
    await seed(handle);
    server = await startServer(handle, { clock });
    seeded = await seedHistory({ db: handle.db, engine: server.app.settlement, clock, days: DAYS });
  });
  afterAll(async () => {
    await server.close();
    await cleanup();
  });

  const get = async (username: string, path: string) => {
    const res = await fetch(`${server.base}/api${path}`, {
      headers: { cookie: await login(server.base, username) }
    });
    expect(res.status, path).toBe(200);
    return res;
  };

  it('gives the executive a month of profit that equals finance’s totals and CSV statement to the fen', async () => {
    expect(seeded / DAYS).toBeGreaterThan(200);
    expect(seeded / DAYS).toBeLessThan(420);
    const profit = (await (await get('exec', `/insights/profit?${period}`)).json()) as ProfitView;
    expect(profit.totals.orders).toBe(seeded);
    expect(profit.totals.revenue).toBeGreaterThan(0);
    expect(profit.totals.profit).toBeGreaterThan(0);
    expect(profit.trend.filter((d) => d.orders > 0).length).toBeGreaterThanOrEqual(DAYS);

    const page = (await (
      await get('finance', `/finance/settlements?${period}&limit=1`)
    ).json()) as FinanceSettlementsPage;
    const all = page.totals.all;
    expect(all.settlements).toBe(seeded);
    expect(all.total).toBe(profit.totals.revenue);
    expect(all.technician).toBe(profit.totals.technician);
    expect(all.partner).toBe(profit.totals.partner);
    // The platform keeps its share of the labour (the profit) and is paid back the parts at cost.
    expect(all.platform).toBe(profit.totals.profit + profit.totals.parts);
    for (const r of page.totals.byRegion)
      expect(r.total).toBe(profit.byRegion.find((p) => p.regionId === r.regionId)?.revenue);
    // Older payouts were paid in the weekly runs, recent ones wait, unaccepted jobs' last part is pending.
    expect(all.paid).toBeGreaterThan(all.payable);
    expect(all.payable).toBeGreaterThan(0);
    expect(all.pending).toBeGreaterThan(0);

    const csv = await (await get('finance', `/finance/statement.csv?${period}`)).text();
    const records = parseCsv(csv.replace(/^\uFEFF/, ''));
    const lines = records.filter((r) => r[0] === 'line' && r[6] !== 'void');
    expect(lines.reduce((s, r) => s + fenOf(r[12] ?? ''), 0)).toBe(profit.totals.revenue);
  });

  it('keeps the rollup equal to a re-aggregation of the settlements', async () => {
    const f = { regionIds: REGION_IDS, from: new Date(from), to: new Date(to), timeZone: 'Asia/Shanghai' };
    const [rolled, direct] = await Promise.all([
      profitGroups(handle.db, f, { useRollup: true }),
      profitGroups(handle.db, f, { useRollup: false })
    ]);
    const key = <T extends { figures: unknown }>(list: T[]) => list.map((g) => JSON.stringify(g)).sort();
    expect(key(rolled.byCity)).toEqual(key(direct.byCity));
    expect(key(rolled.byDay)).toEqual(key(direct.byDay));
    const [{ orders } = { orders: 0 }] = await handle.db
      .select({ orders: sql<number>`sum(orders)::int` })
      .from(schema.settlementHourly);
    expect(orders).toBe(seeded);
  });

  it('tells regions apart by the rules: the west borrows technicians, the north-east draws complaints', async () => {
    const profit = (await (await get('exec', `/insights/profit?${period}`)).json()) as ProfitView;
    const share = (id: string) => {
      const r = profit.byRegion.find((p) => p.regionId === id);
      return r && r.orders > 0 ? r.crossRegionOrders / r.orders : 0;
    };
    expect(share('northwest')).toBeGreaterThan(3 * share('east'));
    expect(profit.byRegion.find((r) => r.regionId === 'northwest')?.subsidy).toBeGreaterThan(0);
    const deductions = await handle.db
      .select({ regionId: schema.settlements.regionId, n: sql<number>`count(*)::int` })
      .from(schema.settlementAdjustments)
      .innerJoin(schema.settlements, eq(schema.settlements.orderId, schema.settlementAdjustments.orderId))
      .groupBy(schema.settlements.regionId);
    const most = [...deductions].sort((a, b) => b.n - a.n)[0];
    expect(most?.regionId).toBe('northeast');
  });

  it('leaves the history closed: no SLA clocks, timers or escalations, nothing on the board or waiting', async () => {
    const orders = await handle.db
      .select({ id: schema.workOrders.id, status: schema.workOrders.status })
      .from(schema.workOrders);
    expect(orders.length).toBe(seeded);
    expect(new Set(orders.map((o) => o.status))).toEqual(new Set(['closed', 'completed']));
    const ids = orders.map((o) => o.id);
    const count = async (
      table: typeof schema.orderSla | typeof schema.slaTimers | typeof schema.escalations
    ) => (await handle.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]?.n;
    expect(await count(schema.orderSla)).toBe(0);
    expect(await count(schema.slaTimers)).toBe(0);
    expect(await count(schema.escalations)).toBe(0);
    const board = (await (await get('admin', '/sla/board')).json()) as SlaBoard;
    expect(board.rows.filter((r) => ids.includes(r.orderId))).toEqual([]);
    // The drawer has how each order came in and how it ended.
    const sample = ids.slice(0, 50);
    const events = await handle.db
      .select({ id: schema.events.aggregateId, type: schema.events.type })
      .from(schema.events)
      .where(and(eq(schema.events.aggregateType, 'work_order'), inArray(schema.events.aggregateId, sample)));
    for (const id of sample) {
      const types = events.filter((e) => e.id === id).map((e) => e.type);
      expect(types).toContain('order.created');
      expect(types.some((t) => t === 'order.close' || t === 'order.complete')).toBe(true);
    }
  });

  it('does not seed again on a database that has its history', async () => {
    expect(await seedHistory({ db: handle.db, engine: server.app.settlement, clock, days: DAYS })).toBe(0);
    const [{ n } = { n: 0 }] = await handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(schema.settlements);
    expect(n).toBe(seeded);
  });
});
