import { performance } from 'node:perf_hooks';
import pg from 'pg';
const stats = new Map<string, { n: number; ms: number }>();
let phase = 'setup';
const marks: [string, number][] = [];
const orig = pg.Client.prototype.query as (...a: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: unknown }).query = function (this: unknown, ...a: unknown[]) {
  const q = a[0] as string | { text: string };
  const text = (typeof q === 'string' ? q : q.text).replace(/\s+/g, ' ').slice(0, 90);
  const k = phase + ' | ' + text;
  const t0 = performance.now();
  const r = orig.apply(this, a) as Promise<unknown>;
  const done = () => {
    const s = stats.get(k) ?? { n: 0, ms: 0 };
    s.n++;
    s.ms += performance.now() - t0;
    stats.set(k, s);
  };
  if (r && typeof (r as Promise<unknown>).then === 'function') (r as Promise<unknown>).then(done, done);
  else done();
  return r;
};
import pino from 'pino';
import { listRegions, schema } from '../../db';
import { createApplication } from '../../realtime/app';
import { seedDemo, seedReference } from '../../realtime/demo/seed';
import { regionIndexOf } from '../../realtime/services/region-lookup';
import { MAX_ORDERS_PER_BATCH } from '../../realtime/schemas/work-order';
import { backends } from '../support/backends';
import { Random } from '../../realtime/demo/random';
import { cityPicker, metroKm } from './world';

const NOW = new Date('2026-11-23T10:00:00+08:00');
const SYSTEM = { kind: 'system', name: 'bench' } as const;
const which = process.argv[2] ?? 'PGlite';
for (const b of backends('x')) {
  if (!b.name.startsWith(which)) continue;
  const { handle, cleanup } = await b.open();
  await seedReference(handle.db);
  await seedDemo(handle.db, 10_000);
  const stocked = await handle.db.selectDistinct({ sku: schema.depotStock.sku }).from(schema.depotStock);
  const skus = stocked.map((s) => s.sku);
  const regions = regionIndexOf(await listRegions(handle.db));
  const app = await createApplication({
    db: handle.db,
    clock: { now: () => NOW },
    log: pino({ level: 'silent' }),
    autoDispatch: false
  });
  const random = new Random(7);
  const city = cityPicker(random);
  const inputs = Array.from({ length: 2000 }, (_, i) => {
    const at = city();
    let location = random.near(at, metroKm(at));
    while (regions.lookup(location.lng, location.lat) === null) location = random.near(at, metroKm(at));
    const lines = random.next() < 0.4 ? random.int(1, 2) : 0;
    return {
      channel: 'ecommerce',
      serviceType: 'general_repair',
      priority: 'normal',
      description: `x ${i}`,
      customer: { name: '顾客', phone: '13800138000', address: at.name, location },
      parts: Array.from({ length: lines }, () => ({ sku: random.pick(skus), qty: 1 })),
      fields: {}
    } as never;
  });
  let tIn = 0,
    tSw = 0;
  for (let i = 0; i < inputs.length; i += MAX_ORDERS_PER_BATCH) {
    phase = 'intake';
    marks.push(['intake', Number(process.hrtime.bigint() / 1000n)]);
    const t0 = performance.now();
    await app.orders.createMany(
      SYSTEM,
      inputs.slice(i, i + MAX_ORDERS_PER_BATCH).map((input) => ({ input }))
    );
    const t1 = performance.now();
    phase = 'sweep';
    marks.push(['sweep', Number(process.hrtime.bigint() / 1000n)]);
    await app.dispatch.sweep();
    phase = 'other';
    marks.push(['other', Number(process.hrtime.bigint() / 1000n)]);
    tSw += performance.now() - t1;
    tIn += t1 - t0;
  }
  console.log(
    b.name,
    'intake ms',
    tIn.toFixed(0),
    'sweep ms',
    tSw.toFixed(0),
    'total/s',
    (2000 / ((tIn + tSw) / 1000)).toFixed(0)
  );
  for (const [k, v] of [...stats]
    .filter(([k]) => !k.startsWith('setup'))
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 45))
    console.log(v.n, v.ms.toFixed(0), k);
  (await import('node:fs')).writeFileSync('/tmp/marks.json', JSON.stringify(marks));
  await app.close();
  await cleanup();
}
