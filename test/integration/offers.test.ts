import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema, type DatabaseHandle } from '../../db';
import { login, seed, startServer, type TestServer } from '../support/app';
import { backends } from '../support/backends';
import { orderTools } from '../support/orders';

const OFFER_MS = 60_000;

describe.each(backends('the offer tests'))('offers on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let server: TestServer;
  let now = new Date('2026-11-23T02:00:00Z');
  const clock = { now: () => now };

  beforeAll(async () => {
    ({ handle, cleanup } = await open());
    await seed(handle);
    await handle.db
      .update(schema.regions)
      .set({ dispatchPolicy: { mode: 'offer', offerTimeoutMs: OFFER_MS } })
      .where(eq(schema.regions.id, 'east'));
    server = await startServer(handle, { clock });
  });
  afterAll(async () => {
    await server.close();
    await cleanup();
  });

  const tools = orderTools(
    () => handle,
    () => server
  );
  const create = () => tools.create();
  const order = tools.order;
  const offerOf = async (id: string) =>
    (
      await handle.db
        .select()
        .from(schema.assignments)
        .where(and(eq(schema.assignments.workOrderId, id), eq(schema.assignments.active, true)))
    )[0];
  /** Signs in as the technician's own phone. */
  const phoneOf = async (technicianId: string) => {
    const [user] = await handle.db
      .select()
      .from(schema.users)
      .where(eq(schema.users.technicianId, technicianId));
    if (!user) throw new Error(`no login for ${technicianId}`);
    return login(server.base, user.username);
  };
  const post = (cookie: string, path: string, body: unknown) => tools.api(cookie, 'POST', path, body);
  /** Offers the order (one sweep) and returns the technician asked. */
  const offered = async (id: string) => {
    await server.app.dispatch.sweep();
    const row = await order(id);
    expect(row?.status).toBe('offered');
    const offer = await offerOf(id);
    expect(offer?.kind).toBe('offer');
    expect(offer?.technicianId).toBe(row?.assignedTechnicianId);
    return offer?.technicianId ?? '';
  };

  it('offers the order to the best technician with a deadline; accepted on the phone, it no longer runs out', async () => {
    const created = await create();
    const techId = await offered(created.id);
    expect((await offerOf(created.id))?.expiresAt?.getTime()).toBe(now.getTime() + OFFER_MS);
    const phone = await phoneOf(techId);
    const mine = await tools.api(phone, 'GET', '/work-orders');
    const items = mine.body.items as { id: string; status: string }[];
    expect(items).toContainEqual(expect.objectContaining({ id: created.id, status: 'offered' }));

    const accepted = await post(phone, `/work-orders/${created.id}/transitions`, {
      action: 'accept',
      reason: '马上到'
    });
    expect(accepted.status).toBe(200);
    now = new Date(now.getTime() + 2 * OFFER_MS);
    await server.app.dispatch.expireOffers();
    expect((await order(created.id))?.status).toBe('accepted');
    expect((await offerOf(created.id))?.expiresAt).toBeNull();
  });

  it('shows a technician the customer only once they accept the offer', async () => {
    const created = await create();
    const phone = await phoneOf(await offered(created.id));
    const customerOf = (body: Record<string, unknown>) => body.customer as { phone: string } | null;
    const offer = await tools.api(phone, 'GET', `/work-orders/${created.id}`);
    expect(offer.status).toBe(200);
    expect(customerOf(offer.body)).toBeNull();
    const list = await tools.api(phone, 'GET', '/work-orders?status=offered');
    expect(JSON.stringify(list.body)).not.toContain('13600136000');
    const accepted = await post(phone, `/work-orders/${created.id}/transitions`, {
      action: 'accept',
      reason: '马上到'
    });
    expect(customerOf(accepted.body)?.phone).toBe('13600136000');
  });

  it('passes a declined offer to the next candidate and never asks the decliner again', async () => {
    const created = await create();
    const first = await offered(created.id);
    const declined = await post(await phoneOf(first), `/work-orders/${created.id}/transitions`, {
      action: 'decline',
      reason: '正在另一单'
    });
    expect(declined.status).toBe(200);
    expect(declined.body.status).toBe('created');
    const second = await offered(created.id);
    expect(second).not.toBe(first);

    // A supervisor may still hand it to them, but only knowingly.
    const dispatcher = await login(server.base, 'dispatch.east');
    const res = await tools.api(dispatcher, 'PUT', `/work-orders/${created.id}/assignment`, {
      technicianId: first,
      expectedVersion: (await order(created.id))?.version,
      reason: '客户指定'
    });
    expect(res.status).toBe(422);
    expect((res.body.error as { violations: string[] }).violations).toContain('declined');
  });

  it('forgets earlier declines when the order is reopened: whoever declined it may be asked again', async () => {
    const created = await create();
    const first = await offered(created.id);
    await post(await phoneOf(first), `/work-orders/${created.id}/transitions`, {
      action: 'decline',
      reason: '太远'
    });
    const dispatcher = await login(server.base, 'dispatch.east');
    for (const action of ['cancel', 'reopen'])
      expect(
        (
          await post(dispatcher, `/work-orders/${created.id}/transitions`, {
            action,
            reason: '客户改期后又要修',
            expectedVersion: (await order(created.id))?.version
          })
        ).status
      ).toBe(200);
    const res = await tools.api(dispatcher, 'PUT', `/work-orders/${created.id}/assignment`, {
      technicianId: first,
      expectedVersion: (await order(created.id))?.version,
      reason: '客户指定'
    });
    expect(res.status).toBe(200);
  });

  it('counts silence until the deadline as a decline, even when the server restarted meanwhile', async () => {
    const created = await create();
    const first = await offered(created.id);
    await server.close();
    now = new Date(now.getTime() + OFFER_MS + 1_000);
    server = await startServer(handle, { clock });

    expect(await server.app.dispatch.expireOffers()).toBeGreaterThanOrEqual(1);
    const [ended] = await handle.db
      .select()
      .from(schema.assignments)
      .where(and(eq(schema.assignments.workOrderId, created.id), eq(schema.assignments.technicianId, first)));
    expect(ended).toMatchObject({ active: false, endedReason: 'expired' });
    const [event] = await handle.db
      .select()
      .from(schema.events)
      .where(and(eq(schema.events.aggregateId, created.id), eq(schema.events.type, 'order.expire')));
    expect(event?.actor).toBe('system:dispatcher');
    expect(await offered(created.id)).not.toBe(first);
  });

  it('lets nobody but the dispatcher run an offer out, and nobody answer an offer made to someone else', async () => {
    const created = await create();
    const techId = await offered(created.id);
    const dispatcher = await login(server.base, 'dispatch.east');
    const expire = await post(dispatcher, `/work-orders/${created.id}/transitions`, { action: 'expire' });
    expect(expire.status).toBe(403);
    const [other] = await handle.db
      .select()
      .from(schema.users)
      .where(eq(schema.users.role, 'technician'))
      .limit(2);
    const stranger = other?.technicianId === techId ? 'tech.0002' : (other?.username ?? 'tech.0001');
    const answer = await post(await login(server.base, stranger), `/work-orders/${created.id}/transitions`, {
      action: 'accept'
    });
    expect(answer.status).toBe(403);
    expect((await order(created.id))?.status).toBe('offered');
  });

  it('refuses an answer that comes after the deadline, even before the expiry check has run', async () => {
    const created = await create();
    const techId = await offered(created.id);
    now = new Date(now.getTime() + OFFER_MS);
    const late = await post(await phoneOf(techId), `/work-orders/${created.id}/transitions`, {
      action: 'accept'
    });
    expect(late.status).toBe(409);
    expect((late.body.error as { code: string }).code).toBe('offer_expired');
    expect((await order(created.id))?.status).toBe('offered');
  });
});
