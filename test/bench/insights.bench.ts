// The dashboards over a year of history: 5,000,000 completed orders with frozen settlements on Postgres
// (insights-history.ts), then each dashboard query as the console asks it, over HTTP: the profit view, the
// heatmap's demand, revenue and SLA-risk layers at the nation, region and city levels, and finance's
// settlements page with its totals, for periods today / 7 / 30 / 365 days and a ragged range, as an
// executive (every region) and as the manager of one region. Goal: under 200 ms each.
//
// Baseline, in the same run: the profit, revenue and finance sums straight over the settlements
// (`useRollup: false`), the questions the rollups answer, and demand's queries counted straight over the
// orders beside the same queries from the rollup of created orders. BENCH_ORDERS=200000 for a quicker look;
// BENCH_KEEP=1 keeps the database and prints its URL; BENCH_DB=<that URL> measures a kept one without
// generating again; BENCH_ONLY=profit,heatmap,revenue,finance picks the dashboards (heatmap includes revenue).
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import {
  listFinanceSettlements,
  openDatabase,
  profitGroups,
  revenueByCity,
  revenueByGridCell,
  revenueOrdersOfCity,
  sumFinanceTotals,
  type DatabaseHandle,
  type ProfitFilter
} from '../../db';
import { HOTSPOT_CELL_DEG } from '../../dispatcher/insights/heatmap';
import { REGION_IDS } from '../../geo/cities';
import { demandLayer } from '../../realtime/services/insights/demand-layer';
import { CITY_ORDER_LIMIT } from '../../realtime/services/insights/heatmap';
import { seed, login, startServer, type TestServer } from '../support/app';
import { freshPostgres, serviceUrl } from '../support/services';
import { generateHistory } from './insights-history';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 5_000_000);
/** A ragged moment of a Beijing evening: no period below starts or ends on a whole hour. */
const NOW = new Date('2026-11-23T21:47:13.250+08:00');
const DAY_MS = 86_400_000;
const RUNS = 10;
/** A query slower than this on its warm-up run is timed 3 times, not 10: the verdict is the same. */
const SLOW_MS = 2_000;
/** A query slower than this on its warm-up run is reported from that one run. */
const VERY_SLOW_MS = 10_000;
/** Finance's baseline sums every settlement of the period: past this many it is estimated, not run. */
const FINANCE_RUN_MAX = 100_000;
const GOAL_MS = 200;

interface Period {
  from: Date;
  to: Date;
}

const PERIODS: (Period & { name: string })[] = [
  { name: 'today', from: new Date('2026-11-23T00:00:00+08:00'), to: NOW },
  { name: '7 days', from: new Date(NOW.getTime() - 7 * DAY_MS), to: NOW },
  { name: '30 days', from: new Date(NOW.getTime() - 30 * DAY_MS), to: NOW },
  { name: '365 days', from: new Date(NOW.getTime() - 365 * DAY_MS), to: NOW },
  {
    name: 'ragged',
    from: new Date('2026-03-14T09:17:23.500+08:00'),
    to: new Date('2026-09-02T16:41:05.125+08:00')
  }
];
const VIEWERS = [
  { user: 'exec', label: 'executive', regionIds: [...REGION_IDS] as string[] },
  { user: 'manager.east', label: 'manager east', regionIds: ['east'] }
];

interface Timing {
  median: number;
  p95: number;
  runs: number;
}

async function timing(work: () => Promise<unknown>): Promise<Timing> {
  const t0 = performance.now();
  await work();
  const first = performance.now() - t0;
  if (first > VERY_SLOW_MS) return { median: first, p95: first, runs: 1 };
  const runs = first > SLOW_MS ? 3 : RUNS;
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)] ?? NaN;
  return { median: at(0.5), p95: at(0.95), runs };
}

const ms = (t: Timing) =>
  `${t.median.toFixed(1)} / ${t.p95.toFixed(1)} ms${t.runs < RUNS ? ` (${t.runs} run${t.runs > 1 ? 's' : ''})` : ''}`;
const verdict = (t: Timing) => (t.p95 < GOAL_MS ? 'ok' : 'MISSED');
const fmt = (n: number) => n.toLocaleString('en-US');
const load = () => os.loadavg()[0]?.toFixed(2) ?? '?';

