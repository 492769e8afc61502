import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema, type DatabaseHandle } from '../../db';
import { DEFAULT_POLICY } from '../../dispatcher/dispatch/types';
import { login, seed, startServer, type TestServer } from '../support/app';
import { backends } from '../support/backends';

const SHANGHAI = { lng: 121.47, lat: 31.23 };
const ONLY = (factor: string) => ({
  distance: 0,
  workload: 0,
  rating: 0,
  parts: 0,
  fairness: 0,
  [factor]: 1
});

interface PolicyBody {
  regionId: string;
  version: number;
  policy: typeof DEFAULT_POLICY;
}
interface ErrorBody {
  error: {
    code: string;
    message: string;
    fields?: { path: string; message: string }[];
    current?: PolicyBody;
  };
}

describe.each(backends('the dispatch policy tests'))('region dispatch policy on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let server: TestServer;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    ({ handle, cleanup } = await open());
    await seed(handle);
    server = await startServer(handle);
    for (const user of [
      'admin',
      'exec',
      'finance',
      'dispatch.east',
      'manager.east',
      'manager.north',
      'tech.0001'
    ])
      cookies[user] = await login(server.base, user);
  });
  afterAll(async () => {
    await server.close();
    await cleanup();
  });

  const call = async <T = PolicyBody>(as: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.base}/api${path}`, {
      method,
      headers: { cookie: cookies[as] ?? '', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const read = (regionId: string, as = 'admin') => call(as, 'GET', `/regions/${regionId}/dispatch-policy`);
  const change = <T = PolicyBody>(regionId: string, body: unknown, as = 'admin') =>
    call<T>(as, 'PUT', `/regions/${regionId}/dispatch-policy`, body);
  const changeEvents = (regionId: string) =>
    handle.db
      .select()
      .from(schema.events)
      .where(and(eq(schema.events.type, 'region.policy_changed'), eq(schema.events.aggregateId, regionId)));

  it('shows the default policy, with the region’s radius, at version 1 before any change', async () => {
    const r = await read('northwest');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ regionId: 'northwest', version: 1, policy: DEFAULT_POLICY });
  });

  it('shows a region’s policy to its dispatchers and managers and to admins, and to nobody else', async () => {
    for (const [user, regionId, status] of [
      ['dispatch.east', 'east', 200],
      ['manager.east', 'east', 200],
      ['manager.north', 'north', 200],
      ['admin', 'south', 200],
      ['dispatch.east', 'north', 403],
      ['manager.north', 'east', 403],
      ['exec', 'east', 403],
      ['finance', 'east', 403],
      ['tech.0001', 'east', 403]
    ] as const)
      expect({ user, regionId, status: (await read(regionId, user)).status }).toEqual({
        user,
        regionId,
        status
      });
  });

  it('answers 404 for a region that does not exist', async () => {
    expect((await read('atlantis')).status).toBe(404);
    expect((await change('atlantis', { expectedVersion: 1, mode: 'offer' })).status).toBe(404);
  });

  it('lets only admins change a policy', async () => {
    for (const user of ['dispatch.east', 'manager.east', 'exec'])
      expect((await change('east', { expectedVersion: 1, allowCrossRegion: true }, user)).status).toBe(403);
    expect((await read('east')).body.version).toBe(1);
  });

  it('refuses a bad change with 422 naming the field, and writes nothing', async () => {
    const cases: [unknown, string][] = [
      [{ expectedVersion: 1, weights: ONLY('nothing') }, 'weights'],
      [{ expectedVersion: 1, weights: { ...DEFAULT_POLICY.weights, distance: -0.1 } }, 'weights.distance'],
      [{ expectedVersion: 1, weights: { distance: 1 } }, 'weights.workload'],
      [{ expectedVersion: 1, offerTimeoutMs: 5_000 }, 'offerTimeoutMs'],
      [{ expectedVersion: 1, offerTimeoutMs: 2 * 3_600_000 }, 'offerTimeoutMs'],
      [{ expectedVersion: 1, maxRadiusKm: 0 }, 'maxRadiusKm'],
      [{ expectedVersion: 1, maxRadiusKm: 1001 }, 'maxRadiusKm'],
      [{ expectedVersion: 1, mode: 'auction' }, 'mode'],
      [{ expectedVersion: 1, allowCrossRegion: 'yes' }, 'allowCrossRegion'],
      [{ mode: 'offer' }, 'expectedVersion'],
      [{ expectedVersion: 1 }, '']
    ];
    for (const [body, path] of cases) {
      const r = await change<ErrorBody>('central', body);
      expect({ body, status: r.status, code: r.body.error.code }).toEqual({
        body,
        status: 422,
        code: 'validation_failed'
      });
      expect(r.body.error.fields?.map((f) => f.path)).toContain(path);
    }
    const typo = await change<ErrorBody>('central', { expectedVersion: 1, weight: ONLY('rating') });
    expect(typo.status).toBe(422);
    expect(typo.body.error.fields?.[0]?.message).toContain('weight');
    expect((await read('central')).body).toEqual({ regionId: 'central', version: 1, policy: DEFAULT_POLICY });
    expect(await changeEvents('central')).toEqual([]);
  });

  it('changes only the fields given, answers the new policy and records who, why, before and after', async () => {
    const r = await change('southwest', {
      expectedVersion: 1,
      weights: { distance: 1, workload: 1, rating: 2, parts: 0, fairness: 0 },
      maxRadiusKm: 120,
      reason: '西南试点'
    });
    expect(r.status).toBe(200);
    const after = {
      ...DEFAULT_POLICY,
      maxRadiusKm: 120,
      weights: { distance: 1, workload: 1, rating: 2, parts: 0, fairness: 0 }
    };
    expect(r.body).toEqual({ regionId: 'southwest', version: 2, policy: after });
    const second = await change('southwest', { expectedVersion: 2, offerTimeoutMs: 60_000 });
    expect(second.body).toEqual({
      regionId: 'southwest',
      version: 3,
      policy: { ...after, offerTimeoutMs: 60_000 }
    });
    expect((await read('southwest', 'admin')).body).toEqual(second.body);
    const events = await changeEvents('southwest');
    expect(
      events.map((e) => ({ actor: e.actor, aggregateType: e.aggregateType, payload: e.payload }))
    ).toEqual([
      {
        actor: 'user:admin',
        aggregateType: 'region',
        payload: { before: DEFAULT_POLICY, after, reason: '西南试点' }
      },
      {
        actor: 'user:admin',
        aggregateType: 'region',
        payload: { before: after, after: { ...after, offerTimeoutMs: 60_000 }, reason: '' }
      }
    ]);
  });

  it('refuses a change made on an old version with 409 and the current policy', async () => {
    const first = await change('north', { expectedVersion: 1, allowCrossRegion: true });
    expect(first.status).toBe(200);
    const stale = await change<ErrorBody>('north', { expectedVersion: 1, mode: 'offer' });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'version_conflict', current: first.body });
    expect((await read('north')).body).toEqual(first.body);
  });

  it('ranks candidates by the new weights at once, without a restart', async () => {
    const order = (
      await server.app.orders.create(
        { kind: 'system', name: 'test' },
        {
          channel: 'api',
          serviceType: 'general_repair',
          priority: 'normal',
          description: '门锁坏了',
          customer: { name: '赵六', phone: '13600136000', address: '上海', location: SHANGHAI },
          parts: [],
          fields: {}
        }
      )
    ).order.order;
    const eligible = async () => {
      const r = await call<{ items: { technicianId: string; violations: string[]; distanceKm: number }[] }>(
        'dispatch.east',
        'GET',
        `/work-orders/${order.id}/candidates`
      );
      return r.body.items.filter((c) => c.violations.length === 0);
    };
    const rating = (id: string) => server.app.fleet.get(id)?.rating ?? Number.NaN;
    const ascending = (xs: number[]) => xs.every((x, i) => i === 0 || (xs[i - 1] ?? x) <= x);

    let version = (await read('east')).body.version;
    expect((await change('east', { expectedVersion: version++, weights: ONLY('rating') })).status).toBe(200);
    const byRating = await eligible();
    expect(byRating.length).toBeGreaterThan(2);
    expect(ascending(byRating.map((c) => -rating(c.technicianId)))).toBe(true);

    expect((await change('east', { expectedVersion: version++, weights: ONLY('distance') })).status).toBe(
      200
    );
    const byDistance = await eligible();
    expect(ascending(byDistance.map((c) => c.distanceKm))).toBe(true);
    expect(byDistance.map((c) => c.technicianId)).not.toEqual(byRating.map((c) => c.technicianId));
  });
});
