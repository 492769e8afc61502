import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db';
import { schema } from '../../db';
import { login, seededDatabase, startServer, type TestServer } from '../support/app';

const order = (over: Record<string, unknown> = {}) => ({
  channel: 'workbench',
  priority: 'normal',
  description: '空调不制冷',
  customer: {
    name: '张三',
    phone: '13800138000',
    address: '上海市黄浦区人民大道1号',
    location: { lng: 121.47, lat: 31.23 }
  },
  parts: [],
  ...over
});

let handle: DatabaseHandle;
let server: TestServer;
let admin: string;

beforeAll(async () => {
  handle = await seededDatabase();
  server = await startServer(handle);
  admin = await login(server.base, 'admin');
});
afterAll(async () => {
  await server.close();
  await handle.close();
});

const api = (path: string, init: RequestInit & { cookie?: string } = {}) =>
  fetch(`${server.base}/api${path}`, {
    ...init,
    headers: { ...(init.cookie ? { cookie: init.cookie } : {}), ...(init.headers as Record<string, string>) }
  });
const post = (path: string, body: unknown, cookie = admin, headers: Record<string, string> = {}) =>
  api(path, {
    method: 'POST',
    cookie,
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers }
  });
const counts = async () => ({
  orders: await handle.db.$count(schema.workOrders),
  customers: await handle.db.$count(schema.customers),
  events: await handle.db.$count(schema.events)
});

