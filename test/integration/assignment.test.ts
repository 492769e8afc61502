import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema, type DatabaseHandle } from '../../db';
import { isOnShift } from '../../dispatcher/fleet/shift';
import { haversineKm } from '../../geo/distance';
import { login, seed, startServer, TEST_NOW, type TestServer } from '../support/app';
import { backends } from '../support/backends';

const SHANGHAI = { lng: 121.47, lat: 31.23 };

describe.each(backends('the assignment tests'))('supervisor override on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let server: TestServer;
  let supervisor: string;

  beforeAll(async () => {
    ({ handle, cleanup } = await open());
    await seed(handle);
    server = await startServer(handle);
    supervisor = await login(server.base, 'dispatch.east');
  });
  afterAll(async () => {
    await server.close();
    await cleanup();
  });

  const call = async (method: string, path: string, body?: unknown, cookie = supervisor) => {
    const res = await fetch(`${server.base}/api${path}`, {
      method,
      headers: { cookie, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    return {
      status: res.status,
      body: (await res.json()) as Record<string, unknown> & { error?: Record<string, unknown> }
    };
  };

  const newOrder = async (serviceType = 'general_repair') => {
    const r = await call('POST', '/work-orders', {
      channel: 'workbench',
      serviceType,
      description: '测试工单',
      customer: { name: '李四', phone: '13900139000', address: '上海市静安区', location: SHANGHAI }
    });
    expect(r.status).toBe(201);
    return r.body as { id: string; version: number };
  };

  // Online east technicians near Shanghai and on shift, the ones a supervisor would pick.
  const nearby = (filter: (skills: string[]) => boolean = () => true) =>
    server.app.fleet
      .inRegions(['east'])
      .filter(
        (t) =>
          t.status !== 'offline' &&
          isOnShift(t.shift, TEST_NOW) &&
          haversineKm(t.location, SHANGHAI) < 150 &&
          filter(t.skills)
      )
      .map((t) => t.id);

  const activeAssignments = (orderId: string) =>
    handle.db.select().from(schema.assignments).where(eq(schema.assignments.workOrderId, orderId));

  it('assigns, records who, why, before and after, and bumps the version', async () => {
    const order = await newOrder();
    const tech = nearby()[0];
    const r = await call('PUT', `/work-orders/${order.id}/assignment`, {
      technicianId: tech,
      expectedVersion: 1,
      reason: '客户指定'
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      status: 'assigned',
      version: 2,
      assignment: { technicianId: tech, locked: false }
    });
    const detail = await call('GET', `/work-orders/${order.id}`);
    expect(detail.body.timeline).toContainEqual(
      expect.objectContaining({
        type: 'order.assigned',
        actor: 'user:dispatch.east',
        payload: expect.objectContaining({
          reason: '客户指定',
          before: expect.objectContaining({ status: 'created', version: 1 }),
          after: expect.objectContaining({ status: 'assigned', technicianId: tech, version: 2 })
        })
      })
    );
  });

  it('answers a stale expectedVersion with 409 and the current state', async () => {
    const order = await newOrder();
    const [a, b] = nearby();
    await call('PUT', `/work-orders/${order.id}/assignment`, {
      technicianId: a,
      expectedVersion: 1,
      reason: 'first'
    });
    const stale = await call('PUT', `/work-orders/${order.id}/assignment`, {
      technicianId: b,
      expectedVersion: 1,
      reason: 'second'
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: 'version_conflict',
      current: { version: 2, status: 'assigned' }
    });
  });

  it('reassigns and locks, ending the previous assignment', async () => {
    const order = await newOrder();
    const [a, b] = nearby();
    await call('PUT', `/work-orders/${order.id}/assignment`, {
      technicianId: a,
      expectedVersion: 1,
      reason: 'first'
    });
    const r = await call('PUT', `/work-orders/${order.id}/assignment`, {
      technicianId: b,
      expectedVersion: 2,
      reason: '改派',
      lock: true
    });
    expect(r.body).toMatchObject({ version: 3, assignment: { technicianId: b, locked: true } });
    const rows = await activeAssignments(order.id);
    expect(rows.filter((x) => x.active).map((x) => x.technicianId)).toEqual([b]);
    expect(rows).toHaveLength(2);
  });

  it('unassigns back to created, and refuses to unassign an order nobody holds', async () => {
    const order = await newOrder();
    const none = await call('DELETE', `/work-orders/${order.id}/assignment`, {
      expectedVersion: 1,
      reason: 'x'
    });
    expect(none.status).toBe(409);
    expect(none.body.error).toMatchObject({
      code: 'illegal_transition',
      allowed: ['offer', 'assign', 'cancel']
    });
    await call('PUT', `/work-orders/${order.id}/assignment`, {
      technicianId: nearby()[0],
      expectedVersion: 1,
      reason: 'x'
    });
    const r = await call('DELETE', `/work-orders/${order.id}/assignment`, {
      expectedVersion: 2,
      reason: '客户取消上门'
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'created', assignment: null, version: 3 });
    expect((await activeAssignments(order.id)).some((x) => x.active)).toBe(false);
  });

  it('refuses a technician who breaks a hard rule unless the supervisor confirms, and records the confirmation', async () => {
    const order = await newOrder('gas_stove');
    const unskilled = nearby((skills) => !skills.includes('燃气灶'))[0];
    const refused = await call('PUT', `/work-orders/${order.id}/assignment`, {
      technicianId: unskilled,
      expectedVersion: 1,
      reason: 'x'
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'hard_rule_violation',
      fields: [{ path: 'technicianId' }]
    });
    expect((refused.body.error as { violations: string[] }).violations).toContain('skill');
    const confirmed = await call('PUT', `/work-orders/${order.id}/assignment`, {
      technicianId: unskilled,
      expectedVersion: 1,
      reason: '唯一可到场的师傅',
      confirmViolations: true
    });
    expect(confirmed.status).toBe(200);
    const [row] = await activeAssignments(order.id);
    expect(row?.violations).toContain('skill');
  });

  it('answers 404 for an unknown technician or order and 422 naming a missing reason', async () => {
    const order = await newOrder();
    expect(
      (
        await call('PUT', `/work-orders/${order.id}/assignment`, {
          technicianId: 'T99999',
          expectedVersion: 1,
          reason: 'x'
        })
      ).status
    ).toBe(404);
    expect(
      (
        await call('PUT', '/work-orders/00000000-0000-0000-0000-000000000000/assignment', {
          technicianId: nearby()[0],
          expectedVersion: 1,
          reason: 'x'
        })
      ).status
    ).toBe(404);
    const bad = await call('PUT', `/work-orders/${order.id}/assignment`, {
      technicianId: nearby()[0],
      expectedVersion: 1
    });
    expect(bad.status).toBe(422);
    expect((bad.body.error as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual(['reason']);
  });

  it('forbids touching another region: a north technician, a north order, or a technician’s own attempt', async () => {
    const order = await newOrder();
    const northTech = server.app.fleet.inRegions(['north'])[0]?.id;
    expect(
      (
        await call('PUT', `/work-orders/${order.id}/assignment`, {
          technicianId: northTech,
          expectedVersion: 1,
          reason: 'x'
        })
      ).status
    ).toBe(403);
    const admin = await login(server.base, 'admin');
    const north = await call(
      'POST',
      '/work-orders',
      {
        channel: 'api',
        description: '北京单',
        customer: { name: '王五', phone: '13700137000', address: '北京', location: { lng: 116.4, lat: 39.9 } }
      },
      admin
    );
    const r = await call('PUT', `/work-orders/${(north.body as { id: string }).id}/assignment`, {
      technicianId: northTech,
      expectedVersion: 1,
      reason: 'x'
    });
    expect(r.status).toBe(403);
    const tech = await login(server.base, 'tech.0001');
    expect(
      (
        await call(
          'PUT',
          `/work-orders/${order.id}/assignment`,
          { technicianId: 'T00001', expectedVersion: 1, reason: 'x' },
          tech
        )
      ).status
    ).toBe(403);
  });

  it('lets exactly one of 100 parallel assignments win; the rest get 409 and nothing is double-assigned', async () => {
    const order = await newOrder();
    const techs = nearby();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        call('PUT', `/work-orders/${order.id}/assignment`, {
          technicianId: techs[i % techs.length],
          expectedVersion: 1,
          reason: `race ${i}`
        })
      )
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(99);
    const rows = await activeAssignments(order.id);
    expect(rows.filter((x) => x.active)).toHaveLength(1);
  });

  it('lets the database itself refuse a second active assignment of one order', async () => {
    const order = await newOrder();
    const [a, b] = nearby();
    const row = { workOrderId: order.id, kind: 'manual', reason: 'x', actor: 'test', violations: [] };
    await handle.db.insert(schema.assignments).values({ ...row, technicianId: a! });
    await expect(handle.db.insert(schema.assignments).values({ ...row, technicianId: b! })).rejects.toThrow();
  });
});
