import { afterEach, describe, expect, it, vi } from 'vitest';
import { iso, notification, T0 } from '$lib/testing/sla-rows';
import type { NotificationView } from '$realtime/events';
import { MAX_TOASTS, NotificationCentre, TOAST_MS } from './notification-centre.svelte';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A fake notification API: the list answers `page`, marks answer `mark` (200 with the entry by default). */
function setup(page: { items: NotificationView[]; unreadCount: number }, mark?: () => Response) {
  const calls: string[] = [];
  const fetch = vi.fn<typeof globalThis.fetch>(async (input, init) => {
    const url = new URL(String(input), 'http://wall.test');
    calls.push(`${init?.method ?? 'GET'} ${url.pathname}`);
    if (url.pathname === '/api/notifications') return json(200, page);
    if (mark) return mark();
    if (url.pathname === '/api/notifications/read-all') return json(200, { updated: page.unreadCount });
    const id = decodeURIComponent(url.pathname.split('/')[3] ?? '');
    return json(200, notification(id, { readAt: iso(T0 + 1000) }));
  });
  const centre = new NotificationCentre({ fetch, now: () => T0 + 500 });
  return { centre, calls, fetch };
}

afterEach(() => vi.useRealTimers());

describe('NotificationCentre', () => {
  it('loads the latest entries and the unread count, which also covers entries beyond the page', async () => {
    const { centre, calls } = setup({
      items: [notification('n2'), notification('n1', { readAt: iso(T0) })],
      unreadCount: 7
    });
    await centre.load();
    expect(calls).toEqual(['GET /api/notifications']);
    expect(centre.items.map((n) => n.id)).toEqual(['n2', 'n1']);
    expect(centre.unreadCount).toBe(7);
  });

  it('lists a created entry first, counts it unread and shows it as a toast, once', async () => {
    const { centre } = setup({ items: [notification('n1')], unreadCount: 1 });
    await centre.load();
    expect(centre.applyCreated(notification('n2'))).toBe(true);
    expect(centre.applyCreated(notification('n2'))).toBe(false);
    expect(centre.items.map((n) => n.id)).toEqual(['n2', 'n1']);
    expect(centre.unreadCount).toBe(2);
    expect(centre.toasts.map((n) => n.id)).toEqual(['n2']);
  });

  it('keeps an entry heard while the list was being read, when the list answered without it', async () => {
    const { centre, fetch } = setup({ items: [], unreadCount: 0 });
    let release: (r: Response) => void = () => {};
    fetch.mockImplementationOnce(() => new Promise((resolve) => (release = resolve)));
    const loading = centre.load();
    centre.applyCreated(notification('live'));
    release(json(200, { items: [notification('old')], unreadCount: 1 }));
    await loading;
    expect(centre.items.map((n) => n.id)).toEqual(['live', 'old']);
    expect(centre.unreadCount).toBe(2);
  });

  it('marks one read at once and keeps the server’s answer', async () => {
    const { centre, calls } = setup({ items: [notification('n1'), notification('n2')], unreadCount: 2 });
    await centre.load();
    const marking = centre.markRead('n1');
    expect(centre.unreadCount).toBe(1);
    expect(centre.items[0]?.readAt).toBe(iso(T0 + 500));
    await marking;
    expect(calls).toContain('POST /api/notifications/n1/read');
    expect(centre.items[0]?.readAt).toBe(iso(T0 + 1000));
    await centre.markRead('n1');
    expect(centre.unreadCount).toBe(1);
  });

  it('puts a mark back when the server refuses it', async () => {
    const { centre } = setup({ items: [notification('n1')], unreadCount: 1 }, () =>
      json(500, { error: { code: 'internal', message: 'boom' } })
    );
    await centre.load();
    await centre.markRead('n1');
    expect(centre.unreadCount).toBe(1);
    expect(centre.items[0]?.readAt).toBeNull();
    expect(centre.failed).toBe(true);
    await centre.markAllRead();
    expect(centre.unreadCount).toBe(1);
    expect(centre.items[0]?.readAt).toBeNull();
  });

  it('marks all read', async () => {
    const { centre, calls } = setup({ items: [notification('n1'), notification('n2')], unreadCount: 9 });
    await centre.load();
    await centre.markAllRead();
    expect(calls).toContain('POST /api/notifications/read-all');
    expect(centre.unreadCount).toBe(0);
    expect(centre.items.every((n) => n.readAt !== null)).toBe(true);
  });

  it('lets toasts go after a while, except critical ones, which stay until dismissed', () => {
    vi.useFakeTimers();
    const { centre } = setup({ items: [], unreadCount: 0 });
    centre.applyCreated(notification('info', { severity: 'info' }));
    centre.applyCreated(notification('red', { severity: 'critical' }));
    vi.advanceTimersByTime(TOAST_MS);
    expect(centre.toasts.map((n) => n.id)).toEqual(['red']);
    centre.dismissToast('red');
    expect(centre.toasts).toEqual([]);
    expect(centre.unreadCount).toBe(2);
  });

  it('makes room for a new toast by letting the oldest that is not critical go', () => {
    const { centre } = setup({ items: [], unreadCount: 0 });
    centre.applyCreated(notification('c1', { severity: 'critical' }));
    for (let i = 1; i <= MAX_TOASTS; i++) centre.applyCreated(notification(`w${i}`));
    expect(centre.toasts.map((n) => n.id)).toEqual(['c1', 'w2', 'w3', 'w4']);
    centre.dispose();
  });
});
