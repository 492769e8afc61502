import { describe, expect, it, vi } from 'vitest';
import type { PriceTableView } from '$realtime/contract';
import { DEMO_PRICE_TABLE } from '$realtime/../dispatcher/pricing/demo-table';
import { DEFAULT_REGIONAL_BOUNDS } from '$realtime/../dispatcher/pricing/bounds';
import { DEFAULT_SAMPLE, PricingEditor, sampleFacts } from './pricing-editor.svelte';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const view = (version = 1): PriceTableView => ({
  table: { ...DEMO_PRICE_TABLE, version },
  inForceVersion: version,
  versions: [],
  bounds: DEFAULT_REGIONAL_BOUNDS,
  editableRegions: ['east']
});

/** GET answers the table; PUT answers `onPut`; records what was sent. */
function fakeServer(onPut: () => Response) {
  const sent: Record<string, unknown>[] = [];
  const f = vi.fn<typeof fetch>(async (_url, init) => {
    if (init?.method !== 'PUT') return json(200, view());
    sent.push(JSON.parse(String(init.body)) as Record<string, unknown>);
    return onPut();
  });
  return { f, sent };
}

const SAMPLE = DEFAULT_SAMPLE;

describe('PricingEditor', () => {
  it('shows the first region the user may edit, as multipliers, nothing to save yet', async () => {
    const editor = new PricingEditor(fakeServer(() => json(500, {})).f);
    await editor.load();
    expect(editor.regionId).toBe('east');
    expect(editor.coefficients).toEqual({ tier1: 1.2, tier2: 1.1, tier3: 1 });
    expect(editor.dirty).toBe(false);
  });

  it('sends the coefficients in basis points on the version it read, and says a change waits for approval', async () => {
    const server = fakeServer(() => json(202, { status: 'pending', request: { id: 'r1' } }));
    const editor = new PricingEditor(server.f);
    await editor.load();
    editor.coefficients.tier1 = 1.45;
    expect(editor.dirty).toBe(true);
    await editor.save('进博会');
    expect(server.sent[0]).toMatchObject({
      expectedVersion: 1,
      coefficients: { tier1: 14_500, tier2: 11_000, tier3: 10_000 },
      reason: '进博会'
    });
    expect(editor.notice).toEqual({ kind: 'pending' });
  });

  it('marks the tiers the server refused', async () => {
    const refused = {
      error: {
        code: 'validation_failed',
        message: 'x',
        fields: [{ path: 'coefficients.tier2', message: 'above ×3' }]
      }
    };
    const editor = new PricingEditor(fakeServer(() => json(422, refused)).f);
    await editor.load();
    editor.coefficients.tier2 = 31;
    await editor.save('x');
    expect(editor.invalid).toEqual(['tier2']);
    expect(editor.notice).toEqual({ kind: 'invalid' });
  });

  it('turns the sample picker into facts: after hours at 22:00 Beijing time, cross-region from another region, a part at cost', () => {
    const now = Date.parse('2026-11-23T15:30:00+08:00');
    const facts = sampleFacts(
      { ...SAMPLE, afterHours: true, crossRegion: true, partYuan: 35.5 },
      'east',
      ['north', 'east'],
      now,
      '电容'
    );
    expect(facts.serviceAt).toBe(Date.parse('2026-11-23T22:00:00+08:00'));
    expect(facts.technicianRegionId).toBe('north');
    expect(facts.parts).toEqual([
      { sku: 'SAMPLE', name: '电容', quantity: 1, unitCost: 3_550, supplier: 'platform' }
    ]);
    const plain = sampleFacts(SAMPLE, 'east', ['north', 'east'], now, '电容');
    expect(plain).toMatchObject({
      serviceAt: Date.parse('2026-11-23T10:00:00+08:00'),
      technicianRegionId: 'east',
      parts: []
    });
  });
});
