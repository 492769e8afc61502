import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SettlementView } from '../../realtime/contract';
import { DEMO_PASSWORD, techId, techUsername } from '../../realtime/demo/seed';
import { chromiumAvailable, launchChromium, PHONE_CONTEXT, waitUntilLive } from '../support/browser';
import { login } from '../support/app';
import { jsonApi, type JsonApi } from '../support/json-api';
import { startServerProcess, type ServerProcess } from '../support/process';

const ARTIFACTS = 'test-results/e2e';
const SHANGHAI = { lng: 121.47, lat: 31.23 };

interface OrderBody {
  id: string;
  version: number;
  status: string;
  technicianId: string | null;
  settlement: SettlementView | null;
}

describe.skipIf(!chromiumAvailable())("a technician's earnings in chromium", () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let api: JsonApi;
  let order: OrderBody;
  let technician: number;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServerProcess({ SIMULATE: '0', DEMO: '1' });
    api = jsonApi(server.base, await login(server.base, 'admin'));
    const created = await api<OrderBody>('POST', '/work-orders', {
      channel: 'workbench',
      serviceType: 'ac_install',
      priority: 'normal',
      description: '新装空调一台',
      customer: {
        name: '周女士',
        phone: '13700137000',
        address: '上海市黄浦区南京东路100号',
        location: SHANGHAI
      },
      parts: []
    });
    expect(created.status).toBe(201);
    // Auto-dispatch takes the order as it arrives; the supervisor then hands it to a technician of their
    // choosing (locked, so it stays), whose phone is opened below.
    const dispatched = await vi.waitFor(
      async () => {
        const { body } = await api<OrderBody>('GET', `/work-orders/${created.body.id}`);
        if (body.status === 'created') throw new Error('still waiting for dispatch');
        return body;
      },
      { timeout: 20_000, interval: 100 }
    );
    technician = dispatched.technicianId === techId(1) ? 2 : 1;
    const assigned = await api<OrderBody>('PUT', `/work-orders/${dispatched.id}/assignment`, {
      technicianId: techId(technician),
      expectedVersion: dispatched.version,
      reason: 'e2e: earnings',
      lock: true,
      confirmViolations: true
    });
    expect(assigned.status).toBe(200);
    order = assigned.body;
    expect(order.settlement?.status).toBe('quoted');

    browser = await launchChromium();
    const context = await browser.newContext(PHONE_CONTEXT);
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const yuan = (fen: number) => `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

  it('shows the job’s breakdown and the month, and updates both when a supervisor adds an urgent premium', async () => {
    await page.goto(`${server.base}/login?next=%2Ftech`);
    await page.fill('input[name=username]', techUsername(technician));
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await page.getByTestId('login-form').locator('button[type=submit]').click();
    await page.waitForURL(/\/tech$/);
    await waitUntilLive(page);

    const card = page.locator(`[data-testid=job-card][data-order-id="${order.id}"]`);
    const earnings = card.getByTestId('job-earnings');
    await earnings.waitFor();
    const before = order.settlement;
    if (!before) throw new Error('no settlement');
    expect(await earnings.getByTestId('earnings-share').textContent()).toBe(yuan(before.technician.share));
    expect(await earnings.getByTestId('earnings-total').textContent()).toBe(yuan(before.total));
    expect(await earnings.getByTestId('earnings-line').count()).toBe(before.lines.length);
    expect(await earnings.textContent()).toContain('完工后可结');
    expect(await page.getByTestId('month-share').textContent()).toBe(yuan(before.technician.share));
    await page.screenshot({ path: `${ARTIFACTS}/tech-earnings.png`, fullPage: true });

    const raised = await api<SettlementView>('POST', `/work-orders/${order.id}/surcharges`, {
      kind: 'urgent',
      reason: '客户要求今天装好',
      expectedVersion: before.version
    });
    expect(raised.status).toBe(201);
    expect(raised.body.technician.share).toBeGreaterThan(before.technician.share);

    // No reload: the phone hears settlement:updated.
    await expect
      .poll(() => earnings.getByTestId('earnings-share').textContent())
      .toBe(yuan(raised.body.technician.share));
    expect(await earnings.locator('[data-key=urgency]').textContent()).toContain('紧急程度 特急');
    expect(await page.getByTestId('month-share').textContent()).toBe(yuan(raised.body.technician.share));
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${ARTIFACTS}/tech-earnings-urgent.png`, fullPage: true });
  });

  it('reads at 360 px without sideways scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `${ARTIFACTS}/tech-earnings-360.png`, fullPage: true });
  });
});
