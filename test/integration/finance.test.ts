import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFinanceSettlements, sumFinanceTotals, type DatabaseHandle } from '../../db';
import { financeTotals } from '../../dispatcher/settlement/totals';
import { REGION_IDS } from '../../geo/cities';
import { totalsItem } from '../../realtime/settlement/finance-service';
import type {
  FinanceSettlementsPage,
  PayoutsPaid,
  SettlementTermsView,
  SettlementView
} from '../../realtime/contract';
import { techId, techUsername } from '../../realtime/demo/seed';
import { login, seed, startServer, TEST_NOW, TEST_TECHNICIANS, type TestServer } from '../support/app';
import { backends } from '../support/backends';
import { fenOf, parseCsv } from '../support/csv';
import { orderTools, SHANGHAI } from '../support/orders';
import { connect, connected, until } from '../support/sockets';

/** A customer whose phone, name and address must never reach finance. */
const CUSTOMER = { name: '钱七', phone: '13912345678', address: '浦东新区世纪大道100号', location: SHANGHAI };

describe.each(backends('the finance tests'))('finance on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let server: TestServer;
  let supervisor: string;
  let finance: string;
  const tools = orderTools(
    () => handle,
    () => server
  );
  /** The n-th demo technician (from 1) working in the east. */
  const eastTechnician = (nth = 1) => {
    let seen = 0;
    for (let n = 1; n <= TEST_TECHNICIANS; n++) {
      const t = server.app.fleet.get(techId(n));
      if (t?.regionId === 'east' && ++seen === nth) return { id: t.id, username: techUsername(n) };
    }
    throw new Error('no such technician in the demo');
  };
  const settlementOf = async (id: string) =>
    (await tools.api(supervisor, 'GET', `/work-orders/${id}`)).body.settlement as SettlementView | null;
  const move = async (id: string, action: string, cookie = supervisor) =>
    (await tools.api(cookie, 'POST', `/work-orders/${id}/transitions`, { action, reason: 'test' })).status;
  const assign = async (id: string, technicianId: string) =>
    expect(await tools.assign(supervisor, id, technicianId)).toBe(200);
  /** An east order dispatched to `nth` east technician and taken to completion (70 % payable). */
  const completed = async (nth = 1) => {
    const tech = eastTechnician(nth);
    const order = await tools.create({ serviceType: 'ac_install' });
    await assign(order.id, tech.id);
    const phone = await login(server.base, tech.username);
    for (const action of ['accept', 'depart', 'arrive', 'complete'])
      expect(await move(order.id, action, phone)).toBe(200);
    return { order, tech, phone };
  };

  beforeAll(async () => {
    ({ handle, cleanup } = await open());
    await seed(handle);
    server = await startServer(handle);
    supervisor = await login(server.base, 'admin');
    finance = await login(server.base, 'finance');
  });
  afterAll(async () => {
    await server.close();
    await cleanup();
  });

  describe('cancelling an order', () => {
    it('voids its settlement in the same move: nothing pending or payable, an audit event, requoted after a reopen', async () => {
      const order = await tools.create({ serviceType: 'ac_install' });
      await assign(order.id, eastTechnician().id);
      expect(await move(order.id, 'cancel')).toBe(200);
      const voided = await settlementOf(order.id);
      expect(voided?.status).toBe('void');
      expect(voided?.technician).toEqual({ share: 0, pending: 0, payable: 0, paid: 0 });
      expect(voided?.payouts.every((p) => p.status === 'void')).toBe(true);
      const detail = await tools.api(supervisor, 'GET', `/work-orders/${order.id}`);
      expect(detail.body.timeline).toContainEqual(
        expect.objectContaining({ type: 'settlement.voided', actor: 'user:admin' })
      );
      expect(await move(order.id, 'reopen')).toBe(200);
      expect((await settlementOf(order.id))?.status).toBe('void');
      await assign(order.id, eastTechnician().id);
      const again = await settlementOf(order.id);
      expect(again).toMatchObject({ status: 'quoted', total: 24_000 });
      expect(again?.technician).toEqual({ share: 16_800, pending: 16_800, payable: 0, paid: 0 });
    });
  });

  describe('payment runs', () => {
    const paid = (
      cookie: string,
      items: { orderId: string; payoutId: string }[],
      reference = 'ICBC-2026-11-23'
    ) => tools.api(cookie, 'POST', '/settlements/payouts/paid', { items, reference });

    it('marks payable payouts paid all at once, with an audit event, and the technician’s phone hears it', async () => {
      const { order, phone } = await completed();
      const socket = connect(server.base, phone);
      try {
        await connected(socket);
        const heard: SettlementView[] = [];
        socket.on('settlement:updated', (s) => heard.push(s));
        const items = [
          { orderId: order.id, payoutId: 'technician:completed' },
          { orderId: order.id, payoutId: 'partner:completed' }
        ];
        expect((await paid(supervisor, items)).status).toBe(403);
        const r = await paid(finance, items);
        expect(r.status).toBe(200);
        const run = r.body as unknown as PayoutsPaid;
        expect(run.items.map((i) => [i.payoutId, i.amount])).toEqual([
          ['technician:completed', 11_760],
          ['partner:completed', 1_680]
        ]);
        expect(run.total).toBe(13_440);
        await until(() => heard.some((s) => s.orderId === order.id), 'settlement:updated on the phone');
        expect(heard.at(-1)?.technician).toEqual({ share: 16_800, pending: 5_040, payable: 0, paid: 11_760 });
        const detail = await tools.api(supervisor, 'GET', `/work-orders/${order.id}`);
        expect(detail.body.timeline).toContainEqual(
          expect.objectContaining({
            type: 'settlement.paid',
            actor: 'user:finance',
            payload: expect.objectContaining({ reference: 'ICBC-2026-11-23' })
          })
        );
      } finally {
        socket.close();
      }
    });

    it('pays nothing when one of the run is not payable, and names it', async () => {
      const { order } = await completed();
      const r = await paid(finance, [
        { orderId: order.id, payoutId: 'technician:completed' },
        { orderId: order.id, payoutId: 'technician:accepted' }
      ]);
      expect(r.status).toBe(409);
      expect(r.body.error).toMatchObject({
        code: 'not_payable',
        orderId: order.id,
        payoutId: 'technician:accepted',
        status: 'pending'
      });
      expect((await settlementOf(order.id))?.technician).toMatchObject({ payable: 11_760, paid: 0 });
      const bad = await tools.api(finance, 'POST', '/settlements/payouts/paid', {
        items: [
          { orderId: order.id, payoutId: 'technician:completed' },
          { orderId: order.id, payoutId: 'technician:completed' }
        ],
        reference: ' '
      });
      expect(bad.status).toBe(422);
      expect((bad.body.error as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual([
        'items.1.payoutId',
        'reference'
      ]);
    });

    it('claws back what was paid when the order is cancelled after a reopen', async () => {
      const { order } = await completed();
      expect((await paid(finance, [{ orderId: order.id, payoutId: 'technician:completed' }])).status).toBe(
        200
      );
      expect(await move(order.id, 'reopen')).toBe(200);
      expect(await move(order.id, 'cancel')).toBe(200);
      const voided = await settlementOf(order.id);
      expect(voided?.status).toBe('void');
      expect(voided?.technician).toEqual({ share: 0, pending: 0, payable: -11_760, paid: 11_760 });
      expect(voided?.payouts).toContainEqual(
        expect.objectContaining({ id: 'clawback:technician:completed', amount: -11_760, status: 'payable' })
      );
    });
  });

  describe('the finance API', () => {
    const get = (cookie: string, query: string) => tools.api(cookie, 'GET', `/finance/settlements?${query}`);
    /** Every page of a query, following the cursor. */
    const allPages = async (cookie: string, query: string) => {
      const pages: FinanceSettlementsPage[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const r = await get(cookie, `${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(r.status).toBe(200);
        const page = r.body as unknown as FinanceSettlementsPage;
        pages.push(page);
        cursor = page.nextCursor;
      }
      return pages;
    };

    it('pages through a region’s settlements with totals that add up, and never shows the customer', async () => {
      const order = await tools.create({ serviceType: 'ac_install', customer: CUSTOMER });
      await assign(order.id, eastTechnician(3).id);
      const pages = await allPages(finance, 'regionId=east&from=2026-11-23&to=2026-11-23');
      const items = pages.flatMap((p) => p.items);
      expect(items.map((s) => s.orderId)).toContain(order.id);
      expect(new Set(items.map((s) => s.orderId)).size).toBe(items.length);
      expect(items.every((s) => s.regionId === 'east')).toBe(true);
      const { totals } = pages[0] ?? { totals: null };
      const live = items.filter((s) => s.status !== 'void');
      expect(totals?.all.settlements).toBe(items.length);
      expect(totals?.all.total).toBe(
        live.reduce((sum, s) => sum + s.lines.reduce((t, l) => t + l.amount, 0), 0)
      );
      expect(totals?.byRegion.map((t) => [t.regionId, t.total])).toEqual([['east', totals?.all.total]]);
      expect(totals?.byPeriod.map((t) => t.period)).toEqual(['2026-11-23']);
      expect(totals?.byPartner.reduce((sum, t) => sum + t.technician, 0)).toBe(totals?.all.technician);
      const mine = items.find((s) => s.orderId === order.id);
      expect(mine).toMatchObject({ cityName: '上海', status: 'quoted', total: 24_000 });
      const json = JSON.stringify(pages);
      for (const secret of [CUSTOMER.phone, CUSTOMER.address, CUSTOMER.name])
        expect(json).not.toContain(secret);
    });

    it('lets a regional manager see only their regions, and nobody outside finance’s readers', async () => {
      const east = await login(server.base, 'manager.east');
      const r = await get(east, 'limit=200');
      expect(r.status).toBe(200);
      const page = r.body as unknown as FinanceSettlementsPage;
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.every((s) => s.regionId === 'east')).toBe(true);
      const north = await login(server.base, 'manager.north');
      expect((await get(north, 'regionId=east')).status).toBe(403);
      expect((await get(await login(server.base, 'dispatch.east'), '')).status).toBe(403);
      expect((await get(await login(server.base, eastTechnician().username), '')).status).toBe(403);
      expect((await get(await login(server.base, 'exec'), 'period=month')).status).toBe(200);
      const bad = await get(finance, 'regionId=atlantis&status=lost&limit=0');
      expect(bad.status).toBe(422);
      expect((bad.body.error as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual([
        'regionId',
        'status',
        'limit'
      ]);
    });

    it('exports a CSV statement Excel opens, one record per line and share, whose totals match to the fen', async () => {
      const order = await tools.create({ serviceType: 'ac_install', customer: CUSTOMER });
      await assign(order.id, eastTechnician(3).id);
      const res = await fetch(`${server.base}/api/finance/statement.csv?regionId=east`, {
        headers: { cookie: finance }
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.replaceAll('\r\n', '')).not.toContain('\n');
      for (const secret of [CUSTOMER.phone, CUSTOMER.address, CUSTOMER.name])
        expect(text).not.toContain(secret);
      const [header, ...records] = parseCsv(text);
      expect(header?.length).toBe(13);
      const json = (await tools.api(finance, 'GET', '/finance/settlements?regionId=east'))
        .body as unknown as FinanceSettlementsPage;
      const sum = (record: string, label: string) =>
        records
          .filter((r) => r[0] === record && r[6] !== 'void' && r[8] === label)
          .reduce((s, r) => s + fenOf(r[12] ?? ''), 0);
      const lines = records.filter((r) => r[0] === 'line' && r[6] !== 'void');
      const total = lines.reduce((s, r) => s + fenOf(r[12] ?? ''), 0);
      const totalOf = (label: string) =>
        fenOf(records.find((r) => r[0] === 'total:all' && r[8] === label)?.[12] ?? '');
      expect(total).toBe(json.totals.all.total);
      expect(totalOf('total')).toBe(total);
      for (const party of ['platform', 'partner', 'technician'] as const) {
        expect(sum('share', party)).toBe(json.totals.all[party]);
        expect(totalOf(party)).toBe(json.totals.all[party]);
      }
      const mine = records.filter((r) => r[1] === order.id);
      expect(mine.map((r) => [r[0], r[8], r[12]])).toEqual([
        ['line', 'base', '200.00'],
        ['line', 'regional', '40.00'],
        ['share', 'platform', '48.00'],
        ['share', 'partner', '24.00'],
        ['share', 'technician', '168.00']
      ]);
      expect(mine[0]?.[7]).toBe('2026-11-23T10:00:00.000+08:00');
      expect(mine[1]?.[11]).toBe('0.2000');
    });

    it('sums the page’s totals in the database to the fen of the statement’s rows, void and paid ones too', async () => {
      const filter = { regionIds: [...REGION_IDS] };
      const rows = await listFinanceSettlements(handle.db, filter, null, 10_000);
      expect(rows.some((r) => r.row.status === 'void')).toBe(true);
      expect(rows.some((r) => r.payouts.some((p) => p.status === 'paid'))).toBe(true);
      for (const period of ['day', 'month'] as const)
        expect(await sumFinanceTotals(handle.db, filter, period)).toEqual(
          financeTotals(rows.map((r) => totalsItem(r, period)))
        );
    });
  });

  describe('settlement terms', () => {
    const put = (cookie: string, body: Record<string, unknown>) =>
      tools.api(cookie, 'PUT', '/settlement/terms', body);
    const split = (platform: number, partner: number, technician: number) => ({
      ratios: { platform, partner, technician },
      platformTiers: []
    });
    const versions = async () =>
      ((await tools.api(finance, 'GET', '/settlement/terms')).body as unknown as SettlementTermsView)
        .versions;

    it('refuses bad terms with 422 naming the field, a stale version with 409, and saves nothing', async () => {
      const before = await versions();
      const base = { expectedVersion: before.length, default: split(2_000, 1_000, 7_000) };
      const cases: [Record<string, unknown>, string][] = [
        [{ default: split(2_000, 1_000, 6_000) }, 'default.ratios'],
        [{ default: split(-1, 1_001, 9_000) }, 'default.ratios.platform'],
        // zod names the record and, in its message, the unknown key.
        [{ byRegion: { atlantis: split(2_000, 1_000, 7_000) } }, 'byRegion'],
        [{ byPartner: { 'P-nowhere': split(2_000, 1_000, 7_000) } }, 'byPartner.P-nowhere'],
        [{ effectiveFrom: Date.parse('2026-01-01T00:00:00+08:00') }, 'effectiveFrom']
      ];
      for (const [change, field] of cases) {
        const r = await put(finance, { ...base, ...change });
        expect(r.status, field).toBe(422);
        expect((r.body.error as { fields: { path: string }[] }).fields.map((f) => f.path)).toContain(field);
      }
      expect((await put(finance, { ...base, expectedVersion: 99 })).status).toBe(409);
      expect((await put(await login(server.base, 'manager.east'), base)).status).toBe(403);
      expect(await versions()).toEqual(before);
    });

    it('stores a new version whose partner split applies to the next quote, and refuses overlapping dates', async () => {
      const tech = eastTechnician(4);
      const fleetPartner = (
        await handle.db.query.technicians.findFirst({ where: (t, { eq }) => eq(t.id, tech.id) })
      )?.partnerId;
      expect(fleetPartner).toBeTruthy();
      const before = await versions();
      const r = await put(finance, {
        expectedVersion: before.length,
        default: split(2_000, 1_000, 7_000),
        byPartner: { [fleetPartner ?? '']: split(1_000, 1_000, 8_000) }
      });
      expect(r.status).toBe(200);
      const after = (r.body as unknown as SettlementTermsView).versions;
      expect(after.map((v) => [v.version, v.effectiveTo])).toEqual([
        [1, TEST_NOW.getTime()],
        [2, null]
      ]);
      const order = await tools.create({ serviceType: 'ac_install' });
      await assign(order.id, tech.id);
      expect((await settlementOf(order.id))?.shares).toEqual({
        platform: 2_400,
        partner: 2_400,
        technician: 19_200
      });
      const day = 86_400_000;
      const later = await put(finance, {
        expectedVersion: 2,
        effectiveFrom: TEST_NOW.getTime() + 10 * day,
        default: split(2_000, 1_000, 7_000)
      });
      expect(later.status).toBe(200);
      const overlap = await put(finance, {
        expectedVersion: 3,
        effectiveFrom: TEST_NOW.getTime() + 5 * day,
        effectiveTo: TEST_NOW.getTime() + 20 * day,
        default: split(2_000, 1_000, 7_000)
      });
      expect(overlap.status).toBe(422);
      expect(overlap.body.error).toMatchObject({
        fields: [{ path: 'effectiveFrom', message: 'overlaps version 2' }]
      });
      expect((await versions()).length).toBe(3);
    });
  });
});
