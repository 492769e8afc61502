// playwright-core driving Debian's chromium (apt-get install chromium); no browser is downloaded.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true')
    throw new Error(`${CHROMIUM} is missing: under CI=true the browser tests must run`);
  console.warn(`skipping browser tests: no chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync'
    ]
  });
}

/** Signs in through the login form as a demo user and waits until `next` has opened. */
export async function signIn(page: Page, base: string, username: string, next: string): Promise<void> {
  await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', 'demo-pass-2026');
  await page.getByTestId('login-form').locator('button[type=submit]').click();
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
}

/** Calls the JSON API from inside the page, with its session; answers the parsed body. */
export const pageApi =
  (page: Page) =>
  <T>(path: string, init?: { method: string; body: unknown }): Promise<T> =>
    page.evaluate(
      async ({ path, init }) => {
        const res = await fetch(`/api${path}`, {
          method: init?.method ?? 'GET',
          headers: { 'content-type': 'application/json' },
          body: init ? JSON.stringify(init.body) : undefined
        });
        return (await res.json()) as unknown;
      },
      { path, init }
    ) as Promise<T>;

/** A phone in the hand of a technician in China: the browser context the phone page's tests open. */
export const PHONE_CONTEXT = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN'
} as const;

/**
 * Waits until the page's socket is connected. On a loaded two-core machine the first connection takes
 * seconds, far past `expect.poll`'s one-second default.
 */
export const waitUntilLive = (page: Page): Promise<void> =>
  page.locator('[data-testid=connection][data-state=connected]').waitFor({ timeout: 60_000 });
