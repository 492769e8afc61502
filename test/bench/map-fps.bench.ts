// The wall's live map at scale, in chromium (Debian's, software GL through SwiftShader, as on CI): frames
// per second while 10,000 simulated technicians stream their positions, against the same browser's frame
// rate on a page without a map in the same run (the ceiling this machine's chromium reaches at all).
// Needs a built console (`npm run build`) and /usr/bin/chromium.
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { CHROMIUM, launchChromium } from '../support/browser';
import { startServerProcess } from '../support/process';

const TECHNICIANS = 10_000;
const SAMPLE_MS = 10_000;
const SAMPLES = 3;

/** Frames the page painted over `ms`, per second, counted with requestAnimationFrame. */
const framesPerSecond = (page: Page, ms: number) =>
  page.evaluate(
    (ms) =>
      new Promise<number>((resolve) => {
        let frames = 0;
        const start = performance.now();
        const tick = (now: number) => {
          frames++;
          if (now - start < ms) requestAnimationFrame(tick);
          else resolve((frames * 1000) / (now - start));
        };
        requestAnimationFrame(tick);
      }),
    ms
  );

async function sample(page: Page): Promise<number[]> {
  const rates: number[] = [];
  for (let i = 0; i < SAMPLES; i++) rates.push(await framesPerSecond(page, SAMPLE_MS));
  return rates;
}

const fmt = (rates: number[]) => rates.map((r) => r.toFixed(1)).join(' / ');

export async function run(): Promise<void> {
  if (!existsSync('build/handler.js') || !existsSync(CHROMIUM)) {
    console.log(`skipped: needs the built console (npm run build) and ${CHROMIUM}`);
    return;
  }
  const seeding = Date.now();
  const server = await startServerProcess({
    SIMULATE: '1',
    DEMO: '1',
    DEMO_TECHNICIANS: String(TECHNICIANS)
  });
  console.log(
    `server with ${TECHNICIANS.toLocaleString('en')} demo technicians up in ${Date.now() - seeding} ms`
  );
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${server.base}/login?lang=en`);
    await page.waitForSelector('[data-testid=login-form]');
    const ceiling = await sample(page);

    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', 'demo-pass-2026');
    await page.getByTestId('login-form').locator('button[type=submit]').click();
    await page.waitForURL(/\/wall/);
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid=live-map]')?.getAttribute('data-positions')) >= n,
      TECHNICIANS * 0.9,
      { timeout: 120_000 }
    );
    const drawn = Number(await page.getByTestId('live-map').getAttribute('data-positions'));
    const live = await sample(page);
    const median = (r: number[]) => [...r].sort((a, b) => a - b)[Math.floor(r.length / 2)] as number;
    console.log(
      `page without a map (the browser's ceiling), fps per ${SAMPLE_MS / 1000} s sample: ${fmt(ceiling)}`
    );
    console.log(`/wall, ${drawn.toLocaleString('en')} live technicians on the map:           ${fmt(live)}`);
    console.log(
      `median ${median(live).toFixed(1)} fps = ${((median(live) / median(ceiling)) * 100).toFixed(0)} % of the ceiling; ` +
        `goal ≥ 30 fps ${median(live) >= 30 ? 'met' : 'MISSED'}`
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}
