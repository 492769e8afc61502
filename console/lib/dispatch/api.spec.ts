import { describe, expect, it, vi } from 'vitest';
import { assignOrder, fetchCandidates, fetchQueueOrders, unassignOrder } from './api';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const fetchReturning = (res: Response | Error) =>
  vi.fn<typeof fetch>(async () => {
    if (res instanceof Error) throw res;
    return res;
  });

const input = { technicianId: 't1', expectedVersion: 3, reason: 'because' };

describe('dispatch API client', () => {
  it('answers ok with the new order on 200 and sends the body as JSON with PUT', async () => {
    const f = fetchReturning(json(200, { id: 'o1', version: 4, status: 'assigned' }));
    const outcome = await assignOrder(f, 'o1', { ...input, lock: true });
    expect(outcome).toEqual({ type: 'ok', order: { id: 'o1', version: 4, status: 'assigned' } });
    const [path, init] = f.mock.calls[0] ?? [];
    expect(path).toBe('/api/work-orders/o1/assignment');
    expect(init?.method).toBe('PUT');
    expect(JSON.parse(String(init?.body))).toEqual({ ...input, lock: true });
  });

  it('maps a stale version 409 to a conflict carrying the current order', async () => {
    const f = fetchReturning(
      json(409, {
        error: {
          code: 'version_conflict',
          message: 'stale',
          current: { id: 'o1', version: 7, status: 'assigned' }
        }
      })
    );
    expect(await assignOrder(f, 'o1', input)).toEqual({
      type: 'conflict',
      current: { id: 'o1', version: 7, status: 'assigned' }
    });
  });

  it('maps an illegal transition 409 to the list of allowed transitions', async () => {
    const f = fetchReturning(
      json(409, { error: { code: 'illegal_transition', message: 'no', allowed: ['cancelled', 'closed'] } })
    );
    expect(await unassignOrder(f, 'o1', { expectedVersion: 1, reason: 'r' })).toEqual({
      type: 'illegal-transition',
      allowed: ['cancelled', 'closed']
    });
    expect(f.mock.calls[0]?.[1]?.method).toBe('DELETE');
  });

  it('maps a 422 hard-rule violation to the broken rules so the UI can ask for an override', async () => {
    const f = fetchReturning(
      json(422, {
        error: {
          code: 'hard_rule_violation',
          message: 'breaks rules',
          violations: ['skill', 'capacity'],
          fields: [{ path: 'technicianId', message: 'x' }]
        }
      })
    );
    expect(await assignOrder(f, 'o1', input)).toEqual({
      type: 'violations',
      violations: ['skill', 'capacity']
    });
  });

  it('sends confirmViolations only when the caller confirmed the override', async () => {
    const f = fetchReturning(json(200, { id: 'o1', version: 4 }));
    await assignOrder(f, 'o1', { ...input, confirmViolations: true });
    expect(JSON.parse(String(f.mock.calls[0]?.[1]?.body))).toMatchObject({ confirmViolations: true });
  });

  it('keeps a 422 that is a validation failure apart from a hard-rule violation', async () => {
    const f = fetchReturning(
      json(422, { error: { code: 'validation_failed', message: 'reason is required' } })
    );
    expect(await assignOrder(f, 'o1', input)).toEqual({
      type: 'failed',
      status: 422,
      message: 'reason is required'
    });
  });

  it('maps 403 and 404 to forbidden and not-found', async () => {
    expect(
      await assignOrder(fetchReturning(json(403, { error: { code: 'forbidden', message: '' } })), 'o', input)
    ).toEqual({
      type: 'forbidden'
    });
    expect(
      await assignOrder(fetchReturning(json(404, { error: { code: 'not_found', message: '' } })), 'o', input)
    ).toEqual({
      type: 'not-found'
    });
  });

  it('reports a network failure as failed with status 0 instead of throwing', async () => {
    expect(await assignOrder(fetchReturning(new TypeError('offline')), 'o1', input)).toEqual({
      type: 'failed',
      status: 0,
      message: ''
    });
  });

  it('reads the ranked candidates from items', async () => {
    const candidate = {
      technicianId: 't1',
      name: '王师傅',
      score: 0.8,
      factors: { distance: 0.3, workload: 0.2, rating: 0.2, parts: 0.05, fairness: 0.05 },
      details: [],
      violations: [],
      crossRegion: false,
      distanceKm: 3.2
    };
    const res = await fetchCandidates(fetchReturning(json(200, { items: [candidate] })), 'o1');
    expect(res).toEqual({ ok: true, data: [candidate] });
  });

  it('loads the queue one status at a time and follows the cursor', async () => {
    const pages: Record<string, unknown> = {
      'status=created&limit=200': { items: [{ id: 'a' }], nextCursor: 'c1' },
      'status=created&limit=200&cursor=c1': { items: [{ id: 'b' }], nextCursor: null },
      'status=offered&limit=200': { items: [{ id: 'c' }], nextCursor: null }
    };
    const f = vi.fn<typeof fetch>(async (url) => json(200, pages[String(url).split('?')[1] ?? '']));
    const res = await fetchQueueOrders(f, ['created', 'offered']);
    expect(res).toEqual({ ok: true, data: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] });
  });

  it('fails the whole queue load when one page fails', async () => {
    const f = fetchReturning(json(403, { error: { code: 'forbidden', message: 'no' } }));
    expect(await fetchQueueOrders(f, ['created'])).toEqual({ ok: false, status: 403, message: 'no' });
  });
});
