import { describe, expect, it, vi } from 'vitest';
import { OrderDrawer } from './order-drawer.svelte';
import type { OrderDetail, OrderView, TechnicianSummary } from './types';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const detail = (over: Partial<OrderDetail> = {}): OrderDetail => ({
  id: 'o1',
  version: 1,
  regionId: 'east',
  status: 'created',
  priority: 'normal',
  channel: 'api',
  location: { lng: 121.47, lat: 31.23 },
  createdAt: '2026-11-23T08:00:00Z',
  updatedAt: '2026-11-23T08:00:00Z',
  serviceType: 'ac_repair',
  description: '',
  templateId: null,
  customer: null,
  assignment: null,
  timeline: [],
  ...over
});

const candidate = (technicianId: string, violations: string[] = []) => ({
  technicianId,
  name: technicianId.toUpperCase(),
  score: 0.5,
  factors: { distance: 0.2, workload: 0.1, rating: 0.1, parts: 0.05, fairness: 0.05 },
  violations,
  crossRegion: false,
  distanceKm: 2
});

type Route = (init: RequestInit | undefined) => Response;

/** A fake server: one handler per "METHOD path"; records the bodies it received. */
function fakeServer(routes: Record<string, Route>) {
  const bodies: unknown[] = [];
  const f = vi.fn<typeof fetch>(async (url, init) => {
    const key = `${init?.method ?? 'GET'} ${String(url)}`;
    if (init?.body) bodies.push(JSON.parse(String(init.body)));
    const route = routes[key];
    return route ? route(init) : json(404, { error: { code: 'not_found', message: key } });
  });
  return { f, bodies };
}

