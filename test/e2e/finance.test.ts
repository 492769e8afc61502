import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FinanceSettlementsPage } from '../../realtime/contract';
import { login } from '../support/app';
import { chromiumAvailable, launchChromium, pageApi, signIn } from '../support/browser';
import { jsonApi, type JsonApi } from '../support/json-api';
import { startServerProcess, type ServerProcess } from '../support/process';

const ARTIFACTS = 'test-results/e2e';
const PLACES = [
  { address: '上海市黄浦区南京东路100号', location: { lng: 121.47, lat: 31.23 } },
  { address: '杭州市西湖区文三路90号', location: { lng: 120.15, lat: 30.28 } },
  { address: '北京市朝阳区建国路88号', location: { lng: 116.46, lat: 39.91 } }
];

describe.skipIf(!chromiumAvailable())('the finance page in chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let api: JsonApi;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServerProcess({ SIMULATE: '0', DEMO: '1' });
    api = jsonApi(server.base, await login(server.base, 'admin'));
    // Orders in the east and the north, dispatched as they arrive: each then carries a settlement.
    for (const [i, place] of [...PLACES, ...PLACES].entries()) {
      const created = await api<{ id: string }>('POST', '/work-orders', {
        channel: 'workbench',
        serviceType: i % 2 ? 'ac_install' : 'ac_repair',
        priority: 'normal',
        description: '空调',
        customer: { name: '周女士', phone: '13700137000', ...place },
        parts: []
      });
      expect(created.status).toBe(201);
    }
    await vi.waitFor(
      async () => {
        const { body } = await api<FinanceSettlementsPage>('GET', '/finance/settlements?limit=1');
        if ((body.totals?.all.settlements ?? 0) < PLACES.length * 2) throw new Error('still dispatching');
      },
      { timeout: 30_000, interval: 200 }
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const settled = () =>
    page.waitForFunction(
      () => document.querySelector('[data-testid=finance-page]')?.getAttribute('data-loading') === 'false'
    );

  it('shows finance a region’s totals as the API sums them, and exports a statement Excel opens', async () => {
    await signIn(page, server.base, 'finance', '/wall');
    await page.getByTestId('nav-menu').locator('summary').click();
    await page.getByTestId('nav-finance').click();
    await page.waitForURL(/\/finance/);
    await settled();
    await page.getByTestId('finance-region').selectOption('east');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid=finance-export]')?.getAttribute('href')?.includes('regionId=east')
    );
    await settled();
    const href = (await page.getByTestId('finance-export').getAttribute('href')) ?? '';
    const query = href.split('?')[1] ?? '';
    const fromApi = await pageApi(page)<FinanceSettlementsPage>(`/finance/settlements?${query}`);
    expect(fromApi.totals.all.settlements).toBeGreaterThan(0);
    for (const key of ['settlements', 'total', 'technician', 'partner', 'platform'] as const)
      expect(Number(await page.getByTestId(`finance-total-${key}`).getAttribute('data-value'))).toBe(
        fromApi.totals.all[key]
      );
    const regions = await page
      .getByTestId('finance-by-region')
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.key));
    expect(regions).toEqual(['east']);
    const rows = page.getByTestId('finance-settlement');
    expect(await rows.count()).toBe(fromApi.items.length);
    await rows.first().locator('button.row').click();
    expect(await page.getByTestId('finance-line').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}/finance-east.png` });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('finance-export').click()
    ]);
    const path = await download.path();
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('\r\n');
  });
});