function row(cells: string[]): void {
  console.log(`  ${cells.join(' | ')}`);
}

async function get(server: TestServer, cookie: string, path: string): Promise<void> {
  const res = await fetch(`${server.base}${path}`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`${path} → ${res.status}: ${await res.text()}`);
  await res.arrayBuffer();
}

const range = (p: { from: Date; to: Date }) =>
  `from=${encodeURIComponent(p.from.toISOString())}&to=${encodeURIComponent(p.to.toISOString())}`;

/** The profit sums with the rollup against the same sums straight over the settlements, then the endpoint. */
async function profit(handle: DatabaseHandle, server: TestServer, cookies: Map<string, string>) {
  console.log('\n## profit (GET /api/insights/profit; median / p95 of the runs)');
  row(['viewer', 'period', 'rollup sums', 'baseline (settlements)', 'ratio', 'endpoint', 'goal']);
  /** The baseline's time per day of period, by viewer, from the longest period it ran. */
  const baseMsPerDay = new Map<string, number>();
  for (const v of VIEWERS)
    for (const p of PERIODS) {
      const f: ProfitFilter = { regionIds: v.regionIds, from: p.from, to: p.to, timeZone: 'Asia/Shanghai' };
      const rollup = await timing(() => profitGroups(handle.db, f, { useRollup: true }));
      const days = (p.to.getTime() - p.from.getTime()) / DAY_MS;
      // Straight over a year of settlements takes minutes: past a month it is estimated from the month.
      const base = days <= 31 ? await timing(() => profitGroups(handle.db, f, { useRollup: false })) : null;
      if (base) baseMsPerDay.set(v.user, base.median / days);
      const estimate = (baseMsPerDay.get(v.user) ?? NaN) * days;
      const query = v.user === 'exec' ? '' : '&regionId=east';
      const endpoint = await timing(() =>
        get(server, cookies.get(v.user) ?? '', `/api/insights/profit?${range(p)}${query}`)
      );
      row([
        v.label,
        p.name,
        ms(rollup),
        base ? ms(base) : `not run: ≈ ${fmt(Math.round(estimate / 1000))} s by the 30 days' rate`,
        `×${((base?.median ?? estimate) / rollup.median).toFixed(0)}`,
        ms(endpoint),
        verdict(endpoint)
      ]);
    }
}

const HEAT_LEVELS = [
  { name: 'nation', user: 'exec', query: '', regionIds: [...REGION_IDS] },
  { name: 'region east', user: 'manager.east', query: '&regionId=east', regionIds: ['east'], hotSpots: true },
  {
    name: 'city shanghai',
    user: 'manager.east',
    query: '&cityId=shanghai',
    regionIds: ['east'],
    cityId: 'shanghai'
  }
] as {
  name: string;
  user: string;
  query: string;
  regionIds: string[];
  hotSpots?: boolean;
  cityId?: string;
}[];

/**
 * Demand's queries at one level as the endpoint makes them (HeatmapService.view), from the rollup or
 * counted straight over the orders: the rollup's figure beside its baseline.
 */
function demandQueries(handle: DatabaseHandle, useRollup: boolean) {
  const layer = demandLayer(handle.db, { useRollup });
  return (level: (typeof HEAT_LEVELS)[number], period: { from: Date; to: Date }) => {
    const scope = { regionIds: level.regionIds, period };
    return Promise.all([
      layer.byCity(scope),
      level.hotSpots ? layer.byGridCell(scope, HOTSPOT_CELL_DEG) : [],
      level.cityId ? layer.ordersOfCity(scope, level.cityId, CITY_ORDER_LIMIT + 1) : []
    ]);
  };
}

/**
 * Each heatmap layer at the nation (executive), region and city (manager of east) levels; for demand also
 * its queries alone, from the rollup and counted straight (the baseline).
 */
