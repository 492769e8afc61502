import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profitGroups, schema, type DatabaseHandle, type ProfitFilter } from '../../db';
import { addFigures, figuresOf, noFigures, type ProfitGroups } from '../../dispatcher/insights/profit';
import { CITIES, REGION_IDS } from '../../geo/cities';
import { login, seed, startServer, TEST_NOW, TEST_TECHNICIANS, type TestServer } from '../support/app';
import { backends } from '../support/backends';
import { orderTools } from '../support/orders';

const HOUR = 3_600_000;
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
    // Orders in cities of every region, completed every 41 minutes into the next day by technicians
    // who are sometimes from elsewhere (a cross-region subsidy), with two service types.
    for (let i = 0; i < 16; i++) {
      const city = CITIES[(i * 37) % CITIES.length];
      if (!city) throw new Error('no city');
      const order = await tools.create({
        serviceType: i % 3 === 0 ? 'ac_install' : 'ac_repair',
        customer: { name: '赵六', phone: '13600136000', address: city.name, location: city }
      });
      await tools.complete(admin, order.id, 1 + ((i * 53) % TEST_TECHNICIANS));
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

  it('backfills the rollup of settlements frozen before it existed (the migration)', async () => {
    const all = { regionIds: [...REGION_IDS], from: new Date(0), to: new Date(now + HOUR), timeZone: 'UTC' };
    const before = await groups(all, true);
    // Found by name: migrations are renumbered as branches merge.
    const folder = new URL('../../db/migrations/', import.meta.url);
    const file = readdirSync(folder).find((f) => f.endsWith('_settlement_hourly_rollup.sql'));
    const migration = readFileSync(new URL(file ?? 'missing', folder), 'utf8');
    const backfill = migration.split('--> statement-breakpoint').find((s) => s.includes('INSERT INTO'));
    if (!backfill) throw new Error('the migration has no backfill');
    await handle.db.delete(schema.settlementHourly);
    expect(await groups(all, true)).not.toEqual(before);
    await handle.db.execute(sql.raw(backfill));
    expect(await groups(all, true)).toEqual(before);
  });
});
