// The SLA board and the notification centre on the wall, in chromium at 1920×1080.
//
// The first part drives the board itself: the board snapshot and the acknowledgements are answered by the
// test (page.route), and sla:* and notification:created are injected into the page's real socket
// (page.routeWebSocket passes the server's traffic through, less its own sla:* events, and adds ours), so
// every band, badge, countdown, the version order and the resync after a reconnect are seen on rows the
// test chooses. The second part runs against the SLA backend (and skips, saying why, where
// `GET /api/sla/board` answers 404).
import { existsSync, mkdirSync } from 'node:fs';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlaBoard, SlaBoardRow } from '../../realtime/contract';
import type { NotificationView, ServerToClientEvents } from '../../realtime/events';
import { chromiumAvailable, launchChromium, pageApi, signIn } from '../support/browser';
import { iso, MIN, slaRow } from '../../console/lib/testing/sla-rows';
import { startServerProcess, type ServerProcess } from '../support/process';

const ARTIFACTS = 'test-results/e2e';
const SHANGHAI = { lng: 121.47, lat: 31.23 };

describe.skipIf(!chromiumAvailable())('the SLA board on the wall in chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  /** The page's current socket, through the test; replaced on every reconnect. */
  let socket: WebSocketRoute | null = null;
  let boardReads = 0;
  /** What the stubbed board answers, built at each read from the time of that read. */
  let rows: (now: number) => SlaBoardRow[] = () => [];

  beforeAll(async () => {
    if (!existsSync('build/handler.js'))
      throw new Error('the console is not built: run `npm run build` (npm test does)');
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServerProcess({ SIMULATE: '0', DEMO: '1' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const createOrder = async (description: string, priority = 'high') => {
    const created = await pageApi(page)<{ id: string }>('/work-orders', {
      method: 'POST',
      body: {
        channel: 'workbench',
        priority,
        serviceType: 'ac_repair',
        description,
        customer: { name: '周八', phone: '13600136000', address: '上海市徐汇区', location: SHANGHAI },
        parts: []
      }
    });
    expect(created.id).toBeTruthy();
    return created.id;
  };

  const emit = <E extends keyof ServerToClientEvents>(
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ) => {
    if (!socket) throw new Error('no socket to inject into');
    // Engine.IO message (4) carrying a Socket.IO event (2) on the main namespace.
    socket.send(`42${JSON.stringify([event, ...args])}`);
  };

  const row = (id: string, on: Page = page) => on.locator(`[data-testid=sla-row][data-order-id="${id}"]`);
  const shownOrder = () =>
    page.getByTestId('sla-row').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.orderId));

  const wallUrl = '/wall?center=121.47,31.23&zoom=9';

  describe('driven by the test', () => {
    const ids: Record<'gas' | 'warn' | 'soon' | 'late' | 'paused', string> = {
      gas: '',
      warn: '',
      soon: '',
      late: '',
      paused: ''
    };
    let dueSoon = 0;

    /** A row as the server would send it at `now`, due 90 min later unless told otherwise. */
    const base = (orderId: string, now: number, over: Partial<SlaBoardRow>): SlaBoardRow =>
      slaRow(orderId, {
        priority: 'normal',
        dueAt: iso(now + 90 * MIN),
        warningAt: iso(now + 60 * MIN),
        remainingMs: 90 * MIN,
        at: iso(now),
        ...over
      });

    beforeAll(async () => {
      await page.routeWebSocket(/\/socket\.io\//, (ws) => {
        // The server's own sla:* events (its clocks run on these orders too) would fight the stub's rows.
        ws.connectToServer().onMessage((message) => {
          if (typeof message !== 'string' || !message.startsWith('42["sla:')) ws.send(message);
        });
        socket = ws;
      });
      await page.route('**/api/sla/board**', async (route) => {
        boardReads++;
        const now = Date.now();
        const board: SlaBoard = { at: iso(now), rows: rows(now), breachesToday: { east: 3 } };
        await route.fulfill({ json: board });
      });
      await page.route('**/api/work-orders/*/escalation/acknowledgement', async (route) => {
        const orderId = decodeURIComponent(new URL(route.request().url()).pathname.split('/')[3] ?? '');
        if (orderId !== ids.gas)
          return route.fulfill({
            status: 409,
            json: { error: { code: 'already_acknowledged', message: 'acknowledged by manager.east' } }
          });
        const row = acked(Date.now());
        return route.fulfill({ json: { redAlert: row.redAlert, row, escalation: row.escalation } });
      });
      await signIn(page, server.base, 'dispatch.east', wallUrl);
      // No danger keyword: a real red alert would notify people at once, and those toasts would mix with
      // the test's. The stub gives this order its red alert.
      ids.gas = await createOrder('厨房灶具打不着火', 'critical');
      ids.warn = await createOrder('空调漏水');
      ids.soon = await createOrder('空调不制冷');
      ids.late = await createOrder('空调异响', 'normal');
      ids.paused = await createOrder('等客户约时间', 'low');
      dueSoon = Date.now() + 20_000;
      rows = (now) => [
        base(ids.gas, now, {
          priority: 'critical',
          redAlert: ['燃气泄漏'],
          band: 'breached',
          dueAt: iso(now - 12 * MIN),
          warningAt: iso(now - 19 * MIN),
          remainingMs: -12 * MIN,
          escalation: {
            level: 2,
            cycle: 1,
            nextLevelAt: iso(now + 48 * MIN),
            acknowledgedBy: null,
            acknowledgedAt: null
          }
        }),
        base(ids.warn, now, {
          priority: 'high',
          serviceType: 'water_heater',
          band: 'warning',
          metric: 'arrival',
          dueAt: iso(now + 6 * MIN),
          warningAt: iso(now - MIN),
          escalation: {
            level: 1,
            cycle: 2,
            nextLevelAt: null,
            acknowledgedBy: 'user:manager.east',
            acknowledgedAt: iso(now - 2 * MIN)
          }
        }),
        base(ids.soon, now, { dueAt: iso(dueSoon), warningAt: iso(dueSoon - 6_000), serviceType: 'fridge' }),
        base(ids.late, now, {
          serviceType: 'washer',
          metric: 'resolution',
          dueAt: iso(now + 5 * 60 * MIN),
          escalation: {
            level: 1,
            cycle: 1,
            nextLevelAt: iso(now + 2 * 60 * MIN),
            acknowledgedBy: null,
            acknowledgedAt: null
          }
        }),
        base(ids.paused, now, {
          priority: 'low',
          serviceType: 'water_purifier',
          band: 'paused',
          dueAt: null,
          warningAt: null,
          remainingMs: 25 * MIN,
          status: 'accepted'
        })
      ];
      await page.reload();
      await page.waitForURL(/\/wall/);
    });

    const acked = (now: number): SlaBoardRow => {
      const gas = rows(now).find((r) => r.orderId === ids.gas)!;
      return {
        ...gas,
        version: 2,
        escalation: { ...gas.escalation!, acknowledgedBy: 'user:dispatch.east', acknowledgedAt: iso(now) }
      };
    };

    it('lists open orders soonest breach first, each with its band in words, countdown and badges', async () => {
      await expect.poll(() => page.getByTestId('sla-row').count(), { timeout: 20_000 }).toBe(5);
      await page.waitForFunction(
        () => document.querySelector('[data-testid=live-map]')?.getAttribute('data-loaded') === 'true'
      );
      expect(await shownOrder()).toEqual([ids.gas, ids.soon, ids.warn, ids.late, ids.paused]);
      expect(await row(ids.gas).getAttribute('data-band')).toBe('breached');
      expect(await row(ids.gas).textContent()).toContain('已超时');
      expect(await row(ids.gas).getByTestId('sla-red-alert').textContent()).toContain('燃气泄漏');
      expect(await row(ids.gas).getByTestId('sla-escalation').getAttribute('data-level')).toBe('2');
      // The audit actor `user:manager.east` reads as the name.
      expect(await row(ids.warn).getByTestId('sla-acked-by').textContent()).toMatch(
        /(?<!user:)manager\.east/
      );
      expect(await row(ids.paused).getByTestId('sla-countdown').textContent()).toBe('25:00');
      expect(
        await page.getByTestId('sla-breaches').locator('[data-region-id=east]').getAttribute('data-value')
      ).toBe('3');
      await page.screenshot({ path: `${ARTIFACTS}/sla-board-zh.png` });
    });

    it('counts down live and turns a row to breached when its due time passes', async () => {
      const countdown = row(ids.soon).getByTestId('sla-countdown');
      const first = Number(await countdown.getAttribute('data-remaining-ms'));
      await expect
        .poll(async () => Number(await countdown.getAttribute('data-remaining-ms')), { timeout: 5000 })
        .toBeLessThan(first - 1500);
      await expect.poll(() => row(ids.soon).getAttribute('data-band'), { timeout: 20_000 }).toBe('breached');
      expect(await countdown.textContent()).toMatch(/^\u22120:\d\d$/);
      // Overdue rows come first: the most overdue (the gas leak) still leads.
      expect((await shownOrder()).slice(0, 2)).toEqual([ids.gas, ids.soon]);
    });

    it('applies sla:updated only when newer, and drops a row on sla:removed', async () => {
      const now = Date.now();
      const late = rows(now).find((r) => r.orderId === ids.late)!;
      emit('sla:updated', { ...late, version: 3, status: 'en_route', at: iso(now) });
      await expect.poll(() => row(ids.late).getAttribute('data-version')).toBe('3');
      emit('sla:updated', { ...late, version: 2, band: 'breached', at: iso(now) });
      emit('sla:removed', { orderId: ids.paused, regionId: 'east', at: iso(now) });
      await expect.poll(() => row(ids.paused).count()).toBe(0);
      expect(await row(ids.late).getAttribute('data-version')).toBe('3');
      expect(await row(ids.late).getAttribute('data-band')).toBe('on_track');
    });

    it('acknowledges an escalation, and shows a 409 plainly on its row', async () => {
      await row(ids.gas).getByTestId('sla-ack').click();
      await expect.poll(() => row(ids.gas).getByTestId('sla-acked-by').count()).toBe(1);
      expect(await row(ids.gas).getByTestId('sla-acked-by').textContent()).toContain('dispatch.east');
      await row(ids.late).getByTestId('sla-ack').click();
      const notice = row(ids.late).getByTestId('sla-notice');
      await expect.poll(() => notice.getAttribute('data-kind')).toBe('conflict');
      expect(await notice.textContent()).toContain('已有人确认');
      await page.screenshot({ path: `${ARTIFACTS}/sla-board-ack-409.png` });
    });

    it('toasts a critical notification until dismissed, counts it unread and opens its order', async () => {
      const bell = page.getByTestId('notification-bell');
      const before = Number(await bell.getAttribute('data-unread'));
      const note: NotificationView = {
        id: '00000000-0000-4000-8000-000000000001',
        title: '红色警报升级：燃气泄漏工单已超时',
        body: '已通知区域经理（L2），请立即处理',
        link: null,
        orderId: ids.gas,
        severity: 'critical',
        createdAt: iso(Date.now()),
        readAt: null
      };
      emit('notification:created', note);
      const toast = page.locator(`[data-testid=notification-toast][data-id="${note.id}"]`);
      await expect.poll(() => toast.count()).toBe(1);
      expect(await bell.getAttribute('data-unread')).toBe(String(before + 1));
      await page.screenshot({ path: `${ARTIFACTS}/sla-board-toast.png` });
      // Critical: still there well after an ordinary toast would have gone.
      await page.waitForTimeout(11_000);
      expect(await toast.count()).toBe(1);
      await toast.getByTestId('notification-open').click();
      await expect.poll(() => page.getByTestId('order-drawer').getAttribute('data-order-id')).toBe(ids.gas);
      expect(await toast.count()).toBe(0);
      // The board steps aside for the drawer, keeping its counts on the collapsed button, and comes back.
      expect(await page.getByTestId('sla-panel').count()).toBe(0);
      expect(await page.getByTestId('sla-reopen').textContent()).toContain('已超时');
      await page.screenshot({ path: `${ARTIFACTS}/sla-board-drawer.png` });
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByTestId('sla-panel').count()).toBe(1);
    });

    it('opens the notification list from the bell with the keyboard', async () => {
      const at = Date.now();
      const before = Number(await page.getByTestId('notification-bell').getAttribute('data-unread'));
      for (const [n, severity] of (['info', 'warning'] as const).entries())
        emit('notification:created', {
          id: `00000000-0000-4000-8000-00000000001${n}`,
          title: severity === 'info' ? '工单已改派' : 'SLA 预警：热水器维修上门时限剩 6 分钟',
          body: severity === 'info' ? '调度员已将工单改派给其他技师' : '请确认技师能按时到场',
          link: null,
          orderId: ids.warn,
          severity,
          createdAt: iso(at - (2 - n) * MIN),
          readAt: null
        });
      await expect
        .poll(() => page.getByTestId('notification-bell').getAttribute('data-unread'))
        .toBe(String(before + 2));
      await page.getByTestId('notification-bell').focus();
      await page.keyboard.press('Enter');
      const panel = page.getByTestId('notification-panel');
      await expect.poll(() => panel.isVisible()).toBe(true);
      expect(await panel.getByTestId('notification-item').count()).toBeGreaterThanOrEqual(2);
      await page.screenshot({ path: `${ARTIFACTS}/notification-panel.png` });
      await page.keyboard.press('Escape');
      await expect.poll(() => panel.count()).toBe(0);
    });

    it('reads the board again after the socket reconnects', async () => {
      const reads = boardReads;
      await socket?.close();
      await expect.poll(() => boardReads, { timeout: 20_000 }).toBeGreaterThan(reads);
      // The snapshot has the paused order again (the stub never removed it).
      await expect.poll(() => row(ids.paused).count()).toBe(1);
    });

    it('reads in English too', async () => {
      await page.getByTestId('language-switch').getByRole('button', { name: /EN/i }).click();
      await expect.poll(() => row(ids.gas).textContent()).toContain('Breached');
      await page.screenshot({ path: `${ARTIFACTS}/sla-board-en.png` });
      await page.getByTestId('language-switch').getByRole('button', { name: '中文' }).click();
    });

    // Last: the page's clock stays fixed from here on.
    it('is right at once after the tab slept for hours', async () => {
      await page.clock.setFixedTime(Date.now() + 6 * 60 * MIN);
      await expect.poll(() => row(ids.late).getAttribute('data-band'), { timeout: 5000 }).toBe('breached');
      expect(await row(ids.paused).getAttribute('data-band')).toBe('paused');
      expect(await row(ids.paused).getByTestId('sla-countdown').textContent()).toBe('25:00');
    });
  });

  describe('against the SLA backend', () => {
    let real: Page;
    beforeAll(async () => {
      real = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await signIn(real, server.base, 'dispatch.east', wallUrl);
    });
    afterAll(() => real?.close());

    it('shows a red-alert order escalated at once, and acknowledges it from the board', async (ctx) => {
      const status = await real.evaluate(async () => (await fetch('/api/sla/board')).status);
      if (status === 404) {
        console.warn(
          'skipping the SLA board against the backend: GET /api/sla/board answers 404 (not built yet)'
        );
        ctx.skip();
      }
      expect(status).toBe(200);
      const id = await real.evaluate(async (location) => {
        const res = await fetch('/api/work-orders', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            channel: 'workbench',
            priority: 'normal',
            serviceType: 'general_repair',
            description: '插座漏电，有焦味',
            customer: { name: '吴九', phone: '13500135000', address: '上海市静安区', location },
            parts: []
          })
        });
        return ((await res.json()) as { id: string }).id;
      }, SHANGHAI);
      // A red-alert keyword raises the order to critical and notifies the top level at once.
      await expect.poll(() => row(id, real).count(), { timeout: 30_000 }).toBe(1);
      expect(await row(id, real).getByTestId('sla-red-alert').textContent()).toContain('漏电');
      const board = await real.evaluate(
        async () => (await (await fetch('/api/sla/board')).json()) as SlaBoard
      );
      const held = board.rows.find((r) => r.orderId === id);
      expect(held?.dueAt).toBeTruthy();
      const shown = Number(
        await row(id, real).getByTestId('sla-countdown').getAttribute('data-remaining-ms')
      );
      expect(Math.abs(shown - (Date.parse(held!.dueAt!) - Date.now()))).toBeLessThan(3000);

      await expect.poll(() => row(id, real).getByTestId('sla-ack').count(), { timeout: 30_000 }).toBe(1);
      await row(id, real).getByTestId('sla-ack').click();
      await expect.poll(() => row(id, real).getByTestId('sla-acked-by').count(), { timeout: 10_000 }).toBe(1);
      expect(await row(id, real).getByTestId('sla-acked-by').textContent()).toContain('dispatch.east');
      await real.screenshot({ path: `${ARTIFACTS}/sla-board-backend.png` });
    });
  });
});