async function heatmap(handle: DatabaseHandle, server: TestServer, cookies: Map<string, string>) {
  console.log('\n## heatmap (GET /api/insights/heatmap; median / p95)');
  const straight = demandQueries(handle, false);
  const rolledUp = demandQueries(handle, true);
  row(['layer', 'level', ...PERIODS.map((p) => p.name)]);
  for (const layer of ['demand', 'revenue', 'sla_risk'])
    for (const level of HEAT_LEVELS) {
      const cells: string[] = [];
      // SLA risk is about the open orders now: the period does not change its question.
      for (const p of layer === 'sla_risk' ? PERIODS.slice(0, 1) : PERIODS) {
        const t = await timing(() =>
          get(
            server,
            cookies.get(level.user) ?? '',
            `/api/insights/heatmap?layer=${layer}&${range(p)}${level.query}`
          )
        );
        cells.push(`${ms(t)} ${verdict(t)}`);
      }
      row([layer, level.name, ...cells]);
      if (layer !== 'demand') continue;
      for (const [name, queries] of [
        ['demand queries, rollup', rolledUp],
        ['demand queries, straight count (baseline)', straight]
      ] as const) {
        const times: string[] = [];
        for (const p of PERIODS) times.push(ms(await timing(() => queries(level, p))));
        row([name, level.name, ...times]);
      }
    }
}

/**
 * The revenue layer's reads with the rollups against the same reads straight over the settlements: the
 * nation's cities, the region's hot spots, the city's top orders (the heatmap section times the endpoint).
 */
async function revenue(handle: DatabaseHandle) {
  console.log(
    '\n## revenue (the layer reads: rollups / baseline straight over the settlements; median / p95)'
  );
  const east = ['east'];
  const levels = [
    {
      name: 'nation',
      read: (f: Period, useRollup: boolean) =>
        revenueByCity(handle.db, { regionIds: [...REGION_IDS], ...f }, { useRollup })
    },
    {
      name: 'region east',
      read: (f: Period, useRollup: boolean) =>
        revenueByGridCell(handle.db, { regionIds: east, ...f }, HOTSPOT_CELL_DEG, { useRollup })
    },
    {
      name: 'city shanghai',
      read: (f: Period, useRollup: boolean) =>
        revenueOrdersOfCity(handle.db, { regionIds: east, ...f }, 'shanghai', CITY_ORDER_LIMIT + 1, {
          useRollup
        })
    }
  ];
  row(['level', 'period', 'rollups', 'baseline (settlements)', 'ratio', 'goal']);
  for (const level of levels)
    for (const p of PERIODS) {
      const f = { from: p.from, to: p.to };
      const rollup = await timing(() => level.read(f, true));
      // The nation's baseline is profit's, estimated past a month there.
      const days = (p.to.getTime() - p.from.getTime()) / DAY_MS;
      const base = level.name !== 'nation' || days <= 31 ? await timing(() => level.read(f, false)) : null;
      row([
        level.name,
        p.name,
        ms(rollup),
        base ? ms(base) : 'not run (see profit)',
        base ? `×${(base.median / rollup.median).toFixed(0)}` : '',
        verdict(rollup)
      ]);
    }
}

/**
 * Finance's first page alone (the list), the totals of the period from the rollup against the same
 * totals straight over the settlements (the baseline), and the page as served (the list and the totals).
 */
