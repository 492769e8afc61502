import { existsSync, mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../support/browser';
import { startServerProcess, type ServerProcess } from '../support/process';

const ARTIFACTS = 'test-results/e2e';
const hasBrowser = chromiumAvailable();

describe.skipIf(!hasBrowser)('the regional heatmaps in chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync('build/handler.js'))
      throw new Error('the console is not built: run `npm run build` (npm test does)');
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServerProcess({ SIMULATE: '1', DEMO: '1', DEMO_TECHNICIANS: '600' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signIn(username: string, path: string): Promise<void> {
    await page.context().clearCookies();
    await page.goto(`${server.base}${path}`);
    await page.waitForURL(/\/login/);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', 'demo-pass-2026');
    await page.getByTestId('login-form').locator('button[type=submit]').click();
    await page.waitForURL(/\/insights/);
  }

  /** Waits until the page shows `level` with its map drawn and nothing loading. */
  async function atLevel(level: 'nation' | 'region' | 'city'): Promise<void> {
    await page.waitForFunction(
      (want) => {
        const el = document.querySelector('[data-testid=insights-page]');
        const map = document.querySelector('[data-testid=live-map]');
        return (
          el?.getAttribute('data-level') === want &&
          el.getAttribute('data-loading') === 'false' &&
          map?.getAttribute('data-loaded') === 'true'
        );
      },
      level,
      { timeout: 30_000 }
    );
    // the camera's flight to the level
    await page.waitForTimeout(900);
  }
  const current = () => page.locator('[data-current=true]').getAttribute('data-testid');
  const total = async () => Number(await page.getByTestId('insights-total').getAttribute('data-value'));

  it('starts a regional manager in their region and drills to a city and back up', async () => {
    await signIn('manager.east', '/insights');
    await atLevel('region');
    expect(page.url()).toContain('region=east');
    expect(await current()).toBe('crumb-region');
    // Revenue sums the completed orders' settlements; SLA risk weighs the clocks.
    await page.getByTestId('layer-revenue').click();
    await page.waitForURL(/layer=revenue/);
    await atLevel('region');
    expect(await total()).toBeGreaterThanOrEqual(0);
    await page.getByTestId('layer-sla_risk').click();
    await page.waitForURL(/layer=sla_risk/);
    await atLevel('region');
    expect(await total()).toBeGreaterThanOrEqual(0);
    await page.getByTestId('layer-demand').click();
    // demand is the default layer: the URL names no layer
    await page.waitForURL((url) => !url.searchParams.has('layer'));
    await atLevel('region');
    const regionTotal = await total();
    const cityWeights = await page
      .getByTestId('insights-cities')
      .locator('button')
      .evaluateAll((els) => els.map((el) => Number((el as HTMLElement).dataset.weight)));
    expect(cityWeights.reduce((a, b) => a + b, 0)).toBe(regionTotal);
    await page.screenshot({ path: `${ARTIFACTS}/insights-manager-east.png` });

    await page.getByTestId('insights-cities').locator('button[data-city-id=shanghai]').click();
    await atLevel('city');
    expect(page.url()).toContain('city=shanghai');
    expect(await current()).toBe('crumb-city');
    expect(Number(await page.getByTestId('insights-technicians').getAttribute('data-count'))).toBeGreaterThan(
      0
    );
    await page.screenshot({ path: `${ARTIFACTS}/insights-manager-shanghai.png` });

    await page.getByTestId('crumb-region').click();
    await atLevel('region');
    expect(page.url()).not.toContain('city=');

    // Another region by URL: the server refuses it, and the page returns to the manager's own.
    await page.goto(`${server.base}/insights?region=north`);
    await expect.poll(() => page.url(), { timeout: 30_000 }).toContain('region=east');
    await atLevel('region');
    expect(await page.getByTestId('insights-notice').getAttribute('data-kind')).toBe('forbidden');
    await page.screenshot({ path: `${ARTIFACTS}/insights-manager-refused.png` });
    const north = await page.evaluate(
      async () => (await fetch('/api/insights/heatmap?regionId=north')).status
    );
    expect(north).toBe(403);
  }, 180_000);

  it('lets an executive drill nation → region → city, and come back with Back and the breadcrumbs', async () => {
    await signIn('exec', '/insights');
    await atLevel('nation');
    const regions = page.getByTestId('insights-regions').locator('button');
    expect(await regions.count()).toBe(7);
    await page.screenshot({ path: `${ARTIFACTS}/insights-exec-nation.png` });

    await page.getByTestId('insights-regions').locator('button[data-region-id=east]').click();
    await atLevel('region');
    expect(page.url()).toContain('region=east');
    await page.screenshot({ path: `${ARTIFACTS}/insights-exec-east.png` });

    await page.getByTestId('insights-cities').locator('button[data-city-id=hangzhou]').click();
    await atLevel('city');
    const orders = await page.getByTestId('insights-orders').textContent();
    expect(orders).not.toMatch(/1[3-9]\d{9}/); // no phone numbers
    await page.screenshot({ path: `${ARTIFACTS}/insights-exec-hangzhou.png` });

    await page.goBack();
    await atLevel('region');
    await page.getByTestId('crumb-nation').click();
    await atLevel('nation');
    expect(page.url()).not.toContain('region=');
  }, 180_000);
});
