import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { schema, type DatabaseHandle } from '../../db';
import type { MonthSettlements, SettlementView } from '../../realtime/contract';
import { techId, techUsername } from '../../realtime/demo/seed';
import { login, seed, startServer, TEST_TECHNICIANS, type TestServer } from '../support/app';
import { backends } from '../support/backends';
import { orderTools, stockedIn } from '../support/orders';

import { connect, connected, until, type TestSocket } from '../support/sockets';

const GUANGZHOU = { lng: 113.32, lat: 23.135 };
const LHASA = { lng: 91.13, lat: 29.66 };

// A standard AC install in Shanghai (east, tier 1) at 10:00 Beijing time: 200元 × regional 1.2 = 240元,
// split 20 / 10 / 70 % (no platform tier below 500元), paid 70 % at completion and 30 % at acceptance.
const LOCAL = { total: 24_000, technician: 16_800 };
// Served from another region: + 15 % cross-region subsidy.
const CROSS = { total: 27_600, technician: 19_320 };
// And priced urgent (critical ×1.2 before the subsidy): 240 × 1.2 × 1.15 = 331.20元.
const URGENT = { total: 33_120, technician: 23_184 };

describe.each(backends('the settlement tests'))('settlements on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let server: TestServer;
  let supervisor: string;
  const tools = orderTools(
    () => handle,
    () => server
  );
  /** The first demo technician (by number) whose home is in, or outside, the east. */
  const technician = (east: boolean) => {
    for (let n = 1; n <= TEST_TECHNICIANS; n++) {
      const t = server.app.fleet.get(techId(n));
      if (t && (t.regionId === 'east') === east) return { id: t.id, username: techUsername(n) };
    }
    throw new Error('no such technician in the demo');
  };
  const settlementOf = async (cookie: string, id: string) => {
    const r = await tools.api(cookie, 'GET', `/work-orders/${id}`);
    expect(r.status).toBe(200);
    return r.body.settlement as SettlementView | null;
  };
  const assign = async (id: string, technicianId: string) =>
    expect(await tools.assign(supervisor, id, technicianId)).toBe(200);
  const lineKeys = (s: SettlementView | null) => s?.lines.map((l) => l.key);
  /** The holder takes the order through to completion on their phone; answers their session. */
  const completeAs = async (username: string, id: string) => {
    const phone = await login(server.base, username);
    for (const action of ['accept', 'depart', 'arrive', 'complete'])
      expect((await tools.api(phone, 'POST', `/work-orders/${id}/transitions`, { action })).status).toBe(200);
    return phone;
  };

  beforeAll(async () => {
    ({ handle, cleanup } = await open());
    await seed(handle);
    server = await startServer(handle);
    supervisor = await login(server.base, 'admin');
  });
  afterAll(async () => {
    await server.close();
    await cleanup();
  });

  it('quotes an order in the transaction that dispatches it, line by line, and not before', async () => {
    const order = await tools.create({ serviceType: 'ac_install' });
    expect(await settlementOf(supervisor, order.id)).toBeNull();
    await assign(order.id, technician(true).id);
    const s = await settlementOf(supervisor, order.id);
    expect(s).toMatchObject({ status: 'quoted', version: 1, total: LOCAL.total, tableId: 'cn-standard' });
    expect(lineKeys(s)).toEqual(['base', 'regional']);
    expect(s?.shares).toEqual({ platform: 4_800, partner: 2_400, technician: LOCAL.technician });
    expect(s?.technician).toEqual({
      share: LOCAL.technician,
      pending: LOCAL.technician,
      payable: 0,
      paid: 0
    });
    const detail = await tools.api(supervisor, 'GET', `/work-orders/${order.id}`);
    expect((detail.body.timeline as { type: string }[]).map((e) => e.type)).toContain('settlement.quoted');
  });

  it('quotes what auto-dispatch assigns (as the simulator’s orders are), and an offer once it is accepted', async () => {
    const east = await tools.create({ serviceType: 'ac_install' });
    // South China's demo policy offers instead of assigning.
    const south = await tools.create({
      serviceType: 'ac_install',
      customer: { name: '林女士', phone: '13900139000', address: '广州', location: GUANGZHOU }
    });
    await server.app.dispatch.sweep();
    const assigned = await tools.order(east.id);
    expect(assigned?.status).toBe('assigned');
    expect(await settlementOf(supervisor, east.id)).toMatchObject({
      status: 'quoted',
      technicianId: assigned?.assignedTechnicianId
    });
    const offered = await tools.order(south.id);
    expect(offered?.status).toBe('offered');
    expect(await settlementOf(supervisor, south.id)).toBeNull();
    const n = Number(offered?.assignedTechnicianId?.slice(1));
    const phone = await login(server.base, techUsername(n));
    expect(
      (await tools.api(phone, 'POST', `/work-orders/${south.id}/transitions`, { action: 'accept' })).status
    ).toBe(200);
    expect(await settlementOf(phone, south.id)).toMatchObject({
      status: 'quoted',
      technicianId: offered?.assignedTechnicianId
    });
  });

  it('requotes with the cross-region subsidy when a technician from another region takes over', async () => {
    const order = await tools.create({ serviceType: 'ac_install' });
    await assign(order.id, technician(true).id);
    await assign(order.id, technician(false).id);
    const s = await settlementOf(supervisor, order.id);
    expect(s).toMatchObject({
      status: 'quoted',
      version: 2,
      total: CROSS.total,
      technicianId: technician(false).id
    });
    expect(lineKeys(s)).toEqual(['base', 'regional', 'cross_region']);
    expect(s?.technician.share).toBe(CROSS.technician);
  });

  it('raises the technician’s pay live when a supervisor adds an urgent premium, and refuses it twice', async () => {
    const far = technician(false);
    const order = await tools.create({ serviceType: 'ac_install' });
    await assign(order.id, far.id);
    const phone: TestSocket = connect(server.base, await login(server.base, far.username));
    try {
      await connected(phone);
      const heard: SettlementView[] = [];
      phone.on('settlement:updated', (s) => heard.push(s));
      const r = await tools.api(supervisor, 'POST', `/work-orders/${order.id}/surcharges`, {
        kind: 'urgent',
        reason: '客户加急',
        expectedVersion: 1
      });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({
        version: 2,
        total: URGENT.total,
        technician: { share: URGENT.technician }
      });
      expect(lineKeys(r.body as unknown as SettlementView)).toEqual([
        'base',
        'regional',
        'urgency',
        'cross_region'
      ]);
      await until(() => heard.some((s) => s.orderId === order.id), 'settlement:updated on the phone');
      expect(heard.find((s) => s.orderId === order.id)?.technician.share).toBe(URGENT.technician);
      // The requote keeps the partner the technician works through: finance's statements group by it.
      const [tech] = await handle.db
        .select({ partnerId: schema.technicians.partnerId })
        .from(schema.technicians)
        .where(eq(schema.technicians.id, far.id));
      const [row] = await handle.db
        .select({ partnerId: schema.settlements.partnerId })
        .from(schema.settlements)
        .where(eq(schema.settlements.orderId, order.id));
      expect(tech?.partnerId).not.toBeNull();
      expect(row?.partnerId).toBe(tech?.partnerId);
      const again = await tools.api(supervisor, 'POST', `/work-orders/${order.id}/surcharges`, {
        kind: 'urgent',
        reason: '再次加急',
        expectedVersion: 2
      });
      expect(again.status).toBe(409);
      expect((again.body.error as { code: string }).code).toBe('already_applied');
      const stale = await tools.api(supervisor, 'POST', `/work-orders/${order.id}/surcharges`, {
        kind: 'urgent',
        reason: '旧版本',
        expectedVersion: 1
      });
      expect((stale.body.error as { code: string }).code).toBe('version_conflict');
    } finally {
      phone.disconnect();
    }
  });

  it('answers 422 naming the field for a bad surcharge, and stores nothing', async () => {
    const order = await tools.create({ serviceType: 'ac_install' });
    await assign(order.id, technician(true).id);
    const r = await tools.api(supervisor, 'POST', `/work-orders/${order.id}/surcharges`, {
      kind: 'weekend',
      reason: ' ',
      expectedVersion: 0
    });
    expect(r.status).toBe(422);
    const paths = (r.body.error as { fields: { path: string }[] }).fields.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['kind', 'reason', 'expectedVersion']));
    expect((await settlementOf(supervisor, order.id))?.version).toBe(1);
  });

  it('freezes at completion (a later surcharge is refused) and makes 70 % then 30 % payable', async () => {
    const far = technician(false);
    const order = await tools.create({ serviceType: 'ac_install' });
    await assign(order.id, far.id);
    const phone = await completeAs(far.username, order.id);
    const frozen = await settlementOf(phone, order.id);
    expect(frozen).toMatchObject({ status: 'frozen', total: CROSS.total });
    expect(frozen?.technician).toEqual({ share: 19_320, pending: 5_796, payable: 13_524, paid: 0 });
    const late = await tools.api(supervisor, 'POST', `/work-orders/${order.id}/surcharges`, {
      kind: 'urgent',
      reason: '太晚了',
      expectedVersion: frozen?.version
    });
    expect(late.status).toBe(409);
    expect((late.body.error as { code: string }).code).toBe('settlement_frozen');
    expect(
      (await tools.api(supervisor, 'POST', `/work-orders/${order.id}/transitions`, { action: 'confirm' }))
        .status
    ).toBe(200);
    const accepted = await settlementOf(phone, order.id);
    expect(accepted?.technician).toEqual({ share: 19_320, pending: 0, payable: 19_320, paid: 0 });
    expect(
      accepted?.payouts.filter((p) => p.payee === 'technician').map((p) => [p.milestone, p.status])
    ).toEqual([
      ['completed', 'payable'],
      ['accepted', 'payable']
    ]);
    const month = await tools.api(phone, 'GET', '/me/settlements?month=2026-11');
    expect(month.status).toBe(200);
    const mine = month.body as unknown as MonthSettlements;
    expect(mine.items.map((s) => s.orderId)).toContain(order.id);
    expect(mine.items.every((s) => s.technicianId === far.id)).toBe(true);
    expect(mine.totals.payable).toBe(mine.items.reduce((sum, s) => sum + s.technician.payable, 0));
    expect(mine.totals.payable).toBeGreaterThanOrEqual(19_320);
  });

  it('lets finance deduct for a complaint as a payout of its own, kept through a requote, with its audit event', async () => {
    const order = await tools.create({ serviceType: 'ac_install' });
    await assign(order.id, technician(true).id);
    const finance = await login(server.base, 'finance');
    const deduction = {
      id: 'complaint-1',
      kind: 'deduction',
      payee: 'technician',
      amount: 1_000,
      reason: '客户投诉迟到'
    };
    const r = await tools.api(finance, 'POST', `/work-orders/${order.id}/settlement/adjustments`, {
      ...deduction,
      expectedVersion: 1
    });
    expect(r.status).toBe(201);
    const adjusted = r.body as unknown as SettlementView;
    expect(adjusted.total).toBe(LOCAL.total);
    expect(adjusted.technician).toMatchObject({
      share: LOCAL.technician - 1_000,
      pending: LOCAL.technician - 1_000
    });
    expect(adjusted.payouts).toContainEqual(
      expect.objectContaining({ id: 'adjustment:complaint-1', amount: -1_000, reason: '客户投诉迟到' })
    );
    const again = await tools.api(finance, 'POST', `/work-orders/${order.id}/settlement/adjustments`, {
      ...deduction,
      expectedVersion: 2
    });
    expect((again.body.error as { code: string }).code).toBe('duplicate_adjustment');
    // A new holder reprices the order; the deduction stays.
    await assign(order.id, technician(false).id);
    expect((await settlementOf(supervisor, order.id))?.technician.share).toBe(CROSS.technician - 1_000);
    const detail = await tools.api(supervisor, 'GET', `/work-orders/${order.id}`);
    expect(detail.body.timeline).toContainEqual(
      expect.objectContaining({ type: 'settlement.adjusted', actor: 'user:finance' })
    );
    const dispatcher = await login(server.base, 'dispatch.east');
    expect(
      (
        await tools.api(dispatcher, 'POST', `/work-orders/${order.id}/settlement/adjustments`, {
          ...deduction,
          id: 'x',
          expectedVersion: 3
        })
      ).status
    ).toBe(403);
    const bad = await tools.api(finance, 'POST', `/work-orders/${order.id}/settlement/adjustments`, {
      ...deduction,
      id: 'neg',
      amount: -5,
      expectedVersion: 3
    });
    expect(bad.status).toBe(422);
    expect((bad.body.error as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual(['amount']);
  });

  it('shows a technician only their own settlements', async () => {
    const near = technician(true);
    const far = technician(false);
    const order = await tools.create({ serviceType: 'ac_install' });
    await assign(order.id, far.id);
    const other = await login(server.base, near.username);
    expect((await tools.api(other, 'GET', `/work-orders/${order.id}`)).status).toBe(403);
    const month = (await tools.api(other, 'GET', '/me/settlements?month=2026-11'))
      .body as unknown as MonthSettlements;
    expect(month.items.map((s) => s.orderId)).not.toContain(order.id);
    expect(
      (
        await tools.api(other, 'POST', `/work-orders/${order.id}/surcharges`, {
          kind: 'urgent',
          reason: 'x',
          expectedVersion: 1
        })
      ).status
    ).toBe(403);
    expect((await tools.api(supervisor, 'GET', '/me/settlements')).status).toBe(403);
    expect((await tools.api(other, 'GET', '/me/settlements?month=2026-13')).status).toBe(422);
  });

  it('adds the plateau surcharge to an order in Lhasa (3,650 m), on the labour before it', async () => {
    const order = await tools.create({
      serviceType: 'ac_install',
      customer: { name: '次仁', phone: '13800138000', address: '拉萨城关区', location: LHASA }
    });
    expect(order.cityId).toBe('lasa');
    await assign(order.id, technician(true).id);
    const s = await settlementOf(supervisor, order.id);
    // 200元 × southwest tier 3 (×1.05) = 210元, then +15 % above 3,000 m, then the subsidy of an east technician.
    expect(lineKeys(s)).toEqual(['base', 'regional', 'altitude', 'cross_region']);
    expect(s?.lines.find((l) => l.key === 'altitude')).toMatchObject({
      basis: 21_000,
      factor: 1_500,
      amount: 3_150
    });
    expect(s?.total).toBe(27_773);
  });

  it('charges the reserved parts at cost to the platform outside the split, follows the reservation and freezes them with the job', async () => {
    const { sku } = await stockedIn(handle, 'shanghai', 2);
    const [part] = await handle.db.select().from(schema.parts).where(eq(schema.parts.sku, sku));
    if (!part) throw new Error(`no part ${sku}`);
    const cost = 2 * part.unitCostFen;
    const near = technician(true);
    const order = await tools.create({ serviceType: 'ac_install', parts: [{ sku, qty: 2 }] });
    await assign(order.id, near.id);
    const quoted = await settlementOf(supervisor, order.id);
    expect(lineKeys(quoted)).toEqual(['base', 'regional', 'parts']);
    expect(quoted?.lines.at(-1)).toMatchObject({
      basis: part.unitCostFen,
      factor: 20_000,
      amount: cost,
      supplier: 'platform'
    });
    expect(quoted?.total).toBe(LOCAL.total + cost);
    // The technician is paid for the labour only; the platform gets its parts back.
    expect(quoted?.shares).toEqual({ platform: 4_800 + cost, partner: 2_400, technician: LOCAL.technician });

    const { version } = (await tools.order(order.id)) ?? { version: 0 };
    const back = await tools.api(supervisor, 'DELETE', `/work-orders/${order.id}/assignment`, {
      expectedVersion: version,
      reason: '退回'
    });
    expect(back.status).toBe(200);
    expect(lineKeys(await settlementOf(supervisor, order.id))).toEqual(['base', 'regional']);

    await assign(order.id, near.id);
    await completeAs(near.username, order.id);
    const frozen = await settlementOf(supervisor, order.id);
    expect(frozen).toMatchObject({ status: 'frozen', total: LOCAL.total + cost });
    expect(frozen?.shares.technician).toBe(LOCAL.technician);
    const [stored] = await handle.db
      .select({ parts: schema.settlements.quote })
      .from(schema.settlements)
      .where(eq(schema.settlements.orderId, order.id));
    expect(stored?.parts.parts).toBe(cost);
  });
});
