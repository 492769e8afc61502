// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { Locale, LOCALE_CONTEXT } from '$lib/i18n/locale.svelte';
import { CLIENT_RUNTIME_HINT, hasSvelteClientRuntime } from '$lib/testing/client-runtime.svelte';
import WallHeader from './WallHeader.svelte';
import type { WallCounts } from './wall-state.svelte';

const counts: WallCounts = {
  online: 9321,
  idle: 4000,
  enRoute: 2321,
  busy: 3000,
  offline: 679,
  openOrders: 1234
};

function renderHeader(
  props: Partial<{
    counts: WallCounts | null;
    connection: 'connecting' | 'connected' | 'reconnecting';
    finance: boolean;
    droppedAt: number | null;
    stale: boolean;
  }> = {}
) {
  const locale = new Locale();
  const onlogout = vi.fn();
  const result = render(WallHeader, {
    props: { counts, connection: 'connected', username: 'dispatch.east', onlogout, ...props },
    context: new Map([[LOCALE_CONTEXT, locale]])
  });
  return { ...result, locale, onlogout };
}

afterEach(() => cleanup());

describe.skipIf(!hasSvelteClientRuntime())(`WallHeader (${CLIENT_RUNTIME_HINT})`, () => {
  it('shows the live counts as large grouped numbers', () => {
    renderHeader();
    expect(screen.getByTestId('count-online').textContent?.trim()).toBe('9,321');
    expect(screen.getByTestId('count-idle').dataset.value).toBe('4000');
    expect(screen.getByTestId('count-en-route').textContent?.trim()).toBe('2,321');
    expect(screen.getByTestId('count-busy').textContent?.trim()).toBe('3,000');
    expect(screen.getByTestId('count-open-orders').textContent?.trim()).toBe('1,234');
  });

  it('shows a dash instead of a number before the first stats arrive', () => {
    renderHeader({ counts: null });
    expect(screen.getByTestId('count-online').textContent?.trim()).toBe('—');
  });

  it('labels everything in Chinese first and in English after the switch', async () => {
    renderHeader({ connection: 'reconnecting' });
    expect(screen.getByText('未完结工单')).toBeTruthy();
    expect(screen.getByTestId('connection').textContent?.trim()).toBe('↻ 重新连接中…');

    await fireEvent.click(screen.getByRole('button', { name: 'English' }));

    expect(screen.getByText('Open orders')).toBeTruthy();
    expect(screen.getByTestId('connection').textContent?.trim()).toBe('↻ Reconnecting…');
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
  });

  it('exposes the connection state for the browser tests', () => {
    renderHeader({ connection: 'connected' });
    expect(screen.getByTestId('connection').dataset.state).toBe('connected');
  });

  it('fades the counts and says they are not live while the connection is down', () => {
    renderHeader({ connection: 'reconnecting' });
    expect(screen.getByTestId('count-online').closest('dl')?.classList.contains('stale')).toBe(true);
    expect(screen.getByTestId('counts-stale').textContent).toBe('⚠ 数据未更新：等待重新连接');
  });

  it('keeps the counts marked stale after a reconnect until they have been read again', () => {
    renderHeader({ connection: 'connected', stale: true });
    expect(screen.getByTestId('counts-stale')).toBeTruthy();
  });

  it('says for how long the connection has been down, and offline past ten seconds', () => {
    renderHeader({ connection: 'reconnecting', droppedAt: Date.now() - 4_000 });
    expect(screen.getByTestId('connection').dataset.look).toBe('reconnecting');
    expect(screen.getByTestId('connection-down').textContent).toBe('已断开 0:04');
    cleanup();
    renderHeader({ connection: 'reconnecting', droppedAt: Date.now() - 75_000 });
    expect(screen.getByTestId('connection').dataset.look).toBe('offline');
    expect(screen.getByTestId('connection').textContent).toContain('✕ 离线');
    expect(screen.getByTestId('connection-down').textContent).toBe('已断开 1:15');
  });

  it('shows live with a symbol and no down time when connected', () => {
    renderHeader({ connection: 'connected' });
    expect(screen.getByTestId('connection').textContent?.trim()).toBe('● 实时');
    expect(screen.queryByTestId('connection-down')).toBeNull();
    expect(screen.queryByTestId('counts-stale')).toBeNull();
  });

  it('calls onlogout when the sign-out button is pressed', async () => {
    const { onlogout } = renderHeader();
    await fireEvent.click(screen.getByTestId('logout'));
    expect(onlogout).toHaveBeenCalledOnce();
  });

  it('links to the finance page only for those who may open it', () => {
    renderHeader();
    expect(screen.queryByTestId('nav-finance')).toBeNull();
    cleanup();
    renderHeader({ finance: true });
    expect(screen.getByTestId('nav-finance').getAttribute('href')).toBe('/finance');
    expect(screen.getByTestId('nav-finance').textContent?.trim()).toBe('财务结算');
  });
});
