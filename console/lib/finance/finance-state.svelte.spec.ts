import { describe, expect, it, vi } from 'vitest';
import { settlementView } from '$lib/testing/settlement';
import type { FinanceSettlementsPage, FinanceSettlementView } from '$realtime/contract';
import { FinanceState } from './finance-state.svelte';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const zero = {
  settlements: 0,
  total: 0,
  platform: 0,
  partner: 0,
  technician: 0,
  pending: 0,
  payable: 0,
  paid: 0
};
const item = (orderId: string): FinanceSettlementView => ({
  ...settlementView(),
  orderId,
  cityId: 'shanghai',
  cityName: '上海',
  partnerId: null,
  partnerName: null,
  technicianName: '张师傅'
});
const page = (ids: string[], nextCursor: string | null): FinanceSettlementsPage => ({
  items: ids.map(item),
  nextCursor,
  period: 'day',
  totals: { all: { ...zero, settlements: 3 }, byRegion: [], byPartner: [], byPeriod: [] }
});
const NOW = Date.parse('2026-11-23T02:00:00Z');

describe('FinanceState', () => {
  it('asks for the filtered settlements, appends the next page, and starts over on a new filter', async () => {
    const f = vi.fn<typeof fetch>(async (input) =>
      json(200, String(input).includes('cursor=c1') ? page(['c'], null) : page(['a', 'b'], 'c1'))
    );
    const state = new FinanceState(f, () => NOW);
    await state.set({ regionId: 'east' });
    expect(String(f.mock.calls[0]?.[0])).toContain('regionId=east');
    expect(state.items.map((s) => s.orderId)).toEqual(['a', 'b']);
    expect(state.hasMore).toBe(true);
    await state.more();
    expect(state.items.map((s) => s.orderId)).toEqual(['a', 'b', 'c']);
    expect(state.hasMore).toBe(false);
    await state.set({ preset: 'today' });
    expect(state.filters).toMatchObject({ preset: 'today', from: '2026-11-23', to: '2026-11-23' });
    expect(state.items.map((s) => s.orderId)).toEqual(['a', 'b']);
    expect(state.statementHref).toBe(
      '/api/finance/statement.csv?from=2026-11-23&to=2026-11-23&regionId=east'
    );
  });

  it('pays the picked payouts in one run, says how much, and lists again', async () => {
    const posted: unknown[] = [];
    const f = vi.fn<typeof fetch>(async (input, init) => {
      if (init?.method === 'POST') {
        posted.push(JSON.parse(String(init.body)));
        return json(200, {
          reference: 'R1',
          paidAt: '2026-11-23T02:00:00.000Z',
          items: [{}, {}],
          total: 13_440
        });
      }
      return json(200, page(['a'], null));
    });
    const state = new FinanceState(f, () => NOW);
    await state.load();
    state.toggle('a', 'technician:completed');
    state.toggle('a', 'partner:completed');
    state.toggle('a', 'partner:completed');
    state.toggle('a', 'partner:completed');
    expect(state.selectedCount).toBe(2);
    await state.markPaid('R1');
    expect(posted).toEqual([
      {
        items: [
          { orderId: 'a', payoutId: 'technician:completed' },
          { orderId: 'a', payoutId: 'partner:completed' }
        ],
        reference: 'R1'
      }
    ]);
    expect(state.notice).toEqual({ type: 'paid', count: 2, total: 13_440 });
    expect(state.selectedCount).toBe(0);
  });
});
