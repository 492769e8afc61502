import { existsSync, mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD, techUsername } from '../../realtime/demo/seed';
import { chromiumAvailable, launchChromium, PHONE_CONTEXT, waitUntilLive } from '../support/browser';
import { login } from '../support/app';
import { jsonApi, type JsonApi } from '../support/json-api';
import { startServerProcess, type ServerProcess } from '../support/process';

const ARTIFACTS = 'test-results/e2e';
const hasBrowser = chromiumAvailable();

/** Guangzhou is in South China, whose demo dispatch policy offers orders instead of assigning them. */
const GUANGZHOU = { lng: 113.32, lat: 23.135 };

interface OrderBody {
  id: string;
  version: number;
  status: string;
  technicianId: string | null;
  assignment: { kind: string; expiresAt: string | null } | null;
}

describe.skipIf(!hasBrowser)("a technician's phone in chromium", () => {
  let server: ServerProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** The API as the admin at a dispatch desk: the phone's counterpart in this test. */
  let api: JsonApi;
  let first: OrderBody;
  let second: OrderBody;
  let technicianId: string;

  async function createOrder(order: {
    serviceType: string;
    priority: string;
    description: string;
    customer: { name: string; phone: string; address: string };
    parts: { sku: string; qty: number }[];
  }): Promise<string> {
    const res = await api<OrderBody>('POST', '/work-orders', {
      channel: 'workbench',
      ...order,
      customer: { ...order.customer, location: GUANGZHOU }
    });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  /** Auto-dispatch runs when the order arrives: wait until it has left `created`. */
  async function dispatched(id: string): Promise<OrderBody> {
    return vi.waitFor(
      async () => {
        const { body } = await api<OrderBody>('GET', `/work-orders/${id}`);
        if (body.status === 'created') throw new Error(`order ${id} is still waiting for dispatch`);
        return body;
      },
      { timeout: 20_000, interval: 100 }
    );
  }

  const FIRST_ORDER = {
    serviceType: 'ac_repair',
    priority: 'high',
    description: '客厅空调不制冷，外机有异响',
    customer: {
      name: '陈先生',
      phone: '138 0013 8000',
      address: '广州市天河区体育西路103号维多利广场B座1805室'
    },
    parts: [
      { sku: '空调-3A', qty: 1 },
      { sku: '空调-8A', qty: 2 }
    ]
  };

  beforeAll(async () => {
    if (!existsSync('build/handler.js'))
      throw new Error('the console is not built: run `npm run build` (npm test does)');
    mkdirSync(ARTIFACTS, { recursive: true });
    // No simulator: it would answer offers for simulated technicians; the seeded fleet is online and idle.
    server = await startServerProcess({ SIMULATE: '0', DEMO: '1' });
    api = jsonApi(server.base, await login(server.base, 'admin'));

    // Find out whom South China offers this order to, then take it back (locked, so it stays put). With the
    // fleet standing still the same order made again goes to the same technician, whose phone is open by then.
    const probe = await dispatched(await createOrder(FIRST_ORDER));
    expect(probe.status).toBe('offered');
    technicianId = probe.technicianId ?? '';
    const back = await api('DELETE', `/work-orders/${probe.id}/assignment`, {
      expectedVersion: probe.version,
      reason: 'e2e: find the technician',
      lock: true
    });
    expect(back.status).toBe(200);

    browser = await launchChromium();
    context = await browser.newContext(PHONE_CONTEXT);
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const offerCard = () => page.locator(`[data-testid=offer-card][data-order-id="${first.id}"]`);

  it('signs the technician in from /tech and shows an offer that arrives, with a running countdown', async () => {
    await page.goto(`${server.base}/tech`);
    await page.waitForURL(/\/login\?next=%2Ftech/);
    await page.screenshot({ path: `${ARTIFACTS}/tech-login.png` });
    // Technician ids and logins are numbered alike in the demo (T00398 is tech.0398).
    await page.fill('input[name=username]', techUsername(Number(technicianId.slice(1))));
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await page.getByTestId('login-form').locator('button[type=submit]').click();
    await page.waitForURL(/\/tech$/);
    await page.getByTestId('tech-empty').waitFor();
    await waitUntilLive(page);

    // The order arrives while the page is open: the offer comes over the socket.
    first = await dispatched(await createOrder(FIRST_ORDER));
    expect(first.status).toBe('offered');
    expect(first.assignment?.kind).toBe('offer');
    expect(first.technicianId).toBe(technicianId);

    await offerCard().waitFor();
    expect(await offerCard().getByTestId('order-service').textContent()).toBe('空调维修');
    expect(await offerCard().getByTestId('order-parts').textContent()).toContain('空调-8A');
    // Only offered: no customer address or phone on the phone yet.
    expect(await offerCard().textContent()).not.toContain('体育西路');
    expect(await offerCard().textContent()).not.toContain('8000');
    const countdown = offerCard().getByTestId('offer-countdown');
    const shown = (await countdown.textContent()) ?? '';
    expect(shown).toMatch(/^1:(30|[0-2]\d)$/);
    await expect.poll(() => countdown.textContent(), { timeout: 5_000 }).not.toBe(shown);
    await page.screenshot({ path: `${ARTIFACTS}/tech-offer.png` });
  });

  it('asks for a reason before declining, and can go back', async () => {
    await offerCard().getByTestId('offer-decline').click();
    const confirm = offerCard().getByTestId('decline-confirm');
    expect(await confirm.isDisabled()).toBe(true);
    await offerCard().getByText('缺少备件').click();
    expect(await confirm.isDisabled()).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS}/tech-decline-reasons.png` });
    await offerCard().getByRole('button', { name: '返回' }).click();
    await offerCard().getByTestId('offer-accept').waitFor();
  });

  it('accepts the offer, which becomes the current job with the customer to call', async () => {
    await offerCard().getByTestId('offer-accept').click();
    const job = page.getByTestId('tech-current').getByTestId('job-card');
    await expect.poll(() => job.getAttribute('data-status')).toBe('accepted');
    expect(await offerCard().count()).toBe(0);
    expect(await page.getByTestId('tech-notice').textContent()).toContain('已接单');
    expect(await job.getByTestId('job-phone').getAttribute('href')).toBe('tel:13800138000');
    expect(await job.getByTestId('job-step').textContent()).toBe('出发');
    expect((await api<OrderBody>('GET', `/work-orders/${first.id}`)).body.status).toBe('accepted');
    await page.screenshot({ path: `${ARTIFACTS}/tech-current-job.png` });
  });

  it('shows a job a dispatcher assigns while the page is open, behind the current one', async () => {
    second = await dispatched(
      await createOrder({
        serviceType: 'water_heater',
        priority: 'normal',
        description: '燃气热水器打不着火，不出热水',
        customer: { name: '林女士', phone: '139-2233-4455', address: '广州市越秀区东风中路318号嘉业大厦7楼' },
        parts: [{ sku: '热水器-2B', qty: 1 }]
      })
    );
    const assigned = await api<OrderBody>('PUT', `/work-orders/${second.id}/assignment`, {
      technicianId,
      expectedVersion: second.version,
      reason: 'e2e: the technician on site is close',
      lock: true,
      confirmViolations: true
    });
    expect(assigned.status).toBe(200);

    const queued = page.getByTestId('tech-queue').locator(`[data-order-id="${second.id}"]`);
    await expect.poll(() => queued.getAttribute('data-status')).toBe('assigned');
    expect(await queued.getByTestId('job-step').textContent()).toBe('确认接单');
    await page.screenshot({ path: `${ARTIFACTS}/tech-two-jobs.png`, fullPage: true });
  });

  it('sets off on the current job, and drops it when the dispatcher takes it back', async () => {
    const job = page.getByTestId('tech-current').getByTestId('job-card');
    await job.getByTestId('job-step').click();
    await expect.poll(() => job.getAttribute('data-status')).toBe('en_route');
    expect(await job.getByTestId('job-step').textContent()).toBe('已到达');

    const now = (await api<OrderBody>('GET', `/work-orders/${first.id}`)).body;
    expect(now.status).toBe('en_route');
    // Locked, so auto-dispatch does not hand it straight back to the same technician.
    const taken = await api('DELETE', `/work-orders/${first.id}/assignment`, {
      expectedVersion: now.version,
      reason: 'e2e: customer rescheduled',
      lock: true
    });
    expect(taken.status).toBe(200);
    await expect.poll(() => page.getByTestId('tech-notice').getAttribute('data-kind')).toBe('job-lost');
    expect(await page.locator(`[data-order-id="${first.id}"]`).count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('tech-current').getByTestId('job-card').getAttribute('data-status'))
      .toBe('assigned');
  });

  it('switches the phone page to English', async () => {
    await page.getByTestId('language-switch').getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByTestId('tech-current').getByTestId('job-step').textContent()).toBe(
      'Accept the job'
    );
    await page.screenshot({ path: `${ARTIFACTS}/tech-current-job-en.png` });
  });

  it('says so when nothing is left to do', async () => {
    const now = (await api<OrderBody>('GET', `/work-orders/${second.id}`)).body;
    const taken = await api('DELETE', `/work-orders/${second.id}/assignment`, {
      expectedVersion: now.version,
      reason: 'e2e: handled by phone',
      lock: true
    });
    expect(taken.status).toBe(200);
    await page.getByTestId('tech-empty').waitFor();
    await page.getByTestId('tech-notice').getByRole('button').click();
    await page.getByTestId('language-switch').getByRole('button', { name: '中文' }).click();
    expect(await page.getByTestId('tech-empty').textContent()).toContain('暂时没有工单');
    await page.screenshot({ path: `${ARTIFACTS}/tech-empty.png` });
  });

  it('sends a technician who opens the wall to their phone page, and everyone else from /tech to the wall', async () => {
    await page.goto(`${server.base}/wall`);
    await page.waitForURL(/\/tech$/);
    await page.goto(`${server.base}/`);
    await page.waitForURL(/\/tech$/);

    const desk = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const deskPage = await desk.newPage();
    await deskPage.goto(`${server.base}/login`);
    await deskPage.fill('input[name=username]', 'dispatch.east');
    await deskPage.fill('input[name=password]', DEMO_PASSWORD);
    await deskPage.getByTestId('login-form').locator('button[type=submit]').click();
    await deskPage.waitForURL(/\/wall/);
    await deskPage.goto(`${server.base}/tech`);
    await deskPage.waitForURL(/\/wall/);
    await desk.close();
  });
});
