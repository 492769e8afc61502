import { describe, expect, it, vi } from 'vitest';
import type { OrderSummary } from '$realtime/events';
import { TechJobs } from './tech-jobs.svelte';
import type { HeldOrder, HeldStatus } from './types';

const ME = 'T00042';
const T0 = Date.parse('2026-11-23T08:00:00Z');
const seconds = (n: number) => n * 1000;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function order(id: string, status: HeldStatus, over: Partial<HeldOrder> = {}): HeldOrder {
  return {
    id,
    version: 1,
    regionId: 'south',
    status,
    priority: 'normal',
    channel: 'api',
    location: { lng: 113.32, lat: 23.14 },
    technicianId: ME,
    createdAt: new Date(T0).toISOString(),
    updatedAt: new Date(T0).toISOString(),
    serviceType: 'ac_repair',
    description: '空调不制冷',
    templateId: null,
    customer: {
      name: '陈先生',
      phone: '138 0013 8000',
      address: '广州市天河区体育西路103号',
      location: { lng: 113.32, lat: 23.135 }
    },
    parts: [{ sku: '空调-3A', qty: 1 }],
    assignment: {
      technicianId: ME,
      locked: false,
      kind: status === 'offered' ? 'offer' : 'auto',
      since: new Date(T0).toISOString(),
      expiresAt: status === 'offered' ? new Date(T0 + seconds(90)).toISOString() : null
    },
    ...over
  };
}

const summaryOf = (o: HeldOrder, over: Partial<OrderSummary> = {}): OrderSummary => ({
  id: o.id,
  version: o.version,
  regionId: o.regionId,
  status: o.status,
  priority: o.priority,
  channel: o.channel,
  location: o.location,
  technicianId: o.technicianId ?? null,
  createdAt: o.createdAt,
  ...over
});

type Answer = (body: Record<string, unknown>) => Response;

/**
 * A fake server holding this technician's orders: the list filters them by status, a single read returns
 * one, and each transition answers what `transitions` says for that order (recording what it was sent).
 */
function fakeServer(initial: HeldOrder[], transitions: Record<string, Answer> = {}) {
  const orders = new Map(initial.map((o) => [o.id, o]));
  const sent: Record<string, unknown>[] = [];
  const fetch = vi.fn<typeof globalThis.fetch>(async (input, init) => {
    const url = new URL(String(input), 'http://phone.test');
    const id = decodeURIComponent(url.pathname.split('/')[3] ?? '');
    if (url.pathname === '/api/work-orders') {
      const status = url.searchParams.get('status');
      return json(200, { items: [...orders.values()].filter((o) => o.status === status), nextCursor: null });
    }
    if (url.pathname.endsWith('/transitions')) {
      const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
      sent.push(body);
      const answer = transitions[id];
      return answer ? answer(body) : json(500, { error: { code: 'internal', message: 'no answer' } });
    }
    const found = orders.get(id);
    return found ? json(200, found) : json(403, { error: { code: 'forbidden', message: 'not yours' } });
  });
  return { fetch, orders, sent };
}

const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id);

