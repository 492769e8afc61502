import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db';
import { login, seed, startServer, type TestServer } from '../support/app';
import { backends } from '../support/backends';

describe.each(backends('the workflow tests'))('an order’s life on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let server: TestServer;
  let supervisor: string;

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

  const call = async (cookie: string, method: string, path: string, body?: unknown) => {
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

  /** An order near technician T00001, assigned to them. */
  const assignedToFirst = async () => {
    const tech = server.app.fleet.get('T00001');
    if (!tech) throw new Error('T00001 missing');
    const created = await call(supervisor, 'POST', '/work-orders', {
      channel: 'chat',
      description: '上门检修',
      customer: { name: '钱七', phone: '13500135000', address: '附近', location: tech.location }
    });
    const id = (created.body as { id: string }).id;
    const r = await call(supervisor, 'PUT', `/work-orders/${id}/assignment`, {
      technicianId: 'T00001',
      expectedVersion: 1,
      reason: 'test',
      confirmViolations: true
    });
    expect(r.status).toBe(200);
    return id;
  };

  it('lets the technician accept, set off, arrive and complete from their phone, each an event', async () => {
    const id = await assignedToFirst();
    const phone = await login(server.base, 'tech.0001');
    for (const [action, status] of [
      ['accept', 'accepted'],
      ['depart', 'en_route'],
      ['arrive', 'on_site'],
      ['complete', 'completed']
    ] as const) {
      const r = await call(phone, 'POST', `/work-orders/${id}/transitions`, { action, reason: '' });
      expect(r.status).toBe(200);
      expect(r.body.status).toBe(status);
    }
    const mine = await call(phone, 'GET', '/work-orders');
    expect((mine.body.items as { id: string }[]).map((o) => o.id)).toContain(id);
    const detail = await call(supervisor, 'GET', `/work-orders/${id}`);
    expect((detail.body.timeline as { type: string }[]).map((e) => e.type)).toEqual([
      'order.created',
      'sla.started',
      'order.assigned',
      'sla.met',
      'settlement.quoted',
      'order.accept',
      'order.depart',
      'order.arrive',
      'sla.met',
      'order.complete',
      'sla.met',
      'settlement.frozen'
    ]);
  });

  it('refuses an illegal move with 409 and the allowed actions', async () => {
    const id = await assignedToFirst();
    const r = await call(supervisor, 'POST', `/work-orders/${id}/transitions`, {
      action: 'close',
      reason: 'x'
    });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({
      code: 'illegal_transition',
      allowed: ['assign', 'accept', 'unassign', 'cancel']
    });
  });

  it('keeps other technicians’ hands off, and keeps assignment moves on their own endpoint', async () => {
    const id = await assignedToFirst();
    const other = await login(server.base, 'tech.0002');
    expect((await call(other, 'POST', `/work-orders/${id}/transitions`, { action: 'accept' })).status).toBe(
      403
    );
    const wrongDoor = await call(supervisor, 'POST', `/work-orders/${id}/transitions`, {
      action: 'unassign'
    });
    expect(wrongDoor.status).toBe(422);
    expect((wrongDoor.body.error as { fields: { path: string }[] }).fields[0]?.path).toBe('action');
    const unknown = await call(supervisor, 'POST', `/work-orders/${id}/transitions`, { action: 'teleport' });
    expect(unknown.status).toBe(422);
  });

  it('lets a supervisor cancel, freeing the technician', async () => {
    const id = await assignedToFirst();
    const r = await call(supervisor, 'POST', `/work-orders/${id}/transitions`, {
      action: 'cancel',
      reason: '客户取消'
    });
    expect(r.body.status).toBe('cancelled');
    const again = await call(supervisor, 'POST', `/work-orders/${id}/transitions`, {
      action: 'cancel',
      reason: 'x'
    });
    expect(again.status).toBe(409);
  });
});