describe('OrderDrawer', () => {
  it('loads the order and its ranked candidates and hands the order to the queue', async () => {
    const onOrder = vi.fn<(o: OrderView) => void>();
    const { f } = fakeServer({
      'GET /api/work-orders/o1': () => json(200, detail()),
      'GET /api/work-orders/o1/candidates': () => json(200, { items: [candidate('t1'), candidate('t2')] })
    });
    const drawer = new OrderDrawer({ fetch: f, onOrder });
    await drawer.show('o1');
    expect(drawer.detail?.id).toBe('o1');
    expect(drawer.source).toBe('ranked');
    expect(drawer.candidates.map((c) => c.technicianId)).toEqual(['t1', 't2']);
    expect(onOrder).toHaveBeenCalledWith(expect.objectContaining({ id: 'o1' }));
  });

  it('falls back to the nearest technicians when the ranking endpoint is missing', async () => {
    const { f } = fakeServer({ 'GET /api/work-orders/o1': () => json(200, detail()) });
    const drawer = new OrderDrawer({ fetch: f, onOrder: () => {} });
    const tech = (id: string, lng: number, status = 'idle'): TechnicianSummary => ({
      id,
      name: id,
      regionId: 'east',
      status,
      skills: [],
      rating: 4.5,
      location: { lng, lat: 31.23 }
    });
    drawer.setTechnicians([tech('far', 122.5), tech('near', 121.5), tech('off', 121.47, 'offline')]);
    await drawer.show('o1');
    expect(drawer.source).toBe('nearby');
    expect(drawer.candidates.map((c) => c.technicianId)).toEqual(['near', 'far']);
  });

  it('assigns the picked candidate with the reason and the expected version', async () => {
    let version = 1;
    const { f, bodies } = fakeServer({
      'GET /api/work-orders/o1': () => json(200, detail({ version })),
      'GET /api/work-orders/o1/candidates': () => json(200, { items: [candidate('t1'), candidate('t2')] }),
      'PUT /api/work-orders/o1/assignment': () => {
        version = 2;
        return json(
          200,
          detail({ version: 2, status: 'assigned', assignment: { technicianId: 't2', locked: false } })
        );
      }
    });
    const onOrder = vi.fn<(o: OrderView) => void>();
    const drawer = new OrderDrawer({ fetch: f, onOrder });
    await drawer.show('o1');
    drawer.pick(1);
    drawer.requestAssign('manual');
    const outcome = await drawer.submit();
    expect(outcome?.type).toBe('ok');
    expect(bodies[0]).toEqual({ technicianId: 't2', expectedVersion: 1, reason: 'manual', lock: false });
    expect(onOrder).toHaveBeenCalledWith(expect.objectContaining({ status: 'assigned' }));
    expect(drawer.notice).toEqual({ kind: 'done', action: 'assign' });
    expect(drawer.pending).toBeNull();
  });

  it('on 409 reloads the order, shows the conflict and drops the pending write', async () => {
    let version = 1;
    const { f } = fakeServer({
      'GET /api/work-orders/o1': () => json(200, detail({ version })),
      'GET /api/work-orders/o1/candidates': () => json(200, { items: [candidate('t1')] }),
      'PUT /api/work-orders/o1/assignment': () => {
        version = 5;
        return json(409, {
          error: { code: 'version_conflict', message: 'stale', current: { id: 'o1', version: 5 } }
        });
      }
    });
    const drawer = new OrderDrawer({ fetch: f, onOrder: () => {} });
    await drawer.show('o1');
    drawer.requestAssign('manual');
    await drawer.submit();
    expect(drawer.notice).toEqual({ kind: 'conflict' });
    expect(drawer.detail?.version).toBe(5);
    expect(drawer.pending).toBeNull();
  });

  it('on 422 shows the violations and resends with confirmViolations only after the explicit override', async () => {
    const { f, bodies } = fakeServer({
      'GET /api/work-orders/o1': () => json(200, detail()),
      'GET /api/work-orders/o1/candidates': () => json(200, { items: [candidate('t1', ['skill'])] }),
      'PUT /api/work-orders/o1/assignment': (init) =>
        (JSON.parse(String(init?.body)) as { confirmViolations?: boolean }).confirmViolations
          ? json(200, detail({ version: 2, status: 'assigned' }))
          : json(422, {
              error: { code: 'hard_rule_violation', message: 'x', violations: ['skill', 'capacity'] }
            })
    });
    const drawer = new OrderDrawer({ fetch: f, onOrder: () => {} });
    await drawer.show('o1');
    drawer.requestAssign('manual');
    expect((await drawer.submit())?.type).toBe('violations');
    expect(drawer.pending?.violations).toEqual(['skill', 'capacity']);
    expect(bodies[0]).not.toHaveProperty('confirmViolations');
    expect((await drawer.submit())?.type).toBe('ok');
    expect(bodies[1]).toMatchObject({ confirmViolations: true });
  });

  it('does not send a write without a reason', async () => {
    const { f, bodies } = fakeServer({
      'GET /api/work-orders/o1': () => json(200, detail()),
      'GET /api/work-orders/o1/candidates': () => json(200, { items: [candidate('t1')] })
    });
    const drawer = new OrderDrawer({ fetch: f, onOrder: () => {} });
    await drawer.show('o1');
    drawer.requestAssign('manual');
    drawer.setReason('   ');
    expect(await drawer.submit()).toBeNull();
    expect(bodies).toHaveLength(0);
  });

  it('toggles the lock by re-sending the current technician with lock set', async () => {
    const assigned = detail({
      version: 3,
      status: 'assigned',
      assignment: { technicianId: 't9', locked: false }
    });
    const { f, bodies } = fakeServer({
      'GET /api/work-orders/o1': () => json(200, assigned),
      'PUT /api/work-orders/o1/assignment': () => json(200, { ...assigned, version: 4 })
    });
    const drawer = new OrderDrawer({ fetch: f, onOrder: () => {} });
    await drawer.show('o1');
    drawer.requestLockToggle((locking) => (locking ? 'lock it' : 'unlock it'));
    await drawer.submit();
    expect(bodies[0]).toEqual({ technicianId: 't9', expectedVersion: 3, reason: 'lock it', lock: true });
  });

  it('keeps the same technician picked when the ranking changes after a reload', async () => {
    let items = [candidate('t1'), candidate('t2'), candidate('t3')];
    const { f } = fakeServer({
      'GET /api/work-orders/o1': () => json(200, detail()),
      'GET /api/work-orders/o1/candidates': () => json(200, { items })
    });
    const drawer = new OrderDrawer({ fetch: f, onOrder: () => {} });
    await drawer.show('o1');
    drawer.pick(1);
    items = [candidate('t2'), candidate('t3'), candidate('t1')];
    await drawer.reload();
    expect(drawer.pickedCandidate?.technicianId).toBe('t2');
    expect(drawer.picked).toBe(0);
  });

  it('confirms a proposed transfer, shows it confirmed, and says so when someone got there first', async () => {
    const transfer = {
      id: 'tr1',
      fromDepotId: 'D-URUMQI',
      toDepotId: 'D-SHANGHAI',
      sku: 'AC-CAP-35',
      qty: 1,
      distanceKm: 3270,
      etaHours: 75,
      status: 'proposed',
      decidedBy: null,
      decidedAt: null
    };
    let status = 'proposed';
    const { f } = fakeServer({
      'GET /api/work-orders/o1': () => json(200, detail({ transfers: [{ ...transfer, status }] })),
      'GET /api/work-orders/o1/candidates': () => json(200, { items: [] }),
      'POST /api/work-orders/o1/transfers/tr1/confirmation': () => {
        if (status !== 'proposed')
          return json(409, {
            error: { code: 'transfer_not_proposed', message: 'the transfer is confirmed' }
          });
        status = 'confirmed';
        return json(200, { ...transfer, status });
      }
    });
    const drawer = new OrderDrawer({ fetch: f, onOrder: () => {} });
    await drawer.show('o1');
    await drawer.confirmTransfer('tr1');
    expect(drawer.notice).toEqual({ kind: 'transfer-confirmed' });
    expect(drawer.detail?.transfers?.[0]?.status).toBe('confirmed');
    await drawer.confirmTransfer('tr1');
    expect(drawer.notice).toEqual({ kind: 'failed', message: 'the transfer is confirmed' });
  });
});
