import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db';
import type { SettlementView } from '../../realtime/contract';
import { techId, techUsername } from '../../realtime/demo/seed';
import { login, seed, startServer, TEST_TECHNICIANS, type TestServer } from '../support/app';
import { backends } from '../support/backends';
import { orderTools } from '../support/orders';

describe.each(backends('the finance tests'))('finance on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let server: TestServer;
  let supervisor: string;
  let finance: string;
  const tools = orderTools(
    () => handle,
    () => server
  );
  /** The n-th demo technician (from 1) working in the east. */
  const eastTechnician = (nth = 1) => {
    let seen = 0;
    for (let n = 1; n <= TEST_TECHNICIANS; n++) {
      const t = server.app.fleet.get(techId(n));
      if (t?.regionId === 'east' && ++seen === nth) return { id: t.id, username: techUsername(n) };
    }
    throw new Error('no such technician in the demo');
  };
  const settlementOf = async (id: string) =>
    (await tools.api(supervisor, 'GET', `/work-orders/${id}`)).body.settlement as SettlementView | null;
  const move = async (id: string, action: string, cookie = supervisor) =>
    (await tools.api(cookie, 'POST', `/work-orders/${id}/transitions`, { action, reason: 'test' })).status;
  const assign = async (id: string, technicianId: string) => {
    const { version } = (await tools.order(id)) ?? { version: 0 };
    const r = await tools.api(supervisor, 'PUT', `/work-orders/${id}/assignment`, {
      technicianId,
      expectedVersion: version,
      reason: 'test',
      confirmViolations: true
    });
    expect(r.status).toBe(200);
  };
  /** An east order dispatched to `nth` east technician and taken to completion (70 % payable). */
  const completed = async (nth = 1) => {
    const tech = eastTechnician(nth);
    const order = await tools.create({ serviceType: 'ac_install' });
    await assign(order.id, tech.id);
    const phone = await login(server.base, tech.username);
    for (const action of ['accept', 'depart', 'arrive', 'complete'])
      expect(await move(order.id, action, phone)).toBe(200);
    return { order, tech, phone };
  };

  beforeAll(async () => {
    ({ handle, cleanup } = await open());
    await seed(handle);
    server = await startServer(handle);
    supervisor = await login(server.base, 'admin');
    finance = await login(server.base, 'finance');
  });
  afterAll(async () => {
    await server.close();
    await cleanup();
  });

  describe('cancelling an order', () => {
    it('voids its settlement in the same move: nothing pending or payable, an audit event, requoted after a reopen', async () => {
      const order = await tools.create({ serviceType: 'ac_install' });
      await assign(order.id, eastTechnician().id);
      expect(await move(order.id, 'cancel')).toBe(200);
      const voided = await settlementOf(order.id);
      expect(voided?.status).toBe('void');
      expect(voided?.technician).toEqual({ share: 0, pending: 0, payable: 0, paid: 0 });
      expect(voided?.payouts.every((p) => p.status === 'void')).toBe(true);
      const detail = await tools.api(supervisor, 'GET', `/work-orders/${order.id}`);
      expect(detail.body.timeline).toContainEqual(
        expect.objectContaining({ type: 'settlement.voided', actor: 'user:admin' })
      );
      expect(await move(order.id, 'reopen')).toBe(200);
      expect((await settlementOf(order.id))?.status).toBe('void');
      await assign(order.id, eastTechnician().id);
      const again = await settlementOf(order.id);
      expect(again).toMatchObject({ status: 'quoted', total: 24_000 });
      expect(again?.technician).toEqual({ share: 16_800, pending: 16_800, payable: 0, paid: 0 });
    });
  });
});