async function finance(handle: DatabaseHandle, server: TestServer, cookies: Map<string, string>) {
  console.log('\n## finance (GET /api/finance/settlements; median / p95)');
  row([
    'viewer',
    'period',
    'settlements',
    'list, first 50',
    'totals (rollup)',
    'baseline (settlements)',
    'ratio',
    'page with totals',
    'goal'
  ]);
  /** Settlements the baseline summed per second in the largest period it ran: what the larger ones would take. */
  let rate = 0;
  let largest = 0;
  for (const v of VIEWERS)
    for (const p of PERIODS) {
      const [count] = await handle.db
        .execute(
          sql`select count(*)::int as n from settlements
        where region_id in ${v.regionIds} and quoted_at >= ${p.from.toISOString()}::timestamptz
          and quoted_at < ${p.to.toISOString()}::timestamptz`
        )
        .then((r) => (r as unknown as { rows: { n: number }[] }).rows);
      const f = { regionIds: v.regionIds, from: p.from, to: p.to };
      const n = count?.n ?? 0;
      const list = await timing(() => listFinanceSettlements(handle.db, f, null, 51));
      const rollup = await timing(() => sumFinanceTotals(handle.db, f, 'day'));
      // Past this many settlements the baseline takes minutes: estimated from the rate of the largest run.
      const base =
        n <= FINANCE_RUN_MAX
          ? await timing(() => sumFinanceTotals(handle.db, f, 'day', { useRollup: false }))
          : null;
      if (base && n > largest) [largest, rate] = [n, n / (base.median / 1000)];
      const estimate = rate > 0 ? (n / rate) * 1000 : NaN;
      const query = v.user === 'exec' ? '' : '&regionId=east';
      const page = await timing(() =>
        get(server, cookies.get(v.user) ?? '', `/api/finance/settlements?${range(p)}${query}`)
      );
      row([
        v.label,
        p.name,
        fmt(n),
        ms(list),
        ms(rollup),
        base ? ms(base) : `not run: ≈ ${fmt(Math.round(estimate / 1000))} s at ${fmt(Math.round(rate))}/s`,
        `×${((base?.median ?? estimate) / rollup.median).toFixed(0)}`,
        ms(page),
        verdict(page)
      ]);
    }
}

async function sizes(handle: DatabaseHandle): Promise<void> {
  const result = await handle.db.execute(sql`
    select c.relname as name, c.reltuples::bigint as rows, pg_total_relation_size(c.oid) as bytes
    from pg_class c where c.relname in ('work_orders', 'settlements', 'settlement_payouts', 'settlement_hourly',
      'settlement_city_rollup', 'settlement_service_rollup', 'settlement_region_hourly', 'revenue_cells',
      'revenue_orders', 'finance_rollup', 'created_orders_city', 'created_orders_cell') order by 1`);
  for (const r of (result as unknown as { rows: { name: string; rows: number; bytes: number }[] }).rows)
    console.log(
      `  ${r.name}: ${fmt(Number(r.rows))} rows, ${(Number(r.bytes) / 2 ** 20).toFixed(0)} MB with indexes`
    );
}

export async function run(): Promise<void> {
  const base = serviceUrl('DATABASE_URL', 'the insights bench (Postgres)');
  if (!base) return;
  console.log(`load average (1 min) at start: ${load()}`);
  const kept = process.env.BENCH_DB;
  const fresh = kept ? null : await freshPostgres(base);
  const handle = await openDatabase({ url: kept ?? fresh?.url });
  try {
    if (!kept) {
      await seed(handle);
      const history = await generateHistory(handle, ORDERS, NOW, (done) =>
        console.log(`  generated ${fmt(done)} orders (load ${load()})`)
      );
      console.log(
        `${fmt(ORDERS)} completed orders from ${history.templates} settlements frozen through the API, ` +
          `cloned at ${history.variants} price levels: generated in ${(history.generateMs / 1000).toFixed(0)} s, ` +
          `rollups backfilled in ${(history.rollupMs / 1000).toFixed(1)} s (hourly), ` +
          `${(history.financeRollupMs / 1000).toFixed(1)} s (finance) and ` +
          `${(history.demandRollupMs / 1000).toFixed(1)} s (created orders), ANALYZE ${(history.analyzeMs / 1000).toFixed(1)} s`
      );
    }
    await sizes(handle);
    const server = await startServer(handle, { clock: { now: () => NOW } });
    const cookies = new Map<string, string>();
    for (const v of VIEWERS) cookies.set(v.user, await login(server.base, v.user));
    const only = process.env.BENCH_ONLY?.split(',');
    if (!only || only.includes('profit')) await profit(handle, server, cookies);
    if (!only || only.includes('heatmap')) await heatmap(handle, server, cookies);
    if (!only || only.includes('heatmap') || only.includes('revenue')) await revenue(handle);
    if (!only || only.includes('finance')) await finance(handle, server, cookies);
    await server.close();
  } finally {
    await handle.close();
    if (fresh && process.env.BENCH_KEEP === '1') console.log(`kept the database: BENCH_DB=${fresh.url}`);
    else await fresh?.drop();
  }
  console.log(`load average (1 min) at end: ${load()}`);
}
