// A supervisor overrides an auto-dispatched order from the wall, and the map shows the new holder.
// The simulator is off, so nobody accepts the order before the supervisor gets to it.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, pageApi, signIn } from '../support/browser';
import { startServerProcess, type ServerProcess } from '../support/process';

const ARTIFACTS = 'test-results/e2e';
const SHANGHAI = { lng: 121.47, lat: 31.23 };

describe.skipIf(!chromiumAvailable())('overriding a dispatch from the wall in chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServerProcess({ SIMULATE: '0', DEMO: '1' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const holder = () => page.getByTestId('live-map').getAttribute('data-focus-technician');
  const api = <T>(path: string, init?: { method: string; body: unknown }) => pageApi(page)<T>(path, init);

  it('reassigns the order to another candidate, and the map line moves to them', async () => {
    await signIn(page, server.base, 'dispatch.east', '/wall?center=121.47,31.23&zoom=11');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=live-map]')?.getAttribute('data-loaded') === 'true'
    );

    const created = await api<{ id: string }>('/work-orders', {
      method: 'POST',
      body: {
        channel: 'workbench',
        priority: 'high',
        serviceType: 'ac_repair',
        description: '空调漏水，客户要求今天上门',
        customer: { name: '钱七', phone: '13700137000', address: '上海市黄浦区', location: SHANGHAI },
        parts: []
      }
    });
    // Auto-dispatch answers on arrival.
    await expect
      .poll(async () => (await api<{ status: string }>(`/work-orders/${created.id}`)).status)
      .toBe('assigned');
    const before = await api<{ assignment: { technicianId: string } }>(`/work-orders/${created.id}`);
    const first = before.assignment.technicianId;

    await page.locator(`[data-testid=queue-tab-assigned]`).click();
    await page.getByTestId('queue-rows').locator(`[data-order-id="${created.id}"]`).click();
    await expect.poll(holder).toBe(first);
    await page.screenshot({ path: `${ARTIFACTS}/override-before.png` });

    // The best other candidate: the first row that is not the current holder.
    const other = page.locator(`[data-testid=candidate]:not([data-technician-id="${first}"])`).first();
    const second = await other.getAttribute('data-technician-id');
    expect(second).toBeTruthy();
    await other.click();
    await page.getByTestId('action-assign').click();
    await page.getByTestId('reason-input').fill('客户指定该技师');
    await page.getByTestId('reason-confirm').click();
    // A candidate who breaks a hard rule needs the explicit "assign anyway".
    const notice = page.getByTestId('drawer-notice');
    await expect
      .poll(async () => {
        if (await page.getByTestId('reason-prompt').isVisible()) {
          await page.getByTestId('reason-confirm').click();
          return 'confirming';
        }
        return notice.getAttribute('data-kind');
      })
      .toBe('done');

    await expect.poll(holder).toBe(second);
    const after = await api<{
      assignment: { technicianId: string };
      timeline: { type: string; actor: string }[];
    }>(`/work-orders/${created.id}`);
    expect(after.assignment.technicianId).toBe(second);
    expect(after.timeline.map((e) => [e.type, e.actor])).toContainEqual([
      'order.assigned',
      'user:dispatch.east'
    ]);
    await page.screenshot({ path: `${ARTIFACTS}/override-after.png` });
  });
});
