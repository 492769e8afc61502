import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepotList } from '../../realtime/contract';
import { chromiumAvailable, launchChromium } from '../support/browser';
import { startServerProcess, type ServerProcess } from '../support/process';

const ARTIFACTS = 'test-results/e2e';
const hasBrowser = chromiumAvailable();

describe.skipIf(!hasBrowser)('the wall display in chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  const foreignRequests: string[] = [];

  beforeAll(async () => {
    if (!existsSync('build/handler.js'))
      throw new Error('the console is not built: run `npm run build` (npm test does)');
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServerProcess({ SIMULATE: '1', DEMO: '1' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    page.on('request', (req) => {
      const host = new URL(req.url()).hostname;
      if (
        !['127.0.0.1', 'localhost'].includes(host) &&
        !req.url().startsWith('data:') &&
        !req.url().startsWith('blob:')
      )
        foreignRequests.push(req.url());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const drawn = async () => Number(await page.getByTestId('live-map').getAttribute('data-positions'));
  /** The depots the signed-in user may see, as the page's own session reads them. */
  const visibleDepots = () =>
    page.evaluate(async () => ((await (await fetch('/api/depots')).json()) as DepotList).items);
  const depotMarkers = () => page.getByTestId('depot-marker');

  it('signs in and shows at least 2,000 live technicians on the map', async () => {
    await page.goto(`${server.base}/wall`);
    await page.waitForURL(/\/login/);
    await page.fill('input[name=username]', 'dispatch.east');
    await page.fill('input[name=password]', 'demo-pass-2026');
    await page.getByTestId('login-form').locator('button[type=submit]').click();
    await page.waitForURL(/\/wall/);
    await page.goto(`${server.base}/wall?lang=zh-CN`);
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid=live-map]');
      return el?.getAttribute('data-loaded') === 'true' && Number(el.getAttribute('data-positions')) > 0;
    });
    // dispatch.east sees the east region only
    expect(await drawn()).toBeGreaterThan(300);
    const eastDepots = await visibleDepots();
    expect(eastDepots.length).toBeGreaterThan(0);
    expect(new Set(eastDepots.map((d) => d.regionId))).toEqual(new Set(['east']));
    await expect
      .poll(() => page.getByTestId('depot-legend').getAttribute('data-depots'))
      .toBe(String(eastDepots.length));
    const drawnDepots = await depotMarkers().evaluateAll((els) => els.map((el) => el.dataset.depotId));
    expect(drawnDepots.length).toBeGreaterThan(0);
    expect(eastDepots.map((d) => d.id)).toEqual(expect.arrayContaining(drawnDepots));
    await page.screenshot({ path: `${ARTIFACTS}/wall-east-zh.png` });

    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', 'demo-pass-2026');
    await page.getByTestId('login-form').locator('button[type=submit]').click();
    await page.waitForURL(/\/wall/);
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid=live-map]')?.getAttribute('data-positions')) >= 2000
    );
    expect(await drawn()).toBeGreaterThanOrEqual(2000);
    await expect
      .poll(async () => Number(await page.getByTestId('count-online').getAttribute('data-value')))
      .toBeGreaterThan(1000);
    await page.screenshot({ path: `${ARTIFACTS}/wall-national.png` });
  });

  it('moves technicians on the server: positions differ between two reads', async () => {
    const read = () =>
      page.evaluate(async () => {
        const body = (await (await fetch('/api/technicians')).json()) as {
          items: { id: string; location: { lng: number } }[];
        };
        return Object.fromEntries(body.items.map((t) => [t.id, t.location.lng]));
      });
    const before = await read();
    await expect
      .poll(async () => {
        const after = await read();
        return Object.keys(after).filter((id) => after[id] !== before[id]).length;
      })
      .toBeGreaterThan(100);
  });

  it('shows technicians moving between two screenshots', async () => {
    await page.goto(`${server.base}/wall?center=121.47,31.23&zoom=10`);
    await page.waitForFunction(
      () => document.querySelector('[data-testid=live-map]')?.getAttribute('data-loaded') === 'true'
    );
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid=live-map]')?.getAttribute('data-positions')) >= 2000
    );
    const map = page.getByTestId('live-map');
    const first = await map.screenshot({ path: `${ARTIFACTS}/shanghai-1.png` });
    await expect
      .poll(
        async () => {
          const next = await map.screenshot({ path: `${ARTIFACTS}/shanghai-2.png` });
          return next.equals(first);
        },
        { timeout: 20_000 }
      )
      .toBe(false);
  });

  it('draws every depot as a diamond and lists a depot’s lines below safety when it is clicked', async () => {
    const depots = await visibleDepots();
    expect(depots.length).toBeGreaterThanOrEqual(60);
    // a depot in alert with no other depot close by, so that nothing covers its diamond
    const alone = depots.find(
      (d) =>
        d.lowStockCount > 0 &&
        depots.every(
          (o) =>
            o.id === d.id ||
            Math.hypot(o.location.lng - d.location.lng, o.location.lat - d.location.lat) > 0.3
        )
    );
    if (!alone) throw new Error('no depot in alert stands alone');
    await page.goto(`${server.base}/wall?center=${alone.location.lng},${alone.location.lat}&zoom=10`);
    await expect
      .poll(() => page.getByTestId('depot-legend').getAttribute('data-depots'))
      .toBe(String(depots.length));
    const marker = page.locator(`[data-testid=depot-marker][data-depot-id="${alone.id}"]`);
    // read from the page: the simulator's orders may have moved the stock since the list above
    const count = Number(await marker.getAttribute('data-low-stock'));
    expect(count).toBeGreaterThan(0);
    expect(await marker.textContent()).toBe(String(count));
    await marker.click();
    const popup = page.getByTestId('depot-popup');
    expect(await popup.getAttribute('data-depot-id')).toBe(alone.id);
    const text = await popup.textContent();
    expect(text).toContain(alone.name);
    expect(text).toContain(`${count} 种备件低于安全库存`);
    expect(await popup.locator('tbody tr').count()).toBe(Math.min(count, 8));
    await page.screenshot({ path: `${ARTIFACTS}/wall-depot-popup.png` });
  });

  it('switches the whole page to English', async () => {
    await page.goto(`${server.base}/wall`);
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid=live-map]')?.getAttribute('data-positions')) >= 2000
    );
    await page.getByTestId('language-switch').getByRole('button', { name: /EN/i }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await expect.poll(() => page.getByTestId('count-online').locator('..').textContent()).toContain('Online');
    await page.screenshot({ path: `${ARTIFACTS}/wall-national-en.png` });
  });

  it('sends no request to any other host', () => {
    writeFileSync(`${ARTIFACTS}/foreign-requests.txt`, foreignRequests.join('\n'));
    expect(foreignRequests).toEqual([]);
  });
});
