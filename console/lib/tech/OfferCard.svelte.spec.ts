// @vitest-environment jsdom
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { Locale, LOCALE_CONTEXT } from '$lib/i18n/locale.svelte';
import { CLIENT_RUNTIME_HINT, hasSvelteClientRuntime } from '$lib/testing/client-runtime.svelte';
import OfferCard from './OfferCard.svelte';
import type { PendingOffer } from './tech-jobs.svelte';
import type { DeclineReason, HeldOrder } from './types';

const order: HeldOrder = {
  id: 'o1',
  version: 2,
  regionId: 'south',
  status: 'offered',
  priority: 'high',
  channel: 'api',
  location: { lng: 113.32, lat: 23.14 },
  technicianId: 'T00042',
  createdAt: '2026-11-23T08:00:00Z',
  updatedAt: '2026-11-23T08:00:00Z',
  serviceType: 'ac_repair',
  description: '客厅空调不制冷，外机有异响',
  templateId: null,
  // The server keeps the customer back from a technician who has only been offered the order.
  customer: null,
  parts: [
    { sku: '空调-3A', qty: 1 },
    { sku: '空调-7B', qty: 2 }
  ],
  assignment: {
    technicianId: 'T00042',
    locked: false,
    kind: 'offer',
    since: '2026-11-23T08:00:00Z',
    expiresAt: '2026-11-23T08:01:30Z'
  }
};

function renderCard(offer: Partial<PendingOffer> = {}, disabled = false) {
  const locale = new Locale();
  const onaccept = vi.fn<() => void>();
  const ondecline = vi.fn<(reason: DeclineReason) => void>();
  const result = render(OfferCard, {
    props: { offer: { order, remainingMs: 90_000, fraction: 1, ...offer }, disabled, onaccept, ondecline },
    context: new Map([[LOCALE_CONTEXT, locale]])
  });
  return { ...result, locale, onaccept, ondecline };
}

afterEach(() => cleanup());

describe.skipIf(!hasSvelteClientRuntime())(`OfferCard (${CLIENT_RUNTIME_HINT})`, () => {
  it('shows what the job is, what to pick up and how long is left to answer; the customer only after accepting', () => {
    renderCard({ remainingMs: 65_000, fraction: 0.72 });
    expect(screen.getByTestId('order-service').textContent).toBe('空调维修');
    expect(screen.getByTestId('order-priority').textContent).toBe('高');
    expect(screen.queryByTestId('order-address')).toBeNull();
    expect(screen.getByTestId('order-customer-hidden').textContent).toBe('接单后显示客户地址和电话');
    expect(screen.getByText('客厅空调不制冷，外机有异响')).toBeTruthy();
    expect(screen.getByTestId('order-parts').textContent).toContain('空调-7B');
    expect(screen.getByTestId('order-parts').textContent).toContain('× 2');
    expect(screen.getByTestId('offer-countdown').textContent).toBe('1:05');
  });

  it('accepts with one tap', async () => {
    const { onaccept, ondecline } = renderCard();
    await fireEvent.click(screen.getByRole('button', { name: '接单' }));
    expect(onaccept).toHaveBeenCalledOnce();
    expect(ondecline).not.toHaveBeenCalled();
  });

  it('declines only once a reason is picked, and sends that reason', async () => {
    const { onaccept, ondecline } = renderCard();
    await fireEvent.click(screen.getByRole('button', { name: '拒单' }));

    const confirm = screen.getByRole('button', { name: '确认拒单' });
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(confirm);
    expect(ondecline).not.toHaveBeenCalled();

    await fireEvent.click(screen.getByRole('radio', { name: '缺少备件' }));
    expect((confirm as HTMLButtonElement).disabled).toBe(false);
    await fireEvent.click(confirm);
    expect(ondecline).toHaveBeenCalledExactlyOnceWith('missing_parts');
    expect(onaccept).not.toHaveBeenCalled();
  });

  it('goes back from the reasons to accept or decline without declining', async () => {
    const { ondecline } = renderCard();
    await fireEvent.click(screen.getByRole('button', { name: '拒单' }));
    await fireEvent.click(screen.getByRole('radio', { name: '距离太远' }));
    await fireEvent.click(screen.getByRole('button', { name: '返回' }));
    expect(ondecline).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: '接单' })).toBeTruthy();
  });

  it('offers no buttons once the time is up and says the order moves on', () => {
    renderCard({ remainingMs: 0, fraction: 0 });
    expect(screen.getByTestId('offer-countdown').textContent).toBe('0:00');
    expect(screen.getByTestId('offer-expired').textContent).toBe('已超时，将转给其他技师');
    expect(screen.queryByRole('button', { name: '接单' })).toBeNull();
  });

  it('holds both buttons while an answer is on its way', () => {
    renderCard({}, true);
    expect((screen.getByTestId('offer-accept') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('offer-decline') as HTMLButtonElement).disabled).toBe(true);
  });

  it('speaks English after the switch', () => {
    const { locale } = renderCard();
    locale.set('en');
    flushSync();
    expect(screen.getByRole('button', { name: 'Accept' })).toBeTruthy();
    expect(screen.getByTestId('order-service').textContent).toBe('AC repair');
    expect(screen.getByText('Time to answer')).toBeTruthy();
  });
});
