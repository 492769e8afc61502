// Frames per second of the wall in chromium (playwright-core, Debian's chromium with swiftshader, as the
// browser tests run it) while technician positions stream in: the rotation's full-screen live map and
// its heatmap panel, with DEMO_TECHNICIANS=10,000 against a baseline of 100 in the same run. Frames are
// counted with requestAnimationFrame over 10 s; a frame that takes long (layout, a setData on the main
// thread, a long task) shows as fewer frames and a longer worst gap. Needs `npm run build` first.
import os from 'node:os';
import type { Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, signIn } from '../support/browser';
import { startServerProcess } from '../support/process';

const SECONDS = 10;
const FLEETS = [100, 10_000];
const PANELS = ['map', 'heatmap'] as const;
/** A loaded machine took 50–60 s for a first page load. */
const LOAD_TIMEOUT_MS = 240_000;

interface Measure {
  fps: number;
  worstFrameMs: number;
  /** `tech:frame` messages the page received during the measurement. */
  techFrames: number;
  /** Technician dots on the map when the measurement started (0 on the heatmap). */
  drawn: number;
}

/** Counts animation frames for `seconds` in the page; answers the rate and the longest gap. */
function countFrames(page: Page, seconds: number): Promise<{ fps: number; worstFrameMs: number }> {
  return page.evaluate(
    (ms) =>
      new Promise<{ fps: number; worstFrameMs: number }>((resolve) => {
        let frames = 0;
        let worst = 0;
        let start = 0;
        let last = 0;
        const step = (t: number) => {
          if (start === 0) start = last = t;
          else {
            frames++;
            worst = Math.max(worst, t - last);
            last = t;
          }
          if (t - start < ms) requestAnimationFrame(step);
          else resolve({ fps: (frames * 1000) / (t - start), worstFrameMs: worst });
        };
        requestAnimationFrame(step);
      }),
    seconds * 1000
  );
}

/** Counts `tech:frame` messages on every socket the page opens, from the page's creation on. */
function countTechFrames(page: Page): { read(): number } {
  let count = 0;
  page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => {
      if (typeof payload === 'string' && payload.startsWith('42["tech:frame"')) count++;
    })
  );
  return { read: () => count };
}

async function measure(
  page: Page,
  techFrames: { read(): number },
  base: string,
  panel: (typeof PANELS)[number],
  fleet: number
): Promise<Measure> {
  await page.goto(`${base}/wall?rotate=${panel}&every=3600`, { timeout: LOAD_TIMEOUT_MS });
  if (panel === 'map')
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid=live-map]')?.getAttribute('data-positions')) >= n,
      Math.floor(fleet * 0.9),
      { timeout: LOAD_TIMEOUT_MS }
    );
  else await page.getByTestId('insights-total').waitFor({ timeout: LOAD_TIMEOUT_MS });
  // Settle: the first full frame and the map's first paint are behind us.
  await page.waitForTimeout(3000);
  const drawn = Number((await page.getByTestId('live-map').getAttribute('data-positions')) ?? 0);
  const framesBefore = techFrames.read();
  const { fps, worstFrameMs } = await countFrames(page, SECONDS);
  return { fps, worstFrameMs, techFrames: techFrames.read() - framesBefore, drawn };
}

export async function run(): Promise<void> {
  if (!chromiumAvailable()) return;
  console.log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} at start`
  );
  for (const fleet of FLEETS) {
    const server = await startServerProcess({ DEMO: '1', SIMULATE: '1', DEMO_TECHNICIANS: String(fleet) });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      page.setDefaultTimeout(LOAD_TIMEOUT_MS);
      const techFrames = countTechFrames(page);
      await signIn(page, server.base, 'admin', '/wall');
      for (const panel of PANELS) {
        const m = await measure(page, techFrames, server.base, panel, fleet);
        console.log(
          `${String(fleet).padStart(6)} technicians, ${panel.padEnd(7)}: ${m.fps.toFixed(1)} fps, ` +
            `worst frame ${m.worstFrameMs.toFixed(0)} ms, ${m.drawn} dots drawn, ` +
            `${m.techFrames} tech:frame messages in ${SECONDS} s, load ${os.loadavg()[0]?.toFixed(2)}`
        );
      }
    } finally {
      await browser.close();
      await server.stop();
    }
  }
}
