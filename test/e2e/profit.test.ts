import { existsSync, mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { techUsername } from '../../realtime/demo/seed';
import { login } from '../support/app';
import { chromiumAvailable, launchChromium, signIn } from '../support/browser';
import { orderInput } from '../support/orders';
import { startServerProcess, type ServerProcess } from '../support/process';

const ARTIFACTS = 'test-results/e2e';
const hasBrowser = chromiumAvailable();

describe.skipIf(!hasBrowser)('the executives’ profit view in chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync('build/handler.js'))
      throw new Error('the console is not built: run `npm run build` (npm test does)');
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServerProcess({ SIMULATE: '0', DEMO: '1' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const api = async (cookie: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.base}/api${path}`, {
      method,
      headers: { cookie, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  };

  /** An order in Shanghai, as auto-dispatch assigned it (or to `fallback`), completed by that phone. */
  async function completeOrder(admin: string, fallback: number): Promise<void> {
    const { id } = (await api(admin, 'POST', '/work-orders', orderInput())) as { id: string };
    const order = (await api(admin, 'GET', `/work-orders/${id}`)) as {
      version: number;
      status: string;
      assignment: { technicianId: string } | null;
    };
    let technicianNumber = fallback;
    if (order.status === 'assigned' && order.assignment)
      technicianNumber = Number(order.assignment.technicianId.slice(1));
    else
      await api(admin, 'PUT', `/work-orders/${id}/assignment`, {
        technicianId: `T${String(fallback).padStart(5, '0')}`,
        expectedVersion: order.version,
        reason: 'e2e',
        confirmViolations: true
      });
    const phone = await login(server.base, techUsername(technicianNumber));
    for (const action of ['accept', 'depart', 'arrive', 'complete'])
      await api(phone, 'POST', `/work-orders/${id}/transitions`, { action });
  }

  const shown = (testid: string) =>
    page
      .getByTestId(testid)
      .getAttribute('data-value')
      .then((v) => Number(v));
  const settled = () =>
    page.waitForFunction(
      () => document.querySelector('[data-testid=profit-page]')?.getAttribute('data-loading') === 'false'
    );

  it('shows an executive every region, switches the period, and follows a completed order live', async () => {
    const admin = await login(server.base, 'admin');
    const { items } = (await api(admin, 'GET', '/technicians?regionId=east')) as { items: { id: string }[] };
    const numbers = items.slice(0, 3).map((t) => Number(t.id.slice(1)));
    await completeOrder(admin, numbers[0] ?? 1);

    await signIn(page, server.base, 'exec', '/profit');
    await settled();
    await expect.poll(() => page.getByTestId('profit-regions').locator('li').count()).toBe(7);
    expect(await shown('profit-total-orders')).toBe(1);
    await expect.poll(() => page.getByTestId('profit-legend').textContent()).toContain('已完工');

    await page.getByTestId('period-30d').click();
    await expect.poll(() => page.getByTestId('period-30d').getAttribute('aria-pressed')).toBe('true');
    await settled();
    expect(await shown('profit-total-orders')).toBe(1);
    const revenue = await shown('profit-total-revenue');

    // No reload: the socket's notice makes the page read the figures again.
    await page.evaluate(() => ((window as unknown as { marker: boolean }).marker = true));
    for (const n of numbers.slice(1, 3)) await completeOrder(admin, n);
    await expect.poll(() => shown('profit-total-orders'), { timeout: 20_000 }).toBe(3);
    expect(await shown('profit-total-revenue')).toBeGreaterThan(revenue);
    expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(true);
    const east = page.getByTestId('profit-regions').locator('[data-region-id=east]');
    expect(Number(await east.getAttribute('data-revenue'))).toBe(await shown('profit-total-revenue'));

    await page.waitForTimeout(500);
    await page.screenshot({ path: `${ARTIFACTS}/profit-1920x1080.png` });
  });
});
