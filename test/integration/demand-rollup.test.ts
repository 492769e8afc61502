import { eq, inArray, ne } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demandByCity,
  demandByGridCell,
  demandOrdersOfCity,
  insertWorkOrders,
  moveWorkOrders,
  schema,
  type DatabaseHandle,
  type DemandFilter
} from '../../db';
import { HOTSPOT_CELL_DEG } from '../../dispatcher/insights/heatmap';
import { bucketStart, periodPieces, type Grain } from '../../dispatcher/insights/period-pieces';
import { FINISHED_STATUSES } from '../../dispatcher/work-order/status';
import { CITIES, REGION_IDS } from '../../geo/cities';
import { seed, startServer, type TestServer } from '../support/app';
import { backends } from '../support/backends';
import { orderInput } from '../support/orders';
import { migrationBackfill } from '../support/rollup-backfill';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The history: clusters of orders around moments of 14 months, minutes, hours and weeks apart. */
const ANCHORS = [
  '2025-09-30T23:40:00Z',
  '2026-01-31T22:10:00Z',
  '2026-03-01T00:20:00Z',
  '2026-06-15T12:00:00Z'
];
const SYSTEM = { kind: 'system', name: 'test' } as const;

const city = (i: number) => {
  const c = CITIES[i % CITIES.length];
  if (!c) throw new Error('no city');
  return c;
};

/** Where and when an order lands: a city, a place near it (across grid cells), a moment near an anchor. */
const placement = fc.record({
  city: fc.nat(CITIES.length - 1),
  dLng: fc.double({ min: -0.25, max: 0.25, noNaN: true }),
  dLat: fc.double({ min: -0.25, max: 0.25, noNaN: true }),
  anchor: fc.constantFrom(...ANCHORS.map((a) => Date.parse(a))),
  offset: fc.oneof(
    fc.integer({ min: -2 * HOUR, max: 2 * HOUR }),
    fc.integer({ min: -3 * DAY, max: 3 * DAY }),
    fc.integer({ min: -40 * DAY, max: 40 * DAY })
  )
});
type Placement = typeof placement extends fc.Arbitrary<infer T> ? T : never;
const placed = (p: Placement) => {
  const c = city(p.city);
  return {
    regionId: c.regionId,
    cityId: c.id,
    lng: c.lng + p.dLng,
    lat: c.lat + p.dLat,
    createdAt: new Date(p.anchor + p.offset)
  };
};

