// The rotating wall (`/wall?rotate=…&every=…`) in chromium: panels take turns, keys step and pause, and
// the page keeps running unattended through a server restart: it says it is offline and that its numbers
// are stale, reconnects by itself to the server started again on the same port and data folder (the
// session cookie still valid), reads every panel again and shows an order created after the restart,
// all without a reload. Its profit panel draws its chart at the wall's type scale, sharp on 4K. Screenshots
// in test-results/e2e/wall-rotation-*.png.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, pageApi, signIn } from '../support/browser';
import { startServerProcess, type ServerProcess } from '../support/process';

const ARTIFACTS = 'test-results/e2e';
const SHANGHAI = { lng: 121.47, lat: 31.23 };
/** No simulator: the numbers change only when the test changes them. */
const ENV = { SIMULATE: '0', DEMO: '1' };
const EVERY = 5;

describe.skipIf(!chromiumAvailable())('the rotating wall in chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  const dataDir = mkdtempSync(join(tmpdir(), 'dispatch-wall-'));

  beforeAll(async () => {
    if (!existsSync('build/handler.js'))
      throw new Error('the console is not built: run `npm run build` (npm test does)');
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServerProcess(ENV, dataDir);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const panel = () => page.getByTestId('wall-panel').getAttribute('data-panel');
  const look = () => page.getByTestId('connection').getAttribute('data-look');
  const stale = () => page.getByTestId('wall-panel').getAttribute('data-stale');
  const openOrders = async () =>
    Number(await page.getByTestId('count-open-orders').getAttribute('data-value'));
  const heatTotal = async () => Number(await page.getByTestId('insights-total').getAttribute('data-value'));
  /** The machine may be loaded: the first map takes up to a minute to draw. */
  const mapDrawn = () =>
    page.waitForFunction(
      () => Number(document.querySelector('[data-testid=live-map]')?.getAttribute('data-positions')) > 0,
      undefined,
      { timeout: 120_000 }
    );
  const shot = (name: string) => page.screenshot({ path: `${ARTIFACTS}/wall-rotation-${name}.png` });

  it('rotates map, SLA board and heatmap full screen, with the title, the next panel and the clock', async () => {
    await signIn(page, server.base, 'dispatch.east', `/wall?rotate=map,sla,heatmap&every=${EVERY}`);
    // Survives only if the page is never reloaded.
    await page.evaluate(() => ((window as unknown as { wallMarker: string }).wallMarker = 'first load'));
    // Held on the map while it draws (on a loaded machine that takes longer than a turn), then let go.
    await page.getByTestId('wall-rotation').waitFor();
    await page.keyboard.press(' ');
    for (let i = 0; i < 3 && (await panel()) !== 'map'; i++) await page.keyboard.press('ArrowLeft');
    await mapDrawn();
    expect(await panel()).toBe('map');
    expect(await page.getByTestId('panel-title').textContent()).toBe('实时地图');
    expect(await page.getByTestId('panel-next').textContent()).toContain('已暂停');
    expect(await page.getByTestId('clock').isVisible()).toBe(true);
    expect(await look()).toBe('live');
    await shot('map-1080');
    await page.keyboard.press(' ');

    await expect.poll(panel, { timeout: 4 * EVERY * 1000 }).toBe('sla');
    expect(await page.getByTestId('sla-panel').isVisible()).toBe(true);
    expect(await page.getByTestId('panel-next').textContent()).toContain('下一屏：全国热力图');
    expect(await page.getByTestId('clock').isVisible()).toBe(true);
    await shot('sla-1080');

    await expect.poll(panel, { timeout: 4 * EVERY * 1000 }).toBe('heatmap');
    await page.getByTestId('insights-total').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('insights-panel').getAttribute('data-level')).toBe('region');
    await shot('heatmap-1080');
  });

  it('steps with the arrow keys and holds a panel while paused with space', async () => {
    await expect.poll(panel, { timeout: 4 * EVERY * 1000 }).toBe('map');
    await page.keyboard.press('ArrowLeft');
    expect(await panel()).toBe('heatmap');
    await page.keyboard.press('ArrowRight');
    expect(await panel()).toBe('map');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press(' ');
    expect(await page.getByTestId('wall-rotation').getAttribute('data-paused')).toBe('true');
    expect(await page.getByTestId('panel-next').textContent()).toContain('已暂停');
    await page.waitForTimeout((EVERY + 2) * 1000);
    expect(await panel()).toBe('heatmap');
  });

  it('survives a server restart: offline and stale while down, live and fresh after, no reload', async () => {
    const ordersBefore = await openOrders();
    const heatBefore = await heatTotal();
    expect(await stale()).toBe('false');

    await server.stop();
    await expect.poll(look, { timeout: 30_000 }).toBe('offline');
    expect(await stale()).toBe('true');
    expect(await page.getByTestId('panel-stale').isVisible()).toBe(true);
    expect(await page.getByTestId('counts-stale').isVisible()).toBe(true);
    expect(await page.getByTestId('connection-down').textContent()).toMatch(/已断开 \d+:\d\d/);
    await shot('offline-1080');

    server = await startServerProcess(ENV, dataDir, server.port);
    await expect.poll(look, { timeout: 60_000 }).toBe('live');
    await expect.poll(stale, { timeout: 30_000 }).toBe('false');
    expect(await page.getByTestId('panel-stale').count()).toBe(0);
    expect(await openOrders()).toBe(ordersBefore);

    // The cookie from before the restart still opens the API: the order below is created with it.
    const created = await pageApi(page)<{ id?: string }>('/work-orders', {
      method: 'POST',
      body: {
        channel: 'workbench',
        priority: 'normal',
        serviceType: 'ac_repair',
        description: '重启后新建的工单',
        customer: { name: '周八', phone: '13600136000', address: '上海市徐汇区', location: SHANGHAI },
        parts: []
      }
    });
    expect(created.id).toBeTruthy();
    await expect.poll(openOrders, { timeout: 30_000 }).toBe(ordersBefore + 1);
    await expect.poll(heatTotal, { timeout: 30_000 }).toBeGreaterThan(heatBefore);
    expect(await page.evaluate(() => (window as unknown as { wallMarker?: string }).wallMarker)).toBe(
      'first load'
    );
    await shot('after-restart-1080');
  });

  it('scales the type with a 3840×2160 screen', async () => {
    const titleHeight = async () => (await page.getByTestId('panel-title').boundingBox())?.height ?? 0;
    const clockHeight = async () => (await page.getByTestId('clock').boundingBox())?.height ?? 0;
    const small = { title: await titleHeight(), clock: await clockHeight() };
    await page.setViewportSize({ width: 3840, height: 2160 });
    await expect.poll(titleHeight).toBeGreaterThan(small.title * 1.8);
    expect(await clockHeight()).toBeGreaterThan(small.clock * 1.8);
    // still paused on the heatmap: the arrows step while the turn stays held
    for (const id of ['heatmap', 'map', 'sla']) {
      await expect.poll(panel).toBe(id);
      if (id === 'map') await mapDrawn();
      await shot(`${id}-2160`);
      await page.keyboard.press('ArrowRight');
    }
    await page.setViewportSize({ width: 1920, height: 1080 });
  });

  it('draws the profit panel’s chart at the wall’s type scale and sharp on a 3840×2160 screen', async () => {
    const wall = await browser.newPage({ viewport: { width: 3840, height: 2160 }, deviceScaleFactor: 1 });
    try {
      await signIn(wall, server.base, 'exec', '/wall?rotate=profit&every=3600');
      await wall.locator('[data-testid=profit-regions-chart] canvas').waitFor({ timeout: 60_000 });
      const drawn = await wall.evaluate(() => {
        const chart = document.querySelector<HTMLElement>('[data-testid=profit-regions-chart]');
        const canvas = chart?.querySelector('canvas');
        return {
          text: Number(chart?.dataset.textSize),
          zoom: chart?.currentCSSZoom ?? 0,
          pixels: canvas?.width ?? 0,
          box: canvas?.clientWidth ?? 0
        };
      });
      // Screen pixels of the chart's names and legend: a third above the wall's labels, doubled by its
      // 4K zoom (the desk's 18 px would give 36).
      expect(drawn.text * drawn.zoom).toBeGreaterThanOrEqual(56);
      // Drawn at the screen's resolution, not at half of it and stretched.
      expect(drawn.pixels).toBe(drawn.box * drawn.zoom);
      await wall.screenshot({ path: `${ARTIFACTS}/wall-rotation-profit-2160.png` });
    } finally {
      await wall.close();
    }
  });

  it('says what was wrong with the URL and rotates with the defaults instead of a blank page', async () => {
    await page.goto(`${server.base}/wall?rotate=map,profits&every=abc`);
    const notice = page.getByTestId('rotation-notice');
    expect(await notice.textContent()).toContain('rotate');
    expect(await notice.textContent()).toContain('30 秒');
    expect(await panel()).toBe('map');
    await mapDrawn();
    await shot('bad-url-1080');
  });
});
