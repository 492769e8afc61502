// A year of completed orders for the insights bench, generated in SQL: a few orders are frozen through the
// product's own code (quote, split and milestones as the product stores them), then cloned by the
// million with their amounts scaled, over the cities by population and the daytime hours of the past
// 365 days; the technician's payout of those older than a week, paid for those older than two. The
// rollups and the rollup of created orders are then filled by their migrations' own backfills.
import { sql } from 'drizzle-orm';
import { schema, type DatabaseHandle } from '../../db';
import type { Quote } from '../../dispatcher/pricing/quote';
import type { PerParty } from '../../dispatcher/settlement/party';
import type { ServiceTypeId } from '../../dispatcher/work-order/service-types';
import { CITIES } from '../../geo/cities';
import { login, startServer } from '../support/app';
import { orderTools, stockedIn } from '../support/orders';
import { migrationBackfill, refillRollups } from '../support/rollup-backfill';

const DAY_MS = 86_400_000;
/** Cities get slots by population: a uniform slot draws a city as often as people live there. */
const CITY_SLOTS = 1000;
/** Each real settlement is cloned at this many price levels, from 0.5× to 2×. */
const SCALES = 24;
const TEMPLATE_SERVICES: ServiceTypeId[] = [
  'ac_repair',
  'ac_install',
  'general_repair',
  'water_heater',
  'washer',
  'fridge'
];

type Settlement = typeof schema.settlements.$inferSelect;

/** Orders of every region completed through the API, some by technicians from elsewhere, some with parts. */
async function freezeTemplates(handle: DatabaseHandle, now: Date, count: number): Promise<Settlement[]> {
  const server = await startServer(handle, { clock: { now: () => now } });
  const tools = orderTools(
    () => handle,
    () => server
  );
  const admin = await login(server.base, 'admin');
  for (let i = 0; i < count; i++) {
    const city = CITIES[(i * 37) % CITIES.length];
    if (!city) throw new Error('no city');
    // Every fourth with a part, where the city's depots stock one.
    const stock = i % 4 === 1 ? await stockedIn(handle, city.id, 1).catch(() => null) : null;
    const parts = stock ? [{ sku: stock.sku, qty: 1 }] : [];
    const order = await tools.create({
      serviceType: TEMPLATE_SERVICES[i % TEMPLATE_SERVICES.length],
      customer: { name: '赵六', phone: '13600136000', address: city.name, location: city },
      parts
    });
    await tools.complete(admin, order.id, 1 + ((i * 53) % 300));
  }
  await server.close();
  return handle.db.select().from(schema.settlements);
}

const scaled = (fen: number, f: number) => Math.round(fen * f);

/** A party split scaled by `f`, the technician taking what rounding leaves so it still sums to `sum`. */
function scaledParties(p: PerParty<number>, f: number, sum: number): PerParty<number> {
  const platform = scaled(p.platform, f);
  const partner = scaled(p.partner, f);
  return { platform, partner, technician: sum - platform - partner };
}

/** One settlement at price level `f`: lines, sums and shares scaled alike, every sum still exact. */
function variant(s: Settlement, f: number) {
  const lines = s.quote.lines.map((l) => ({ ...l, basis: scaled(l.basis, f), amount: scaled(l.amount, f) }));
  const parts = lines.filter((l) => l.key === 'parts').reduce((sum, l) => sum + l.amount, 0);
  const total = lines.reduce((sum, l) => sum + l.amount, 0);
  const quote: Quote = { ...s.quote, lines, parts, labour: total - parts, total };
  const sharesSum = s.shares.platform + s.shares.partner + s.shares.technician;
  return {
    quote,
    total,
    shares: scaledParties(s.shares, f, sharesSum === s.total ? total : total - parts),
    split: { ...s.split, labourShares: scaledParties(s.split.labourShares, f, total - parts) }
  };
}

