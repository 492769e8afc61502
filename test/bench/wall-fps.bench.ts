// Frames per second of the wall in chromium (playwright-core, Debian's chromium with swiftshader, as the
// browser tests run it) while technician positions stream in: the rotation's full-screen live map and
// its heatmap panel, with DEMO_TECHNICIANS=10,000 against a baseline of 100 in the same run. Frames are
// counted with requestAnimationFrame over 10 s; a frame that takes long (layout, a setData on the main
// thread, a long task) shows as fewer frames and a longer worst gap. Needs `npm run build` first.
import os from 'node:os';
import type { CDPSession, Page } from 'playwright-core';
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
  /**
   * Main-thread time the page's tasks took per second (CDP `Performance.getMetrics` TaskDuration, and its
   * script share): how much of a core the page wants, which on a loaded machine says more than fps.
   */
  busyMsPerSecond: number;
  scriptMsPerSecond: number;
}

type Metrics = Record<string, number>;

async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/**
 * Counts animation frames for `seconds` in the page; answers the rate and the longest gap. A string, not
 * a function: tsx would wrap the inner named function in a helper the page does not have.
 */
function countFrames(page: Page, seconds: number): Promise<{ fps: number; worstFrameMs: number }> {
  return page.evaluate(`new Promise((resolve) => {
    const ms = ${seconds * 1000};
    let frames = 0, worst = 0, start = 0, last = 0;
    function step(t) {
      if (start === 0) start = last = t;
      else {
        frames++;
        worst = Math.max(worst, t - last);
        last = t;
      }
      if (t - start < ms) requestAnimationFrame(step);
      else resolve({ fps: (frames * 1000) / (t - start), worstFrameMs: worst });
    }
    requestAnimationFrame(step);
  })`);
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
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const before = await metrics(cdp);
  const { fps, worstFrameMs } = await countFrames(page, SECONDS);
  const after = await metrics(cdp);
  await cdp.detach();
  const perSecond = (name: string) => (((after[name] ?? 0) - (before[name] ?? 0)) * 1000) / SECONDS;
  return {
    fps,
    worstFrameMs,
    techFrames: techFrames.read() - framesBefore,
    drawn,
    busyMsPerSecond: perSecond('TaskDuration'),
    scriptMsPerSecond: perSecond('ScriptDuration')
  };
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
      // What this machine's chromium gives a page that draws nothing, under the same load.
      await page.setContent('<body style="background:#02060f"></body>');
      const idle = await countFrames(page, SECONDS);
      console.log(
        `${String(fleet).padStart(6)} technicians, empty page: ${idle.fps.toFixed(1)} fps, ` +
          `worst frame ${idle.worstFrameMs.toFixed(0)} ms, load ${os.loadavg()[0]?.toFixed(2)}`
      );
      await signIn(page, server.base, 'admin', '/wall');
      for (const panel of PANELS) {
        const m = await measure(page, techFrames, server.base, panel, fleet);
        console.log(
          `${String(fleet).padStart(6)} technicians, ${panel.padEnd(7)}: ${m.fps.toFixed(1)} fps, ` +
            `worst frame ${m.worstFrameMs.toFixed(0)} ms, ${m.drawn} dots drawn, ` +
            `${m.techFrames} tech:frame messages in ${SECONDS} s, main thread busy ` +
            `${m.busyMsPerSecond.toFixed(0)} ms/s (script ${m.scriptMsPerSecond.toFixed(0)} ms/s), ` +
            `load ${os.loadavg()[0]?.toFixed(2)}`
        );
      }
    } finally {
      await browser.close();
      await server.stop();
    }
  }
}
