// @vitest-environment jsdom
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { Locale, LOCALE_CONTEXT } from '$lib/i18n/locale.svelte';
import { CLIENT_RUNTIME_HINT, hasSvelteClientRuntime } from '$lib/testing/client-runtime.svelte';
import { iso, MIN, slaRow, T0 } from '$lib/testing/sla-rows';
import { Now } from '$lib/time/now.svelte';
import type { SlaBoard } from '$realtime/contract';
import { SlaBoardState } from './sla-board.svelte';
import SlaBoardPanel from './SlaBoardPanel.svelte';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const escalated = slaRow('wo-esc', {
  redAlert: ['漏电'],
  priority: 'critical',
  dueAt: iso(T0 + 10 * MIN),
  escalation: {
    level: 2,
    cycle: 1,
    nextLevelAt: iso(T0 + 2 * MIN),
    acknowledgedBy: null,
    acknowledgedAt: null
  }
});
const snapshot: SlaBoard = {
  at: iso(T0),
  rows: [slaRow('wo-1'), escalated],
  breachesToday: { east: 2, north: 0 }
};

async function renderBoard(ack: () => Response = () => json(200, {})) {
  let time = T0;
  const now = new Now(() => time);
  const fetch = vi.fn<typeof globalThis.fetch>(async (input) =>
    String(input).startsWith('/api/sla/board') ? json(200, snapshot) : ack()
  );
  const board = new SlaBoardState({ fetch, now });
  await board.load();
  const onopenorder = vi.fn<(id: string) => void>();
  const locale = new Locale();
  render(SlaBoardPanel, {
    props: { board, open: true, ontoggle: () => {}, onopenorder },
    context: new Map([[LOCALE_CONTEXT, locale]])
  });
  const setTime = (ms: number) => {
    time = ms;
    now.update();
    flushSync();
  };
  const row = (id: string) =>
    screen.getByTestId('sla-rows').querySelector<HTMLElement>(`[data-order-id="${id}"]`)!;
  return { board, fetch, onopenorder, setTime, row, locale };
}

afterEach(() => cleanup());

describe.skipIf(!hasSvelteClientRuntime())(`SlaBoardPanel (${CLIENT_RUNTIME_HINT})`, () => {
  it('shows each order’s band in words, its countdown, escalation level, red alert and the day’s breaches', async () => {
    const { row } = await renderBoard();
    const esc = row('wo-esc');
    expect(esc.dataset.band).toBe('on_track');
    expect(within(esc).getByText('正常')).toBeTruthy();
    expect(within(esc).getByTestId('sla-countdown').textContent).toBe('10:00');
    expect(within(esc).getByTestId('sla-escalation').textContent).toContain('L2');
    expect(within(esc).getByTestId('sla-escalation').textContent).toContain('第 1 轮');
    expect(within(esc).getByTestId('sla-red-alert').textContent).toContain('红色警报：漏电');
    expect(row('wo-1').querySelector('[data-testid=sla-ack]')).toBeNull();
    const breaches = screen.getByTestId('sla-breaches');
    expect(breaches.querySelector('[data-region-id=east]')?.getAttribute('data-value')).toBe('2');
    expect(breaches.textContent).toContain('华东');
  });

  it('turns a row to breached, with a minus, once the page’s clock passes its due time', async () => {
    const { row, setTime } = await renderBoard();
    setTime(T0 + 30 * MIN + 5_000);
    const plain = row('wo-1');
    expect(plain.dataset.band).toBe('breached');
    expect(within(plain).getByText('已超时')).toBeTruthy();
    expect(within(plain).getByTestId('sla-countdown').textContent).toBe('\u22120:05');
    // The most overdue first.
    expect(screen.getAllByTestId('sla-row').map((el) => el.dataset.orderId)).toEqual(['wo-esc', 'wo-1']);
  });

  it('opens the order from its row', async () => {
    const { row, onopenorder } = await renderBoard();
    await fireEvent.click(within(row('wo-1')).getByTitle('打开工单详情'));
    expect(onopenorder).toHaveBeenCalledWith('wo-1');
  });

  it('says clearly on the row when someone else acknowledged first (409)', async () => {
    const { row, fetch } = await renderBoard(() =>
      json(409, { error: { code: 'already_acknowledged', message: 'already acknowledged' } })
    );
    await fireEvent.click(within(row('wo-esc')).getByTestId('sla-ack'));
    await waitFor(() => expect(within(row('wo-esc')).getByRole('alert').dataset.kind).toBe('conflict'));
    expect(within(row('wo-esc')).getByRole('alert').textContent).toContain('已有人确认');
    const [, init] = fetch.mock.calls.find(([url]) => String(url).includes('/escalation/')) ?? [];
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({ reason: '调度员在 SLA 看板确认升级' });
  });
});