describe('TechJobs', () => {
  it('shows offers apart from jobs, with the job furthest along as the current one', async () => {
    const { fetch } = fakeServer([
      order('offer', 'offered'),
      order('queued', 'assigned'),
      order('accepted', 'accepted'),
      order('driving', 'en_route')
    ]);
    const jobs = new TechJobs({ fetch, technicianId: ME, now: () => T0 });
    await jobs.load();
    expect(jobs.offers.map((o) => o.order.id)).toEqual(['offer']);
    expect(jobs.current?.id).toBe('driving');
    expect(ids(jobs.queue)).toEqual(['accepted', 'queued']);
    expect(jobs.empty).toBe(false);
  });

  it('is empty when the technician holds nothing', async () => {
    const { fetch } = fakeServer([]);
    const jobs = new TechJobs({ fetch, technicianId: ME, now: () => T0 });
    await jobs.load();
    expect(jobs.loaded).toBe(true);
    expect(jobs.empty).toBe(true);
    expect(jobs.current).toBeNull();
  });

  it('counts an offer down to its deadline on the clock it is given, and stops at zero', async () => {
    let now = T0 + seconds(30);
    const { fetch } = fakeServer([order('offer', 'offered')]);
    const jobs = new TechJobs({ fetch, technicianId: ME, now: () => now });
    await jobs.load();
    expect(jobs.offers[0]?.remainingMs).toBe(seconds(60));
    expect(jobs.offers[0]?.fraction).toBeCloseTo(2 / 3);

    now = T0 + seconds(89.5);
    jobs.tick();
    expect(jobs.offers[0]?.remainingMs).toBe(500);

    now = T0 + seconds(95);
    jobs.tick();
    expect(jobs.offers[0]?.remainingMs).toBe(0);
    expect(jobs.offers[0]?.fraction).toBe(0);
  });

  it('never shows more time than the offer had, even on a phone whose clock is behind', async () => {
    const { fetch } = fakeServer([order('offer', 'offered')]);
    const jobs = new TechJobs({ fetch, technicianId: ME, now: () => T0 - seconds(20) });
    await jobs.load();
    expect(jobs.offers[0]?.remainingMs).toBe(seconds(90));
    expect(jobs.offers[0]?.fraction).toBe(1);
  });

  it('starts a new offer from the current time, not from the last tick', async () => {
    let now = T0;
    const { fetch, orders } = fakeServer([]);
    const jobs = new TechJobs({ fetch, technicianId: ME, now: () => now });
    await jobs.load();
    now = T0 + seconds(10.5);
    const offer = order('new', 'offered', { version: 2 });
    orders.set('new', offer);
    await jobs.applyUpdate(summaryOf(offer));
    expect(jobs.offers[0]?.remainingMs).toBe(seconds(79.5));
  });

  it('lists the offer closest to its deadline first', async () => {
    const later = order('later', 'offered');
    const sooner = order('sooner', 'offered', {
      assignment: { ...later.assignment!, expiresAt: new Date(T0 + seconds(20)).toISOString() }
    });
    const { fetch } = fakeServer([later, sooner]);
    const jobs = new TechJobs({ fetch, technicianId: ME, now: () => T0 });
    await jobs.load();
    expect(jobs.offers.map((o) => o.order.id)).toEqual(['sooner', 'later']);
  });

  it('reads a newer version from the socket in full and shows its new status', async () => {
    const { fetch, orders } = fakeServer([order('o1', 'accepted')]);
    const jobs = new TechJobs({ fetch, technicianId: ME, now: () => T0 });
    await jobs.load();
    const moved = order('o1', 'en_route', { version: 2 });
    orders.set('o1', moved);
    await jobs.applyUpdate(summaryOf(moved));
    expect(jobs.current?.status).toBe('en_route');
  });

  it('ignores a socket update that is not newer than what it shows', async () => {
    const { fetch } = fakeServer([order('o1', 'accepted', { version: 3 })]);
    const jobs = new TechJobs({ fetch, technicianId: ME, now: () => T0 });
    await jobs.load();
    fetch.mockClear();
    await jobs.applyUpdate(summaryOf(order('o1', 'offered', { version: 2 })));
    expect(fetch).not.toHaveBeenCalled();
    expect(jobs.current?.status).toBe('accepted');
  });

  it('shows a new offer that arrives on the socket', async () => {
    const { fetch, orders } = fakeServer([]);
    const jobs = new TechJobs({ fetch, technicianId: ME, now: () => T0 });
    await jobs.load();
    const offer = order('new', 'offered', { version: 2 });
    orders.set('new', offer);
    await jobs.applyUpdate(summaryOf(offer));
    expect(jobs.offers.map((o) => o.order.id)).toEqual(['new']);
    expect(jobs.offers[0]?.order.customer?.address).toBe('广州市天河区体育西路103号');
  });

  it('drops an offer the socket says went to someone else, and says so', async () => {
    const { fetch } = fakeServer([order('o1', 'offered')]);
    const jobs = new TechJobs({ fetch, technicianId: ME, now: () => T0 });
    await jobs.load();
    fetch.mockClear();
    await jobs.applyUpdate(summaryOf(order('o1', 'offered'), { version: 3, technicianId: 'T00099' }));
    expect(fetch).not.toHaveBeenCalled();
    expect(jobs.offers).toHaveLength(0);
    expect(jobs.notice).toEqual({ kind: 'offer-lost', serviceType: 'ac_repair' });
  });

  it('drops a job a dispatcher took back', async () => {
    const { fetch } = fakeServer([order('o1', 'accepted')]);
    const jobs = new TechJobs({ fetch, technicianId: ME, now: () => T0 });
    await jobs.load();
    await jobs.applyUpdate(
      summaryOf(order('o1', 'accepted'), { version: 2, status: 'created', technicianId: null })
    );
    expect(jobs.current).toBeNull();
    expect(jobs.notice?.kind).toBe('job-lost');
  });

  it('accepts with the version on screen and makes the offer the current job', async () => {
    const { fetch, sent } = fakeServer([order('o1', 'offered', { version: 4 })], {
      o1: () => json(200, order('o1', 'accepted', { version: 5 }))
    });
    const jobs = new TechJobs({ fetch, technicianId: ME, now: () => T0 });
    await jobs.load();
    await jobs.accept('o1');
    expect(sent).toEqual([{ action: 'accept', expectedVersion: 4, reason: '' }]);
    expect(jobs.offers).toHaveLength(0);
    expect(jobs.current?.id).toBe('o1');
    expect(jobs.notice).toEqual({ kind: 'done', action: 'accept' });
    expect(jobs.busyId).toBeNull();
  });

  it('declines with the reason and forgets the order, which the server answers with its summary only', async () => {
    const offer = order('o1', 'offered');
    const { fetch, sent } = fakeServer([offer], {
      o1: () => json(200, summaryOf(offer, { version: 2, status: 'created', technicianId: null }))
    });
    const jobs = new TechJobs({ fetch, technicianId: ME, now: () => T0 });
    await jobs.load();
    await jobs.decline('o1', '距离太远');
    expect(sent).toEqual([{ action: 'decline', expectedVersion: 1, reason: '距离太远' }]);
    expect(jobs.empty).toBe(true);
    expect(jobs.notice).toEqual({ kind: 'done', action: 'decline' });
  });

  it('says the order changed and shows the fresh list when the server answers 409', async () => {
    const { fetch, orders } = fakeServer([order('o1', 'accepted')], {
      o1: () =>
        json(409, {
          error: { code: 'version_conflict', message: 'the order changed: it is at version 2' }
        })
    });
    const jobs = new TechJobs({ fetch, technicianId: ME, now: () => T0 });
    await jobs.load();
    // Someone moved it on meanwhile (the socket message is still on its way).
    orders.set('o1', order('o1', 'en_route', { version: 2 }));
    await jobs.act('o1', 'depart');
    expect(jobs.notice).toEqual({ kind: 'conflict' });
    expect(jobs.current?.status).toBe('en_route');
  });

  it('treats an illegal transition like a stale screen: reloads and says so', async () => {
    const { fetch } = fakeServer([order('o1', 'offered')], {
      o1: () =>
        json(409, {
          error: { code: 'illegal_transition', message: 'cannot accept', allowed: ['assign'] }
        })
    });
    const jobs = new TechJobs({ fetch, technicianId: ME, now: () => T0 });
    await jobs.load();
    await jobs.accept('o1');
    expect(jobs.notice).toEqual({ kind: 'conflict' });
  });

  it('drops an order the server says is no longer theirs (403)', async () => {
    const { fetch } = fakeServer([order('o1', 'offered')], {
      o1: () => json(403, { error: { code: 'forbidden', message: 'this order is not yours' } })
    });
    const jobs = new TechJobs({ fetch, technicianId: ME, now: () => T0 });
    await jobs.load();
    await jobs.accept('o1');
    expect(jobs.offers).toHaveLength(0);
    expect(jobs.notice?.kind).toBe('offer-lost');
  });

  it('keeps the offer and reports a network failure without a message', async () => {
    const { fetch } = fakeServer([order('o1', 'offered')]);
    const jobs = new TechJobs({ fetch, technicianId: ME, now: () => T0 });
    await jobs.load();
    fetch.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await jobs.accept('o1');
    expect(jobs.notice).toEqual({ kind: 'failed', message: '' });
    expect(jobs.offers).toHaveLength(1);
  });

  it('flags a failed load and keeps what it showed', async () => {
    const { fetch } = fakeServer([order('o1', 'accepted')]);
    const jobs = new TechJobs({ fetch, technicianId: ME, now: () => T0 });
    await jobs.load();
    fetch.mockResolvedValueOnce(json(503, { error: { code: 'unavailable', message: 'down' } }));
    await jobs.load();
    expect(jobs.failed).toBe(true);
    expect(jobs.current?.id).toBe('o1');
  });
});
