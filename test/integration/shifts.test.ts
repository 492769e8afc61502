import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema, type DatabaseHandle } from '../../db';
import { haversineKm } from '../../geo/distance';
import type { CreateWorkOrderInput } from '../../realtime/schemas/work-order';
import { login, seed, startServer, type TestServer } from '../support/app';
import { backends } from '../support/backends';

const SHANGHAI = { lng: 121.47, lat: 31.23 };
const GUANGZHOU = { lng: 113.26, lat: 23.13 };
/** 02:00 in Beijing: day shifts are over, night shifts on. */
const NIGHT = new Date('2026-11-23T02:00:00+08:00');
const system = { kind: 'system' as const, name: 'test' };
const input = (location: { lng: number; lat: number }): CreateWorkOrderInput => ({
  channel: 'api',
  serviceType: 'general_repair',
  priority: 'normal',
  description: '门锁坏了',
  customer: { name: '赵六', phone: '13600136000', address: '测试地址', location },
  parts: [],
  fields: {}
});

describe.each(backends('the shift tests'))('technician shifts on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let server: TestServer;
  let admin: string;
  let nightTech: string;
  let freeTech: string;

  beforeAll(async () => {
    ({ handle, cleanup } = await open());
    await seed(handle);
    const techs = await handle.db.select().from(schema.technicians).orderBy(schema.technicians.id);
    const onlineNear = (at: typeof SHANGHAI) =>
      techs.filter((t) => t.status !== 'offline' && haversineKm(t, at) < 30).map((t) => t.id);
    // Everyone works 08:00–20:00 but one night technician in Shanghai, and one (offline) without limits.
    [nightTech = ''] = onlineNear(SHANGHAI);
    freeTech = techs.findLast((t) => t.status === 'offline')?.id ?? '';
    await handle.db.update(schema.technicians).set({ shiftStartMin: 8 * 60, shiftEndMin: 20 * 60 });
    await handle.db
      .update(schema.technicians)
      .set({ shiftStartMin: 20 * 60, shiftEndMin: 8 * 60 })
      .where(eq(schema.technicians.id, nightTech));
    await handle.db
      .update(schema.technicians)
      .set({ shiftStartMin: null, shiftEndMin: null })
      .where(eq(schema.technicians.id, freeTech));
    server = await startServer(handle, { clock: { now: () => NIGHT } });
    admin = await login(server.base, 'admin');
  });
  afterAll(async () => {
    await server.close();
    await cleanup();
  });

  const create = async (location: typeof SHANGHAI) =>
    (await server.app.orders.create(system, input(location))).order.order;
  const status = async (id: string) =>
    (await handle.db.select().from(schema.workOrders).where(eq(schema.workOrders.id, id)))[0];
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.base}/api${path}`, {
      method,
      headers: { cookie: admin, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('gives a night order in Shanghai to the one technician whose night shift is on', async () => {
    const order = await create(SHANGHAI);
    await server.app.dispatch.sweep();
    expect(await status(order.id)).toMatchObject({ status: 'assigned', assignedTechnicianId: nightTech });
  });

  it('leaves an order waiting when everyone within reach is off shift, and says how many', async () => {
    const order = await create(GUANGZHOU);
    await server.app.dispatch.sweep();
    expect(await status(order.id)).toMatchObject({ status: 'created', assignedTechnicianId: null });
    const offShift = server.app.fleet
      .inRegions(['north', 'northeast', 'east', 'central', 'south', 'southwest', 'northwest'])
      .filter((t) => t.status !== 'offline' && haversineKm(t.location, GUANGZHOU) <= 200).length;
    expect(offShift).toBeGreaterThan(0);
    const r = await api('GET', `/work-orders/${order.id}/candidates`);
    expect(r.body.unplacedReason).toContain(`${offShift} off shift`);
    const items = r.body.items as { violations: string[] }[];
    expect(items.length).toBeGreaterThan(0);
    for (const c of items) expect(c.violations).toContain('off_shift');
  });

  it('asks a supervisor to confirm before handing an order to someone off shift', async () => {
    const order = await create(GUANGZHOU);
    const [offShift] = server.app.fleet
      .inRegions(['south'])
      .filter((t) => t.status !== 'offline' && haversineKm(t.location, GUANGZHOU) < 50);
    const refused = await api('PUT', `/work-orders/${order.id}/assignment`, {
      technicianId: offShift?.id,
      expectedVersion: 1,
      reason: '夜间加急'
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'hard_rule_violation', violations: ['off_shift'] });
  });

  it('shows each technician’s shift in Beijing time, or null without limits', async () => {
    const r = await api('GET', '/technicians');
    const items = r.body.items as { id: string; shift: { start: string; end: string } | null }[];
    const shiftOf = (id: string) => items.find((t) => t.id === id)?.shift;
    expect(shiftOf(nightTech)).toEqual({ start: '20:00', end: '08:00' });
    expect(shiftOf(freeTech)).toBeNull();
    expect(shiftOf('T00001')).toEqual({ start: '08:00', end: '20:00' });
  });
});
