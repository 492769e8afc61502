import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  listFinanceSettlements,
  schema,
  sumFinanceTotals,
  type DatabaseHandle,
  type FinanceFilter
} from '../../db';
import { financeTotals } from '../../dispatcher/settlement/totals';
import { SETTLEMENT_STATUSES } from '../../dispatcher/settlement/status';
import { CITIES, REGION_IDS } from '../../geo/cities';
import { seedHistory } from '../../realtime/demo/history-seed';
import { techId } from '../../realtime/demo/seed';
import type { SettlementView } from '../../realtime/contract';
import { totalsItem } from '../../realtime/settlement/finance-service';
import { login, seed, startServer, TEST_TECHNICIANS, type TestServer } from '../support/app';
import { backends } from '../support/backends';
import { orderTools } from '../support/orders';
import { migrationBackfill } from '../support/rollup-backfill';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Three days before the end of November in Beijing: history before it, live orders into December. */
const START = new Date('2026-11-28T10:00:00+08:00').getTime();
const HISTORY_DAYS = 3;
const MONTH_STARTS = ['2026-11-01', '2026-12-01', '2027-01-01'].map((d) => Date.parse(`${d}T00:00:00+08:00`));

describe.each(backends('the finance rollup tests'))('finance’s rollup on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let server: TestServer;
  let now = START;
  const clock = { now: () => new Date(now) };
  const tools = orderTools(
    () => handle,
    () => server
  );
  let partnerIds: string[] = [];
  let technicianIds: string[] = [];

  const move = async (cookie: string, id: string, action: string) =>
    expect(
      (await tools.api(cookie, 'POST', `/work-orders/${id}/transitions`, { action, reason: 'test' })).status
    ).toBe(200);
  const versionOf = async (cookie: string, id: string) =>
    ((await tools.api(cookie, 'GET', `/work-orders/${id}`)).body.settlement as SettlementView).version;

  beforeAll(async () => {
    ({ handle, cleanup } = await open());
    await seed(handle);
    server = await startServer(handle, { clock });
    // Settlements written after the fact: frozen, accepted, deducted and paid in weekly runs.
    expect(
      await seedHistory({ db: handle.db, engine: server.app.settlement, clock, days: HISTORY_DAYS })
    ).toBeGreaterThan(0);
    // Live orders every 7 h 13 min into December, each taken down one of the writers' paths.
    for (let i = 0; i < 15; i++) {
      now += 7 * HOUR + 13 * 60_000;
      // Sessions expire as the clock runs: signed in afresh for each order.
      let admin = await login(server.base, 'admin');
      const finance = await login(server.base, 'finance');
      const city = CITIES[(i * 37) % CITIES.length];
      if (!city) throw new Error('no city');
      const order = await tools.create({
        serviceType: i % 3 === 0 ? 'ac_install' : 'ac_repair',
        customer: { name: '赵六', phone: '13600136000', address: city.name, location: city }
      });
      const n = 1 + ((i * 53) % TEST_TECHNICIANS);
      const pay = async () =>
        expect(
          (
            await tools.api(finance, 'POST', '/settlements/payouts/paid', {
              items: [{ orderId: order.id, payoutId: 'technician:completed' }],
              reference: `RUN-${i}`
            })
          ).status
        ).toBe(200);
      switch (i % 5) {
        case 0: // quoted, and left so
          expect(await tools.assign(admin, order.id, techId(n))).toBe(200);
          break;
        case 1: {
          // requoted on a later day by a new holder (another partner, or none), then a surcharge
          expect(await tools.assign(admin, order.id, techId(n))).toBe(200);
          now += 20 * HOUR;
          admin = await login(server.base, 'admin');
          expect(await tools.assign(admin, order.id, techId(1 + ((n + 7) % TEST_TECHNICIANS)))).toBe(200);
          const r = await tools.api(admin, 'POST', `/work-orders/${order.id}/surcharges`, {
            kind: 'urgent',
            reason: '客户加急',
            expectedVersion: await versionOf(admin, order.id)
          });
          expect(r.status).toBe(201);
          break;
        }
        case 2: // frozen, then its technician's first payout paid
          await tools.complete(admin, order.id, n);
          await pay();
          break;
        case 3: {
          // deducted for a complaint, then cancelled: void
          expect(await tools.assign(admin, order.id, techId(n))).toBe(200);
          const r = await tools.api(finance, 'POST', `/work-orders/${order.id}/settlement/adjustments`, {
            id: `complaint-${i}`,
            kind: 'deduction',
            payee: 'technician',
            amount: 1_000,
            reason: '客户投诉迟到',
            expectedVersion: await versionOf(admin, order.id)
          });
          expect(r.status).toBe(201);
          await move(admin, order.id, 'cancel');
          break;
        }
        default: // frozen, paid, reopened and cancelled: void with a clawback
          await tools.complete(admin, order.id, n);
          await pay();
          await move(admin, order.id, 'reopen');
          await move(admin, order.id, 'cancel');
      }
    }
    const rows = await handle.db.select().from(schema.settlements);
    partnerIds = [...new Set(rows.flatMap((r) => (r.partnerId ? [r.partnerId] : [])))];
    technicianIds = [...new Set(rows.flatMap((r) => (r.technicianId ? [r.technicianId] : [])))];
  });
  afterAll(async () => {
    await server.close();
    await cleanup();
  });

  /** A bound of a period: open, a Beijing midnight, the start of a month, a whole hour, or any instant. */
  const bound = fc.oneof(
    fc.constant(undefined),
    fc.integer({ min: -HISTORY_DAYS - 1, max: 6 }).map((d) => START - 10 * HOUR + d * DAY),
    fc.integer({ min: -24 * (HISTORY_DAYS + 1), max: 24 * 6 }).map((h) => START + h * HOUR),
    fc.constantFrom(...MONTH_STARTS),
    fc.integer({ min: START - (HISTORY_DAYS + 1) * DAY, max: START + 6 * DAY })
  );
  const filters = fc
    .record({
      regionIds: fc.oneof(fc.constant([...REGION_IDS]), fc.subarray([...REGION_IDS], { minLength: 1 })),
      a: bound,
      b: bound,
      partner: fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 2 },
        { arbitrary: fc.constant(null), weight: 1 },
        { arbitrary: fc.nat(), weight: 1 }
      ),
      status: fc.option(fc.constantFrom(...SETTLEMENT_STATUSES), { freq: 2, nil: undefined }),
      technician: fc.option(fc.nat(), { freq: 6, nil: undefined }),
      period: fc.constantFrom('day' as const, 'month' as const)
    })
    .map(({ regionIds, a, b, partner, status, technician, period }) => {
      const [lo, hi] = a !== undefined && b !== undefined ? [Math.min(a, b), Math.max(a, b)] : [a, b];
      const filter: FinanceFilter = {
        regionIds,
        from: lo === undefined ? undefined : new Date(lo),
        // An empty period is no period: a day from its start instead.
        to: hi === undefined ? undefined : new Date(hi === lo ? hi + DAY : hi),
        partnerId:
          partner === null || partner === undefined ? partner : partnerIds[partner % partnerIds.length],
        status,
        technicianId: technician === undefined ? undefined : technicianIds[technician % technicianIds.length]
      };
      return { filter, period };
    });

  /** The rollup's answer equals the same sums straight over the settlements and the statement's. */
  const agrees = async (filter: FinanceFilter, period: 'day' | 'month') => {
    const rollup = await sumFinanceTotals(handle.db, filter, period);
    expect(rollup).toEqual(await sumFinanceTotals(handle.db, filter, period, { useRollup: false }));
    const rows = await listFinanceSettlements(handle.db, filter, null, 100_000);
    expect(rollup).toEqual(financeTotals(rows.map((r) => totalsItem(r, period))));
  };

  it('answers any filter from the rollup with the settlements’ own sums and the statement’s, to the fen', async () => {
    const statuses = await handle.db.execute(sql`select distinct status from settlements order by 1`);
    expect((statuses as unknown as { rows: { status: string }[] }).rows.map((r) => r.status)).toEqual([
      'frozen',
      'quoted',
      'void'
    ]);
    // Each region and each status over all time, day by day: any write the rollup missed shows here.
    for (const regionId of REGION_IDS) await agrees({ regionIds: [regionId] }, 'day');
    for (const status of SETTLEMENT_STATUSES) await agrees({ regionIds: [...REGION_IDS], status }, 'day');
    await fc.assert(
      fc.asyncProperty(filters, ({ filter, period }) => agrees(filter, period)),
      { numRuns: 60 }
    );
    // The year so far, for every region, crosses both months and holds every kind of money.
    const all = await sumFinanceTotals(handle.db, { regionIds: [...REGION_IDS] }, 'month');
    expect(Object.keys(all.byPeriod)).toEqual(['2026-11', '2026-12']);
    expect(all.all.paid).toBeGreaterThan(0);
    expect(all.all.payable).toBeGreaterThan(0);
    expect(all.all.pending).toBeGreaterThan(0);
    expect(Object.keys(all.byPartner)).toContain('');
  });

  it('takes two payment runs at once over crossing days, and its sums still agree', async () => {
    const payable = await handle.db.execute(sql`select p.order_id as "orderId", p.id as "payoutId"
      from settlement_payouts p join settlements s on s.order_id = p.order_id
      where p.status = 'payable' order by s.quoted_at, p.order_id, p.id`);
    // A run pays at most 1,000 payouts: 200 each here.
    const items = (payable as unknown as { rows: { orderId: string; payoutId: string }[] }).rows.slice(
      0,
      400
    );
    expect(items.length).toBeGreaterThanOrEqual(4);
    const finance = await login(server.base, 'finance');
    // One run takes the settlements oldest first, the other newest first: their days cross.
    const runs = [items.filter((_, i) => i % 2 === 0), items.filter((_, i) => i % 2 === 1).reverse()];
    const paid = await Promise.all(
      runs.map((run, i) =>
        tools.api(finance, 'POST', '/settlements/payouts/paid', { items: run, reference: `CROSS-${i}` })
      )
    );
    expect(paid.map((r) => r.status)).toEqual([200, 200]);
    for (const regionId of REGION_IDS) await agrees({ regionIds: [regionId] }, 'day');
  });

  it('backfills the rollup of settlements written before it existed (the migration)', async () => {
    const rollup = async () => {
      const r = await handle.db.execute(sql`select * from finance_rollup
        where settlements <> 0 or total <> 0 or platform <> 0 or partner <> 0 or technician <> 0
          or pending <> 0 or payable <> 0 or paid <> 0
        order by grain, start, region_id, partner_id, status`);
      return (r as unknown as { rows: unknown[] }).rows;
    };
    const kept = await rollup();
    expect(kept.length).toBeGreaterThan(10);
    const days = {
      regionIds: [...REGION_IDS],
      from: new Date(START - 10 * HOUR - 2 * DAY),
      to: new Date(START)
    };
    const fromRollup = await sumFinanceTotals(handle.db, days, 'day');
    await handle.db.delete(schema.financeRollup);
    // Whole days are read from the rollup alone: emptied, they sum to nothing.
    expect(await sumFinanceTotals(handle.db, days, 'day')).not.toEqual(fromRollup);
    for (const statement of migrationBackfill('_finance_rollup.sql')) await handle.db.execute(statement);
    expect(await rollup()).toEqual(kept);
  });
});