/** Lookup tables the generator joins: city slots, price variants, technicians numbered per region. */
async function lookups(handle: DatabaseHandle, templates: Settlement[]): Promise<number> {
  const db = handle.db;
  const population = CITIES.reduce((sum, c) => sum + c.population, 0);
  let start = 0;
  const slots = CITIES.flatMap((c) => {
    const end = Math.round(((start + c.population) / population) * CITY_SLOTS);
    const from = Math.round((start / population) * CITY_SLOTS);
    start += c.population;
    return Array.from({ length: end - from }, (_, k) => ({ slot: from + k, c }));
  });
  await db.execute(sql`create table bench_city_slots (slot int primary key, city_id text, region_id text,
    lng float8, lat float8)`);
  await db.execute(
    sql`insert into bench_city_slots values ${sql.join(
      slots.map(({ slot, c }) => sql`(${slot}, ${c.id}, ${c.regionId}, ${c.lng}, ${c.lat})`),
      sql`, `
    )}`
  );
  const services = await db
    .select({ id: schema.workOrders.id, serviceType: schema.workOrders.serviceType })
    .from(schema.workOrders);
  const serviceOf = new Map(services.map((w) => [w.id, w.serviceType]));
  const variants = templates.flatMap((t) =>
    Array.from({ length: SCALES }, (_, k) => ({ t, ...variant(t, 0.5 + (1.5 * k) / (SCALES - 1)) }))
  );
  await db.execute(sql`create table bench_variants (v int primary key, service_type text, table_id text,
    table_version int, facts jsonb, quote jsonb, total int, shares jsonb, split jsonb, reached jsonb)`);
  await db.execute(
    sql`insert into bench_variants values ${sql.join(
      variants.map(
        (x, v) =>
          sql`(${v}, ${serviceOf.get(x.t.orderId) ?? 'general_repair'}, ${x.t.tableId}, ${x.t.tableVersion},
          ${JSON.stringify(x.t.facts)}::jsonb, ${JSON.stringify(x.quote)}::jsonb, ${x.total},
          ${JSON.stringify(x.shares)}::jsonb, ${JSON.stringify(x.split)}::jsonb, ${JSON.stringify(x.t.reached)}::jsonb)`
      ),
      sql`, `
    )}`
  );
  await db.execute(sql`create table bench_techs as
    select region_id, (row_number() over (partition by region_id order by id) - 1)::int as n, id, partner_id
    from technicians`);
  await db.execute(sql`create index on bench_techs (region_id, n)`);
  await db.execute(sql`create table bench_tech_counts as
    select region_id, count(*)::int as techs from technicians group by region_id`);
  return variants.length;
}

/**
 * Orders [lo, hi): a city by population, a price variant, a day of the past year and a time between 8:00
 * and 21:00 in Beijing (most near mid-afternoon), a technician of the region. Orders frozen today may still
 * await the customer's confirmation; the rest are closed.
 */
