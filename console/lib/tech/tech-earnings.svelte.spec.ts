import { describe, expect, it, vi } from 'vitest';
import { settlementView } from '$lib/testing/settlement';
import { TechEarnings } from './tech-earnings.svelte';

const ME = 'T00042';
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function loaded(items = [settlementView()]) {
  const fetch = vi.fn(async () =>
    json(200, { month: '2026-11', items, totals: { orders: 0, share: 0, pending: 0, payable: 0, paid: 0 } })
  );
  return { earnings: new TechEarnings({ fetch, technicianId: ME }), fetch };
}

describe('TechEarnings', () => {
  it('reads this month’s settlements and sums the month from them', async () => {
    const { earnings, fetch } = loaded([
      settlementView(),
      settlementView({ orderId: 'o2', technician: { share: 500, pending: 0, payable: 350, paid: 150 } })
    ]);
    expect(await earnings.load()).toBe(true);
    expect(fetch).toHaveBeenCalledWith('/api/me/settlements', expect.anything());
    expect(earnings.month).toBe('2026-11');
    expect(earnings.of('o1')?.total).toBe(24_000);
    expect(earnings.totals).toEqual({ orders: 2, share: 17_300, pending: 16_800, payable: 350, paid: 150 });
  });

  it('takes a newer settlement from the socket, moving the month with it, and ignores an older one', async () => {
    const { earnings } = loaded();
    await earnings.load();
    const raised = { share: 20_160, pending: 20_160, payable: 0, paid: 0 };
    earnings.apply(settlementView({ version: 3, technician: raised }));
    expect(earnings.of('o1')?.version).toBe(3);
    expect(earnings.totals.share).toBe(20_160);
    earnings.apply(settlementView({ version: 2 }));
    expect(earnings.of('o1')?.version).toBe(3);
  });

  it('drops a settlement that now pays someone else', async () => {
    const { earnings } = loaded();
    await earnings.load();
    earnings.apply(settlementView({ version: 2, technicianId: 'T00007' }));
    expect(earnings.of('o1')).toBeUndefined();
    expect(earnings.totals.orders).toBe(0);
  });

  it('says so when the month cannot be read', async () => {
    const earnings = new TechEarnings({ fetch: vi.fn(async () => json(500, {})), technicianId: ME });
    expect(await earnings.load()).toBe(false);
    expect(earnings.month).toBeNull();
  });
});
