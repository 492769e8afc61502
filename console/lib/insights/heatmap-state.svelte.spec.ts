import { describe, expect, it, vi } from 'vitest';
import type { HeatmapView } from '$realtime/heatmap-contract';
import { HeatmapState } from './heatmap-state.svelte';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const view = (over: Partial<HeatmapView> = {}): HeatmapView => ({
  layer: 'demand',
  level: { type: 'nation' },
  period: { from: '2026-11-22T02:00:00.000Z', to: '2026-11-23T02:00:00.000Z' },
  at: '2026-11-23T02:00:00.000Z',
  total: 3,
  regions: [{ regionId: 'east', weight: 3, technicians: 10, online: 8 }],
  cities: [],
  hotspots: [],
  depots: [],
  technicians: [],
  orders: [],
  ordersTruncated: false,
  ...over
});

const unavailable = (layer: string) =>
  json(501, { error: { code: 'layer_unavailable', message: 'no data', layer } });

describe('HeatmapState', () => {
  it('shows the level the server answered and asks for the level in the query', async () => {
    const f = vi.fn<typeof fetch>(async () =>
      json(200, view({ level: { type: 'region', regionId: 'east' } }))
    );
    const state = new HeatmapState(f);
    expect(await state.open({ layer: 'demand', regionId: 'east', cityId: null })).toBe(true);
    expect(String(f.mock.calls[0]?.[0])).toBe('/api/insights/heatmap?layer=demand&regionId=east');
    expect(state.view?.level).toEqual({ type: 'region', regionId: 'east' });
    expect(state.notice).toBeNull();
  });

  it('keeps the last view and says so when a region is refused', async () => {
    const f = vi
      .fn<typeof fetch>()
      .mockResolvedValueOnce(json(200, view()))
      .mockResolvedValueOnce(json(403, { error: { code: 'forbidden', message: 'no' } }));
    const state = new HeatmapState(f);
    await state.open({ layer: 'demand', regionId: null, cityId: null });
    expect(await state.open({ layer: 'demand', regionId: 'north', cityId: null })).toBe(false);
    expect(state.notice).toBe('forbidden');
    expect(state.view?.level).toEqual({ type: 'nation' });
  });

  it('drops an answer that arrives after a newer request was made', async () => {
    let release: (r: Response) => void = () => undefined;
    const slow = new Promise<Response>((r) => (release = r));
    const f = vi
      .fn<typeof fetch>()
      .mockReturnValueOnce(slow)
      .mockResolvedValueOnce(json(200, view({ level: { type: 'region', regionId: 'east' } })));
    const state = new HeatmapState(f);
    const first = state.open({ layer: 'demand', regionId: null, cityId: null });
    await state.open({ layer: 'demand', regionId: 'east', cityId: null });
    release(json(200, view()));
    await first;
    expect(state.view?.level).toEqual({ type: 'region', regionId: 'east' });
  });

  it('marks layers without data unavailable, and falls back to demand when a link asks for one', async () => {
    const f = vi.fn<typeof fetch>(async (url) => {
      const layer = new URL(String(url), 'http://x').searchParams.get('layer') ?? '';
      return layer === 'demand' ? json(200, view()) : unavailable(layer);
    });
    const state = new HeatmapState(f);
    expect(await state.open({ layer: 'revenue', regionId: null, cityId: null })).toBe(true);
    expect(state.target.layer).toBe('demand');
    await state.probeLayers();
    expect([...state.unavailable].sort()).toEqual(['revenue', 'sla_risk']);
  });
});