describe.each(backends('the demand rollup tests'))('the demand rollup on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let server: TestServer;
  /** Every moment an order was created at or moved from or to: where the periods start and end. */
  const moments: number[] = [];
  /** Orders moved since they were created. */
  const moved: string[] = [];

  beforeAll(async () => {
    ({ handle, cleanup } = await open());
    await seed(handle);
    server = await startServer(handle);
    // A year of history stored as the demo seeds it, in batches.
    const history = fc.sample(placement, { numRuns: 240, seed: 6 }).map(placed);
    await handle.db.transaction(async (tx) => {
      for (let i = 0; i < history.length; i += 80)
        await insertWorkOrders(
          tx,
          history.slice(i, i + 80).map((p, j) => ({
            customer: { name: '孙八', phone: '13900139000', address: '某街 2 号', lng: p.lng, lat: p.lat },
            order: {
              ...p,
              channel: 'api',
              priority: 'normal',
              status: (i + j) % 3 === 0 ? 'closed' : 'created',
              description: '历史',
              fields: {},
              parts: []
            }
          }))
        );
    });
    // Live intake now, one by one and in a batch.
    for (let i = 0; i < 3; i++) await server.app.orders.create(SYSTEM, orderInput());
    await server.app.orders.createMany(
      SYSTEM,
      [0, 1, 2, 3].map(() => ({ input: orderInput() }))
    );
    const orders = await handle.db
      .select({ id: schema.workOrders.id, createdAt: schema.workOrders.createdAt })
      .from(schema.workOrders);
    moments.push(...orders.map((o) => o.createdAt.getTime()));
    // Some move to another city, region, place and time; some are closed.
    const moves = fc.sample(placement, { numRuns: 30, seed: 7 }).map(placed);
    await handle.db.transaction(async (tx) => {
      for (const [i, to] of moves.entries()) {
        const order = orders[i * 7];
        if (!order) continue;
        await moveWorkOrders(tx, [order.id], to);
        moved.push(order.id);
        moments.push(to.createdAt.getTime());
      }
    });
    const closing = orders.filter((_, i) => i % 5 === 1).map((o) => o.id);
    await handle.db
      .update(schema.workOrders)
      .set({ status: 'closed' })
      .where(inArray(schema.workOrders.id, closing));
  });
  afterAll(async () => {
    await server.close();
    await cleanup();
  });

  const rolledUp = { useRollup: true };
  const straight = { useRollup: false };
  const GRAINS: (Grain | 'none')[] = ['none', 'hour', 'day', 'month'];
  const edge = (t: number, grain: Grain | 'none', jitter: number) =>
    grain === 'none' ? t + jitter : bucketStart(grain, new Date(t)).getTime();
  /** Periods starting near a moment of the data, their ends on whole hours, days, months or not. */
  const periods = () =>
    fc
      .record({
        at: fc.constantFrom(...moments),
        fromGrain: fc.constantFrom(...GRAINS),
        jitter: fc.integer({ min: -HOUR, max: HOUR }),
        length: fc.oneof(
          fc.integer({ min: 1, max: 3 * HOUR }),
          fc.integer({ min: HOUR, max: 4 * DAY }),
          fc.integer({ min: DAY, max: 80 * DAY }),
          fc.integer({ min: 30 * DAY, max: 420 * DAY })
        ),
        toGrain: fc.constantFrom(...GRAINS)
      })
      .map(({ at, fromGrain, jitter, length, toGrain }) => {
        const from = edge(at, fromGrain, jitter);
        const to = edge(from + length, toGrain, 0);
        return { from: new Date(from), to: new Date(to > from ? to : from + length) };
      });

  it('counts demand from the rollup exactly as the straight count does, for any period, after creates, moves and closes', async () => {
    const orders = await handle.db
      .select({
        id: schema.workOrders.id,
        createdAt: schema.workOrders.createdAt,
        regionId: schema.workOrders.regionId
      })
      .from(schema.workOrders);
    /** Orders that fell into each kind of piece over the runs: each must have been tried on some. */
    const tried: Record<Grain | 'raw' | 'moved', number> = { month: 0, day: 0, hour: 0, raw: 0, moved: 0 };
    await fc.assert(
      fc.asyncProperty(
        periods(),
        fc.subarray<string>([...REGION_IDS], { minLength: 1 }),
        fc.nat(),
        fc.integer({ min: 1, max: 30 }),
        async ({ from, to }, regionIds, cityPick, limit) => {
          const f: DemandFilter = { regionIds, finishedStatuses: FINISHED_STATUSES, from, to };
          expect(await demandByCity(handle.db, f, rolledUp)).toEqual(
            await demandByCity(handle.db, f, straight)
          );
          expect(await demandByGridCell(handle.db, f, HOTSPOT_CELL_DEG, rolledUp)).toEqual(
            await demandByGridCell(handle.db, f, HOTSPOT_CELL_DEG, straight)
          );
          const cities = CITIES.filter((c) => regionIds.includes(c.regionId));
          // Shanghai holds the live orders, four of them created at one instant (the batch): ties by id.
          for (const cityId of [cities[cityPick % cities.length]?.id ?? '', 'shanghai'])
            expect(await demandOrdersOfCity(handle.db, f, cityId, limit, rolledUp)).toEqual(
              await demandOrdersOfCity(handle.db, f, cityId, limit, straight)
            );
          const pieces = periodPieces(from, to);
          for (const o of orders.filter((o) => regionIds.includes(o.regionId)))
            for (const kind of ['month', 'day', 'hour', 'raw'] as const)
              if (pieces[kind].some((r) => o.createdAt >= r.from && o.createdAt < r.to)) {
                tried[kind]++;
                if (kind !== 'raw' && moved.includes(o.id)) tried.moved++;
              }
        }
      ),
      { numRuns: 60, seed: 11 }
    );
    expect(
      Object.values(tried).every((n) => n > 0),
      JSON.stringify(tried)
    ).toBe(true);
  });

  it('backfills the rollup of orders created before it existed (the migration)', async () => {
    const [city, cell] = [schema.createdOrdersCity, schema.createdOrdersCell];
    const rows = async () => ({
      city: await handle.db
        .select()
        .from(city)
        .where(ne(city.orders, 0))
        .orderBy(city.grain, city.regionId, city.bucket, city.cityId),
      cell: await handle.db
        .select()
        .from(cell)
        .where(ne(cell.orders, 0))
        .orderBy(cell.grain, cell.regionId, cell.bucket, cell.gx, cell.gy)
    });
    const kept = await rows();
    expect(kept.city.length).toBeGreaterThan(0);
    await handle.db.delete(city);
    await handle.db.delete(cell);
    for (const statement of migrationBackfill('_created_orders_rollup.sql'))
      await handle.db.execute(statement);
    expect(await rows()).toEqual(kept);
  });

  it('moves a moved order’s count out of its old city and month into its new ones', async () => {
    const [order] = await handle.db
      .select()
      .from(schema.workOrders)
      .where(eq(schema.workOrders.status, 'closed'))
      .limit(1);
    if (!order) throw new Error('no closed order');
    const to = placed({ city: 0, dLng: 0, dLat: 0, anchor: Date.parse('2024-02-10T08:30:00Z'), offset: 0 });
    const feb = { from: new Date('2024-02-01T00:00:00Z'), to: new Date('2024-03-01T00:00:00Z') };
    const month = (t: Date) => bucketStart('month', t);
    const old = { from: month(order.createdAt), to: new Date(month(order.createdAt).getTime() + 32 * DAY) };
    const count = async (p: { from: Date; to: Date }, cityId: string) => {
      const f = { regionIds: [...REGION_IDS], finishedStatuses: FINISHED_STATUSES, ...p };
      return (await demandByCity(handle.db, f)).find((c) => c.cityId === cityId)?.weight ?? 0;
    };
    const [before, beforeFeb] = [await count(old, order.cityId), await count(feb, to.cityId)];
    await handle.db.transaction((tx) => moveWorkOrders(tx, [order.id], to));
    expect(await count(old, order.cityId)).toBe(before - 1);
    expect(await count(feb, to.cityId)).toBe(beforeFeb + 1);
  });
});
