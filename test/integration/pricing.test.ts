import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema, type DatabaseHandle } from '../../db';
import type {
  ChangeRequestView,
  PricePreview,
  PriceTableView,
  SettlementView
} from '../../realtime/contract';
import { techUsername } from '../../realtime/demo/seed';
import { login, seed, startServer, TEST_NOW, type TestServer } from '../support/app';
import { backends } from '../support/backends';
import { orderTools } from '../support/orders';

const HOUR = 3_600_000;
const NOW = TEST_NOW.getTime();
const TABLE = '/pricing/tables/cn-standard';
/** East China's coefficients in the demo table: 1.2, 1.1, 1.0 by city tier. */
const EAST = { tier1: 12_000, tier2: 11_000, tier3: 10_000 };
/** A standard AC install in Shanghai (east, tier 1) at 10:00 on a weekday, served from the east. */
const SHANGHAI_SAMPLE = {
  itemId: 'ac_install',
  regionId: 'east',
  cityTier: 1,
  altitudeM: 4,
  serviceAt: NOW,
  priority: 'normal',
  technicianRegionId: 'east',
  parts: []
};

describe.each(backends('the price table editor tests'))('the price table editor on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let server: TestServer;
  let admin: string;
  let manager: string;
  const tools = orderTools(
    () => handle,
    () => server
  );
  const table = async () => (await tools.api(admin, 'GET', TABLE)).body as unknown as PriceTableView;
  const requests = () => handle.db.select().from(schema.pricingChangeRequests);
  const editEast = (cookie: string, body: Record<string, unknown>) =>
    tools.api(cookie, 'PUT', `${TABLE}/regions/east`, body);
  const fields = (body: Record<string, unknown>) =>
    ((body.error as { fields?: { path: string }[] }).fields ?? []).map((f) => f.path);

  beforeAll(async () => {
    ({ handle, cleanup } = await open());
    await seed(handle);
    server = await startServer(handle);
    admin = await login(server.base, 'admin');
    manager = await login(server.base, 'manager.east');
  });
  afterAll(async () => {
    await server.close();
    await cleanup();
  });

  it('shows a manager the table, its versions, the bounds and the regions they may edit', async () => {
    const r = await tools.api(manager, 'GET', TABLE);
    expect(r.status).toBe(200);
    const view = r.body as unknown as PriceTableView;
    expect(view).toMatchObject({ inForceVersion: 1, editableRegions: ['east'] });
    expect(view.table.regional.east).toEqual(EAST);
    expect(view.versions.map((v) => v.version)).toEqual([1]);
    expect(view.bounds.byTier.tier1).toEqual({ min: 10_000, max: 14_000 });
    expect((await tools.api(manager, 'GET', '/pricing/tables/nope')).status).toBe(404);
    const tech = await login(server.base, techUsername(1));
    expect((await tools.api(tech, 'GET', TABLE)).status).toBe(403);
  });

  it('refuses bad input with 422 naming the field, and saves nothing', async () => {
    const valid = { expectedVersion: 1, coefficients: { ...EAST, tier1: 12_500 }, effectiveFrom: NOW };
    const cases: [string, Record<string, unknown>, string][] = [
      ['negative', { ...valid, coefficients: { ...EAST, tier1: -12_000 } }, 'coefficients.tier1'],
      ['absurd', { ...valid, coefficients: { ...EAST, tier2: 120_000 } }, 'coefficients.tier2'],
      ['a fraction', { ...valid, coefficients: { ...EAST, tier3: 1.2 } }, 'coefficients.tier3'],
      ['in the past', { ...valid, effectiveFrom: NOW - 24 * HOUR }, 'effectiveFrom'],
      [
        'overlapping version 1',
        { ...valid, effectiveFrom: Date.parse('2025-12-01T00:00:00+08:00') },
        'effectiveFrom'
      ],
      ['no version', { coefficients: EAST, effectiveFrom: NOW }, 'expectedVersion']
    ];
    for (const [what, body, field] of cases) {
      const r = await editEast(manager, body);
      expect(r.status, what).toBe(422);
      expect(fields(r.body), what).toContain(field);
    }
    const unknown = await tools.api(admin, 'PUT', `${TABLE}/regions/atlantis`, valid);
    expect(unknown.status).toBe(422);
    expect(fields(unknown.body)).toEqual(['regionId']);
    expect((await table()).versions).toHaveLength(1);
    expect(await requests()).toEqual([]);
  });

  it('refuses a manager another region’s coefficients, and a dispatcher any', async () => {
    const body = { expectedVersion: 1, coefficients: EAST, effectiveFrom: NOW };
    const north = await tools.api(manager, 'PUT', `${TABLE}/regions/north`, body);
    expect(north.status).toBe(403);
    const dispatcher = await login(server.base, 'dispatch.east');
    expect((await editEast(dispatcher, body)).status).toBe(403);
    expect((await table()).versions).toHaveLength(1);
  });

  it('saves a change within the bounds as a new version in force at once, which the next quote uses', async () => {
    const r = await editEast(manager, {
      expectedVersion: 1,
      coefficients: { ...EAST, tier1: 12_500 },
      effectiveFrom: NOW,
      reason: '上海人工成本上涨'
    });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('saved');
    const view = await table();
    expect(view).toMatchObject({ inForceVersion: 2 });
    expect(view.table.regional.east.tier1).toBe(12_500);
    expect(view.versions.map((v) => [v.version, v.effectiveTo])).toEqual([
      [1, TEST_NOW.toISOString()],
      [2, null]
    ]);
    // An order dispatched now: 200元 × 1.25.
    const order = await tools.create({ serviceType: 'ac_install' });
    const tech = server.app.fleet.inRegions(['east']).find((t) => t.status !== 'offline');
    const assigned = await tools.api(admin, 'PUT', `/work-orders/${order.id}/assignment`, {
      technicianId: tech?.id,
      expectedVersion: order.version,
      reason: 'test',
      confirmViolations: true
    });
    expect(assigned.status).toBe(200);
    const detail = await tools.api(admin, 'GET', `/work-orders/${order.id}`);
    expect(detail.body.settlement).toMatchObject({
      tableVersion: 2,
      total: 25_000
    } satisfies Partial<SettlementView>);
    const events = await handle.db
      .select()
      .from(schema.events)
      .where(eq(schema.events.type, 'pricing.version_created'));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: 'user:manager.east', aggregateId: 'cn-standard' });
  });

  it('answers 409 to an edit made on a version that is no longer the latest, and saves nothing', async () => {
    const r = await editEast(manager, { expectedVersion: 1, coefficients: EAST, effectiveFrom: NOW + HOUR });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'version_conflict', currentVersion: 2 });
    expect((await table()).versions).toHaveLength(2);
  });

  it('queues a change beyond the bounds for an admin, who approves it into the next version', async () => {
    const r = await editEast(manager, {
      expectedVersion: 2,
      coefficients: { ...EAST, tier1: 14_500 },
      effectiveFrom: NOW + HOUR,
      reason: '进博会期间'
    });
    expect(r.status).toBe(202);
    const request = (r.body as { request: ChangeRequestView }).request;
    expect(request).toMatchObject({ status: 'pending', baseVersion: 2, regionId: 'east' });
    expect(request.breaches).toEqual([
      { path: 'regional.east.tier1', value: 14_500, min: 11_500, max: 13_500 }
    ]);
    expect((await table()).versions).toHaveLength(2);

    expect((await tools.api(manager, 'GET', '/pricing/approvals')).status).toBe(403);
    const decideAs = (cookie: string, body: unknown) =>
      tools.api(cookie, 'POST', `/pricing/approvals/${request.id}`, body);
    expect((await decideAs(manager, { decision: 'approve', reason: '自己批' })).status).toBe(403);
    const queue = await tools.api(admin, 'GET', '/pricing/approvals?status=pending');
    expect((queue.body as unknown as ChangeRequestView[]).map((q) => q.id)).toEqual([request.id]);
    const noReason = await decideAs(admin, { decision: 'approve', reason: ' ' });
    expect(noReason.status).toBe(422);
    expect(fields(noReason.body)).toEqual(['reason']);

    const approved = await decideAs(admin, { decision: 'approve', reason: '展会一周' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', appliedVersion: 3, decidedBy: 'user:admin' });
    const view = await table();
    expect(view.table).toMatchObject({ version: 3, effectiveFrom: NOW + HOUR });
    expect(view.table.regional.east.tier1).toBe(14_500);
    // Still version 2 until the approved one begins.
    expect(view.inForceVersion).toBe(2);
    expect((await decideAs(admin, { decision: 'reject', reason: '再看' })).status).toBe(409);
    const types = (
      await handle.db.select().from(schema.events).where(eq(schema.events.aggregateType, 'price_table'))
    ).map((e) => e.type);
    expect(types).toEqual([
      'pricing.version_created',
      'pricing.change_requested',
      'pricing.version_created',
      'pricing.change_approved'
    ]);
  });

  it('refuses to approve a request made on an older version (409), and records a rejection with its reason', async () => {
    const ask = (tier1: number, hours: number) =>
      editEast(manager, {
        expectedVersion: 3,
        coefficients: { ...EAST, tier1 },
        effectiveFrom: NOW + hours * HOUR
      });
    const first = (await ask(10_000, 2)).body as { request: ChangeRequestView };
    const second = (await ask(10_000, 3)).body as { request: ChangeRequestView };
    const decide = (id: string, decision: string) =>
      tools.api(admin, 'POST', `/pricing/approvals/${id}`, { decision, reason: '审核' });
    expect((await decide(first.request.id, 'approve')).status).toBe(200);
    const stale = await decide(second.request.id, 'approve');
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'stale_request', currentVersion: 4 });
    const rejected = await decide(second.request.id, 'reject');
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionReason: '审核', appliedVersion: null });
    expect((await table()).versions).toHaveLength(4);
    expect(
      (await tools.api(admin, 'POST', '/pricing/approvals/not-a-uuid', { decision: 'reject', reason: 'x' }))
        .status
    ).toBe(404);
  });

  it('previews a draft on a sample order without storing anything', async () => {
    const preview = async (body: unknown) => {
      const r = await tools.api(manager, 'POST', '/pricing/preview', body);
      expect(r.status).toBe(200);
      return r.body as unknown as PricePreview;
    };
    const regionChange = { regionId: 'east', coefficients: { ...EAST, tier1: 13_000 } };
    const plain = await preview({ regionChange, sampleOrder: SHANGHAI_SAMPLE });
    expect(plain.lines.map((l) => l.key)).toEqual(['base', 'regional']);
    expect(plain.total).toBe(26_000);
    expect(plain.shares).toEqual({ platform: 5_200, partner: 2_600, technician: 18_200 });
    const withPart = await preview({
      regionChange,
      sampleOrder: {
        ...SHANGHAI_SAMPLE,
        parts: [{ sku: 'AC-CAP', name: '电容', quantity: 2, unitCost: 3_500, supplier: 'platform' }]
      }
    });
    expect(withPart.total).toBe(33_000);
    expect(withPart.shares.technician).toBe(18_200);
    const unknownItem = await tools.api(manager, 'POST', '/pricing/preview', {
      sampleOrder: { ...SHANGHAI_SAMPLE, itemId: 'teleport' }
    });
    expect(unknownItem.status).toBe(422);
    expect(fields(unknownItem.body)).toEqual(['sampleOrder.itemId']);
    const finance = await login(server.base, 'finance');
    expect(
      (await tools.api(finance, 'POST', '/pricing/preview', { sampleOrder: SHANGHAI_SAMPLE })).status
    ).toBe(403);
    expect((await table()).versions).toHaveLength(4);
  });
});
