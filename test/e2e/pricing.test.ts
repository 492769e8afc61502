import { existsSync, mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, signIn } from '../support/browser';
import { startServerProcess, type ServerProcess } from '../support/process';

const ARTIFACTS = 'test-results/e2e';

describe.skipIf(!chromiumAvailable())('the price table editor in chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync('build/handler.js'))
      throw new Error('the console is not built: run `npm run build` (npm test does)');
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServerProcess({ DEMO: '1', DEMO_TECHNICIANS: '300' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const total = async () => Number(await page.getByTestId('preview-total').getAttribute('data-value'));
  /** Waits for the live quote to show `fen` after the last keystroke. */
  const quoteShows = (fen: number) => expect.poll(total, { timeout: 10_000 }).toBe(fen);
  const notice = () => page.getByTestId('pricing-notice').getAttribute('data-kind');

  it('lets a manager preview and save a change within the bounds, queues one beyond them, and an admin approves it', async () => {
    await page.context().clearCookies();
    await signIn(page, server.base, 'manager.east', '/wall');
    await page.getByTestId('nav-menu').locator('summary').click();
    await page.getByTestId('nav-pricing').click();
    await page.waitForURL(/\/pricing/);
    // A standard AC install in a tier-1 city of the east: 200元 × 1.2.
    await quoteShows(24_000);
    await page.getByTestId('pricing-tier1').fill('1.25');
    await quoteShows(25_000);
    await page.getByTestId('sample-altitude').fill('3650');
    await quoteShows(28_750);
    await expect.poll(() => page.getByTestId('preview-line').count()).toBe(3);
    await page.getByTestId('pricing-save').click();
    await expect.poll(notice).toBe('saved');
    expect(await page.getByTestId('pricing-version').getAttribute('data-value')).toBe('2');
    await page.screenshot({ path: `${ARTIFACTS}/pricing-manager-east.png` });

    // ×1.4 is a step of 0.15 from 1.25: more than one edit may move alone.
    await page.getByTestId('pricing-tier1').fill('1.4');
    await quoteShows(32_200);
    await page.getByTestId('pricing-save').click();
    await expect.poll(notice).toBe('pending');
    expect(await page.getByTestId('pricing-version').getAttribute('data-value')).toBe('2');

    await page.context().clearCookies();
    await signIn(page, server.base, 'admin', '/pricing');
    const request = page.getByTestId('approval');
    await expect.poll(() => request.count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/pricing-admin-approvals.png` });
    await request.getByTestId('approval-reason').fill('旺季用工紧张，同意');
    await request.getByTestId('approval-approve').click();
    await expect.poll(() => page.getByTestId('approvals-empty').count()).toBe(1);
    await expect.poll(() => page.getByTestId('pricing-version').getAttribute('data-value')).toBe('3');
    await page.getByTestId('pricing-region').selectOption('east');
    expect(await page.getByTestId('pricing-tier1').inputValue()).toBe('1.4');
    await page.screenshot({ path: `${ARTIFACTS}/pricing-admin-approved.png` });
  });
});