describe('health and metrics', () => {
  it('answers healthz once it accepts work', async () => {
    const res = await fetch(`${server.base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('serves Prometheus text with the fleet counts', async () => {
    const text = await (await fetch(`${server.base}/metrics`)).text();
    expect(text).toMatch(/dispatch_technicians\{status="idle"\} \d+/);
  });
});

describe('sessions', () => {
  it.each(['admin', 'exec', 'finance', 'dispatch.east', 'manager.east', 'manager.north', 'tech.0001'])(
    'lets the demo user %s sign in and see who they are',
    async (username) => {
      const cookie = await login(server.base, username);
      const me = await api('/me', { cookie });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { user: { username: string } }).user.username).toBe(username);
    }
  );

  it("tells a technician's phone which technician it is, and staff that they are none", async () => {
    const who = async (username: string) =>
      (
        (await (await api('/me', { cookie: await login(server.base, username) })).json()) as {
          user: { technicianId: string | null };
        }
      ).user.technicianId;
    expect(await who('tech.0001')).toBe('T00001');
    expect(await who('dispatch.east')).toBeNull();
  });

  it('sets an httpOnly session cookie', async () => {
    const res = await post('/auth/login', { username: 'admin', password: 'demo-pass-2026' }, '');
    expect(res.headers.get('set-cookie')).toMatch(/sid=.+HttpOnly/i);
  });

  it('refuses a wrong password with 401 in the contract shape', async () => {
    const res = await post('/auth/login', { username: 'admin', password: 'nope' }, '');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'invalid_credentials', message: expect.any(String) } });
  });

  it('refuses every API call without a session', async () => {
    for (const path of ['/me', '/regions', '/technicians', '/work-orders', '/depots'])
      expect((await api(path)).status).toBe(401);
  });

  it('ends the session on logout', async () => {
    const cookie = await login(server.base, 'exec');
    expect((await api('/auth/logout', { method: 'POST', cookie })).status).toBe(204);
    expect((await api('/me', { cookie })).status).toBe(401);
  });
});

describe('regions and technicians', () => {
  it('lists the seven service regions as GeoJSON with zh and en names', async () => {
    const body = (await (await api('/regions', { cookie: admin })).json()) as {
      features: { properties: { id: string; name: string; nameEn: string } }[];
    };
    expect(body.features.map((f) => f.properties.id).sort()).toEqual(
      ['central', 'east', 'north', 'northeast', 'northwest', 'south', 'southwest'].sort()
    );
    expect(body.features.find((f) => f.properties.id === 'east')?.properties).toMatchObject({
      name: '华东',
      nameEn: 'East China'
    });
  });

  it('shows a regional manager only the technicians of their region', async () => {
    const cookie = await login(server.base, 'manager.north');
    const body = (await (await api('/technicians', { cookie })).json()) as { items: { regionId: string }[] };
    expect(body.items.length).toBeGreaterThan(0);
    expect(new Set(body.items.map((t) => t.regionId))).toEqual(new Set(['north']));
    expect((await api('/technicians?regionId=east', { cookie })).status).toBe(403);
  });

  it('shows a technician only themselves', async () => {
    const cookie = await login(server.base, 'tech.0001');
    const body = (await (await api('/technicians', { cookie })).json()) as { items: { id: string }[] };
    expect(body.items.map((t) => t.id)).toEqual(['T00001']);
  });

  it('names the field when a query parameter is unknown', async () => {
    const res = await api('/technicians?regionId=atlantis', { cookie: admin });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { fields: { path: string }[] } }).error.fields[0]?.path).toBe(
      'regionId'
    );
  });
});

describe('the regionId filter of every list', () => {
  it.each(['/technicians', '/work-orders', '/depots'])(
    '%s answers 403 for a region outside the caller’s and 422 naming an unknown one',
    async (path) => {
      const cookie = await login(server.base, 'dispatch.east');
      expect((await api(`${path}?regionId=east`, { cookie })).status).toBe(200);
      const outside = await api(`${path}?regionId=north`, { cookie });
      expect(outside.status).toBe(403);
      expect(((await outside.json()) as { error: { code: string } }).error.code).toBe('forbidden');
      const unknown = await api(`${path}?regionId=atlantis`, { cookie });
      expect(unknown.status).toBe(422);
      expect(((await unknown.json()) as { error: { fields: { path: string }[] } }).error.fields).toEqual([
        { path: 'regionId', message: 'unknown region' }
      ]);
    }
  );
});

describe('work order intake', () => {
  it('creates an order in the region of its location, with its creation event', async () => {
    const res = await post('/work-orders', order());
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; regionId: string; status: string; version: number };
    expect(created).toMatchObject({ regionId: 'east', status: 'created', version: 1 });
    const detail = (await (await api(`/work-orders/${created.id}`, { cookie: admin })).json()) as {
      timeline: { type: string; actor: string }[];
    };
    expect(detail.timeline).toEqual([
      expect.objectContaining({ type: 'order.created', actor: 'user:admin' }),
      expect.objectContaining({ type: 'sla.started', actor: 'user:admin' })
    ]);
  });

  it('names every wrong field with 422 and writes nothing', async () => {
    const before = await counts();
    const res = await post(
      '/work-orders',
      order({ priority: 'asap', customer: { ...order().customer, phone: 'x' } })
    );
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; fields: { path: string }[] } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.fields.map((f) => f.path).sort()).toEqual(['customer.phone', 'priority']);
    expect(await counts()).toEqual(before);
  });

  it('refuses a location outside every service region, naming it', async () => {
    const res = await post(
      '/work-orders',
      order({ customer: { ...order().customer, location: { lng: 150, lat: 10 } } })
    );
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { fields: { path: string }[] } }).error.fields[0]?.path).toBe(
      'customer.location'
    );
  });

  it('answers 400 to malformed JSON, 415 to another content type, 413 to a huge body', async () => {
    const bad = await api('/work-orders', {
      method: 'POST',
      cookie: admin,
      body: '{"channel":',
      headers: { 'content-type': 'application/json' }
    });
    expect(bad.status).toBe(400);
    const text = await api('/work-orders', {
      method: 'POST',
      cookie: admin,
      body: 'channel=chat',
      headers: { 'content-type': 'text/plain' }
    });
    expect(text.status).toBe(415);
    const huge = await post('/work-orders', order({ description: 'x'.repeat(200_000) }));
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  });

  it('honours Idempotency-Key: the same request twice makes one order', async () => {
    const before = await counts();
    const first = await post('/work-orders', order(), admin, { 'idempotency-key': 'shop-42' });
    const again = await post('/work-orders', order(), admin, { 'idempotency-key': 'shop-42' });
    expect(first.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
    expect((await counts()).orders).toBe(before.orders + 1);
    const reused = await post('/work-orders', order({ description: '另一件事' }), admin, {
      'idempotency-key': 'shop-42'
    });
    expect(reused.status).toBe(409);
  });

  it('forbids a dispatcher of east to create an order in north', async () => {
    const cookie = await login(server.base, 'dispatch.east');
    const res = await post(
      '/work-orders',
      order({ customer: { ...order().customer, location: { lng: 116.4, lat: 39.9 } } }),
      cookie
    );
    expect(res.status).toBe(403);
  });

  it('keeps customer phone and address from finance and executives', async () => {
    const created = (await (await post('/work-orders', order())).json()) as { id: string };
    for (const user of ['finance', 'exec']) {
      const cookie = await login(server.base, user);
      const text = await (await api(`/work-orders/${created.id}`, { cookie })).text();
      expect(text).not.toContain('13800138000');
      expect(text).not.toContain('人民大道');
    }
  });

  it('pages newest first with a cursor, without repeats', async () => {
    for (let i = 0; i < 5; i++) await post('/work-orders', order({ description: `第${i}单` }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const page = (await (await api(`/work-orders?limit=2${q}`, { cookie: admin })).json()) as {
        items: { id: string; createdAt: string }[];
        nextCursor: string | null;
      };
      seen.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await handle.db.$count(schema.workOrders));
  });

  it('answers 404 for an unknown order and 403 for one outside the caller’s regions', async () => {
    expect((await api('/work-orders/00000000-0000-0000-0000-000000000000', { cookie: admin })).status).toBe(
      404
    );
    const east = (await (await post('/work-orders', order())).json()) as { id: string };
    const north = await login(server.base, 'manager.north');
    expect((await api(`/work-orders/${east.id}`, { cookie: north })).status).toBe(403);
  });
});

describe('hostile and odd input', () => {
  it('answers 429 after repeated failed sign-ins for one name, in the contract shape', async () => {
    const attempt = () => post('/auth/login', { username: 'brute.force', password: 'guess' }, '');
    for (let i = 0; i < 10; i++) expect((await attempt()).status).toBe(401);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('too_many_attempts');
  });

  it('answers 400, not 500, to a malformed escape in the path', async () => {
    const res = await api('/work-orders/%E0%A4%A', { cookie: admin });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_request');
  });

  it('answers 422 naming the cursor when it is not one of ours', async () => {
    const forged = Buffer.from(`${new Date().toISOString()}|${'-'.repeat(36)}`).toString('base64url');
    const res = await api(`/work-orders?cursor=${forged}`, { cookie: admin });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { fields: { path: string }[] } }).error.fields[0]?.path).toBe(
      'cursor'
    );
  });

  it('keeps each caller’s Idempotency-Key to themselves', async () => {
    const other = await login(server.base, 'dispatch.east');
    const a = (await (
      await post('/work-orders', order(), admin, { 'idempotency-key': 'shared-key' })
    ).json()) as { id: string };
    const b = (await (
      await post('/work-orders', order(), other, { 'idempotency-key': 'shared-key' })
    ).json()) as { id: string };
    expect(a.id).not.toBe(b.id);
  });

  it('gives finance an order’s place only to about a kilometre', async () => {
    const created = (await (
      await post(
        '/work-orders',
        order({ customer: { ...order().customer, location: { lng: 121.47123, lat: 31.23456 } } })
      )
    ).json()) as { id: string };
    const view = (await (
      await api(`/work-orders/${created.id}`, { cookie: await login(server.base, 'finance') })
    ).json()) as {
      location: { lng: number; lat: number };
    };
    expect(view.location).toEqual({ lng: 121.47, lat: 31.23 });
  });
});