async function insertChunk(handle: DatabaseHandle, lo: number, hi: number, variants: number, now: Date) {
  const [first] = await handle.db.select({ id: schema.customers.id }).from(schema.customers).limit(1);
  const customer = first?.id ?? '';
  const midnight = new Date(Math.floor((now.getTime() + 8 * 3_600_000) / DAY_MS) * DAY_MS - 8 * 3_600_000);
  // The technician's payout of orders older than a week: paid in a run a week after, for the older ones.
  const payableBefore = sql`${new Date(now.getTime() - 7 * DAY_MS).toISOString()}::timestamptz`;
  const paidBefore = sql`${new Date(now.getTime() - 14 * DAY_MS).toISOString()}::timestamptz`;
  // The rows are consistent by construction (every key drawn from the tables it refers to), so the
  // foreign-key triggers are skipped for the bulk load: one transaction, replica mode, superuser only.
  await handle.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`
    with r as materialized (
      select i, floor(random() * ${CITY_SLOTS}::int)::int as slot, floor(random() * ${variants}::int)::int as v,
        ${midnight.toISOString()}::timestamptz - floor(random() * 365) * interval '1 day'
          + (8 + 13 * (random() + random()) / 2) * interval '1 hour' as frozen_at,
        random() as tech_r, random() as open_r, random() as age_r, random() as dx, random() as dy
      from generate_series(${lo}::int, ${hi - 1}::int) i),
    g as materialized (
      select gen_random_uuid() as id, r.*, c.city_id, c.region_id, c.lng + (dx - 0.5) * 0.3 as lng,
        c.lat + (dy - 0.5) * 0.3 as lat, t.id as tech, t.partner_id,
        r.frozen_at - (1 + 47 * age_r) * interval '1 hour' as created_at
      from r join bench_city_slots c on c.slot = r.slot
      join bench_tech_counts k on k.region_id = c.region_id
      join bench_techs t on t.region_id = c.region_id and t.n = floor(r.tech_r * k.techs)::int),
    w as (
      insert into work_orders (id, channel, priority, status, region_id, city_id, customer_id, lng, lat,
        service_type, description, fields, parts, assigned_technician_id, version, created_at, updated_at)
      select g.id, 'api', 'normal',
        case when g.frozen_at > ${now.toISOString()}::timestamptz - interval '1 day' and g.open_r < 0.5
          then 'completed' else 'closed' end,
        g.region_id, g.city_id, ${customer}, g.lng, g.lat, v.service_type,
        '历史订单', '{}'::jsonb, '[]'::jsonb, g.tech, 6, g.created_at, g.frozen_at
      from g join bench_variants v on v.v = g.v
      returning id),
    s as (
      insert into settlements (order_id, region_id, technician_id, partner_id, status, version, table_id,
        table_version, facts, quote, total, shares, split, reached, quoted_at, frozen_at, updated_at)
      select g.id, g.region_id, g.tech, g.partner_id, 'frozen', 2, v.table_id, v.table_version, v.facts,
        v.quote, v.total, v.shares, v.split, v.reached, g.created_at + interval '10 minutes', g.frozen_at,
        g.frozen_at
      from g join bench_variants v on v.v = g.v
      returning order_id, shares, frozen_at)
    insert into settlement_payouts (order_id, id, payee, milestone, amount, status, payable_at, paid_at)
    select order_id, 'technician:completed', 'technician', 'completed', (shares->>'technician')::int,
      case when frozen_at < ${paidBefore} then 'paid' else 'payable' end, frozen_at,
      case when frozen_at < ${paidBefore} then frozen_at + interval '7 days' end
    from s where frozen_at < ${payableBefore}`);
  });
}

export interface History {
  templates: number;
  variants: number;
  generateMs: number;
  rollupMs: number;
  financeRollupMs: number;
  demandRollupMs: number;
  analyzeMs: number;
}

/** Fills a freshly seeded database with `orders` completed orders; reports where the time went. */
export async function generateHistory(
  handle: DatabaseHandle,
  orders: number,
  now: Date,
  progress: (done: number) => void
): Promise<History> {
  const templates = await freezeTemplates(handle, now, 24);
  const variants = await lookups(handle, templates);
  const chunk = 250_000;
  const t0 = performance.now();
  // Secondary indexes are built once at the end, from their own definitions: the same indexes, sorted
  // once instead of updated row by row.
  const indexes = await handle.db.execute(sql`select indexname, indexdef from pg_indexes
    where tablename in ('work_orders', 'settlements') and indexname not like '%pkey'`);
  const defs = (indexes as unknown as { rows: { indexname: string; indexdef: string }[] }).rows;
  for (const d of defs) await handle.db.execute(sql.raw(`drop index ${d.indexname}`));
  for (let lo = 0; lo < orders; lo += chunk) {
    await insertChunk(handle, lo, Math.min(orders, lo + chunk), variants, now);
    progress(Math.min(orders, lo + chunk));
  }
  for (const d of defs) await handle.db.execute(sql.raw(d.indexdef));
  const t1 = performance.now();
  // The migrations fill empty rollups; the templates' freezing already added theirs.
  await refillRollups(handle.db);
  const t2 = performance.now();
  await handle.db.delete(schema.financeRollup);
  for (const statement of migrationBackfill('_finance_rollup.sql')) await handle.db.execute(statement);
  const t3 = performance.now();
  await handle.db.delete(schema.createdOrdersCity);
  await handle.db.delete(schema.createdOrdersCell);
  for (const statement of migrationBackfill('_created_orders_rollup.sql')) await handle.db.execute(statement);
  const t4 = performance.now();
  await handle.db.execute(sql`analyze`);
  return {
    templates: templates.length,
    variants,
    generateMs: t1 - t0,
    rollupMs: t2 - t1,
    financeRollupMs: t3 - t2,
    demandRollupMs: t4 - t3,
    analyzeMs: performance.now() - t4
  };
}
