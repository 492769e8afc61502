// Intake → decision → stored, in orders per second, on PGlite and on Postgres (DATABASE_URL), through the
// product's own services: WorkOrderService takes the orders in, DispatchService decides them against the
// CandidatePool and stores assignment or offer, parts reservations, proposed transfers and events.
//
// Baseline, in the same run: every order taken in and dispatched on arrival by a sweep of its own, one
// transaction per order (what the product did before sweeps were stored as one batch, and still does when
// orders trickle in one at a time). Then orders taken in one by one and placed by batched sweeps, and
// orders taken in by the batched intake (POST /api/work-orders/batch, 200 a transaction) and placed the same
// way. Every run starts from a fresh database seeded with the same demo company.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { listRegions, schema, type DatabaseHandle } from '../../db';
import { SERVICE_TYPE_IDS } from '../../dispatcher/work-order/service-types';
import { CITIES } from '../../geo/cities';
import { createApplication, type Application } from '../../realtime/app';
import { Random } from '../../realtime/demo/random';
import { seedDemo, seedReference } from '../../realtime/demo/seed';
import { regionIndexOf } from '../../realtime/services/region-lookup';
import type { RegionLookup } from '../../realtime/services/work-orders';
import { MAX_ORDERS_PER_BATCH, type CreateWorkOrderInput } from '../../realtime/schemas/work-order';
import { backends, type Backend } from '../support/backends';
import { cityPicker, metroKm } from './world';

const TECHNICIANS = 10_000;
const ORDERS = 2_000;
/** The baseline runs a sweep per order: a tenth of the orders is enough to time it. */
const BASELINE_ORDERS = 200;
/** A morning in Beijing, when the demo's day shifts work. */
const NOW = new Date('2026-11-23T10:00:00+08:00');
const SYSTEM = { kind: 'system', name: 'bench' } as const;

/** Orders around the cities by population: one in five asks for a service with a certificate, 40 % need parts. */
function orderInputs(
  seed: number,
  count: number,
  skus: readonly string[],
  regions: RegionLookup
): CreateWorkOrderInput[] {
  const random = new Random(seed);
  const city = cityPicker(random);
  return Array.from({ length: count }, (_, i) => {
    const at = city();
    // A coastal city's spread reaches the sea: intake would refuse those, so draw again.
    let location = random.near(at, metroKm(at));
    while (regions.lookup(location.lng, location.lat) === null) location = random.near(at, metroKm(at));
    const lines = random.next() < 0.4 ? random.int(1, 2) : 0;
    return {
      channel: 'ecommerce',
      serviceType: random.next() < 0.8 ? 'general_repair' : random.pick(SERVICE_TYPE_IDS),
      priority: 'normal',
      description: `网店订单 ${i}`,
      customer: {
        name: '顾客',
        phone: '13800138000',
        address: at.name,
        location
      },
      parts: Array.from({ length: lines }, () => ({ sku: random.pick(skus), qty: 1 })),
      fields: {}
    };
  });
}

interface Run {
  app: Application;
  handle: DatabaseHandle;
  inputs: CreateWorkOrderInput[];
  close(): Promise<void>;
}

async function fresh(open: Backend['open']): Promise<Run> {
  const { handle, cleanup } = await open();
  await seedReference(handle.db);
  await seedDemo(handle.db, TECHNICIANS);
  const stocked = await handle.db.selectDistinct({ sku: schema.depotStock.sku }).from(schema.depotStock);
  const app = await createApplication({
    db: handle.db,
    clock: { now: () => NOW },
    log: pino({ level: 'silent' }),
    autoDispatch: false
  });
  return {
    app,
    handle,
    inputs: orderInputs(
      7,
      ORDERS,
      stocked.map((s) => s.sku),
      regionIndexOf(await listRegions(handle.db))
    ),
    async close() {
      await app.close();
      await cleanup();
    }
  };
}

/** Sweeps until one places nobody; answers how many were placed. */
async function sweepAll(app: Application): Promise<number> {
  let placed = 0;
  for (let n = await app.dispatch.sweep(); n > 0; n = await app.dispatch.sweep()) placed += n;
  return placed;
}

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);
const fmt = (n: number) => n.toLocaleString('en-US');

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await work();
  return { value, ms: performance.now() - t0 };
}

async function measure(name: string, open: Backend['open']): Promise<void> {
  console.log(`\n## ${name}`);
  const baseline = await fresh(open);
  const base = await timed(async () => {
    let placed = 0;
    for (const input of baseline.inputs.slice(0, BASELINE_ORDERS)) {
      await baseline.app.orders.create(SYSTEM, input);
      placed += await baseline.app.dispatch.sweep();
    }
    return placed;
  });
  await baseline.close();
  const baseRate = rate(BASELINE_ORDERS, base.ms);
  console.log(
    `  baseline, a sweep and a transaction per order: ${fmt(BASELINE_ORDERS)} orders (${base.value} placed) ` +
      `in ${base.ms.toFixed(0)} ms: ${fmt(baseRate)} orders/s`
  );

  const single = await fresh(open);
  const intake = await timed(async () => {
    for (const input of single.inputs) await single.app.orders.create(SYSTEM, input);
  });
  const dispatch = await timed(() => sweepAll(single.app));
  await single.close();
  const end = rate(ORDERS, intake.ms + dispatch.ms);
  console.log(
    `  intake one by one: ${fmt(rate(ORDERS, intake.ms))} orders/s; batched sweeps: ${fmt(rate(dispatch.value, dispatch.ms))} ` +
      `placed/s (${dispatch.value} of ${ORDERS} placed); end to end ${fmt(end)} orders/s, ×${(end / baseRate).toFixed(1)}`
  );

  const batched = await fresh(open);
  let placed = 0;
  const both = await timed(async () => {
    for (let i = 0; i < batched.inputs.length; i += MAX_ORDERS_PER_BATCH) {
      const items = batched.inputs.slice(i, i + MAX_ORDERS_PER_BATCH).map((input) => ({ input }));
      await batched.app.orders.createMany(SYSTEM, items);
      placed += await batched.app.dispatch.sweep();
    }
    placed += await sweepAll(batched.app);
  });
  const stored = await batched.handle.db.$count(schema.assignments);
  await batched.close();
  const batchRate = rate(ORDERS, both.ms);
  console.log(
    `  batched intake (${MAX_ORDERS_PER_BATCH} a transaction), a sweep after each batch: ${fmt(ORDERS)} orders ` +
      `(${placed} placed, ${stored} assignments stored) in ${both.ms.toFixed(0)} ms: ${fmt(batchRate)} orders/s end to end, ` +
      `×${(batchRate / baseRate).toFixed(1)} the baseline; goal ≥ 1,000/s: ${batchRate >= 1000 ? 'met' : 'MISSED'}`
  );
}

export async function run(): Promise<void> {
  const load = () => os.loadavg()[0]?.toFixed(2) ?? '?';
  console.log(`load average (1 min) at start: ${load()}`);
  console.log(
    `${fmt(TECHNICIANS)} demo technicians, ${fmt(ORDERS)} orders around ${CITIES.length} cities by population`
  );
  // PGlite always; Postgres when DATABASE_URL is set, else a printed reason.
  for (const backend of backends('the dispatch-store bench on Postgres'))
    await measure(backend.name, backend.open);
  console.log(`load average (1 min) at end: ${load()}`);
}
