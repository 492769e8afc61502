import { describe, expect, it, vi } from 'vitest';
import type { DispatchPolicyView } from '$realtime/contract';
import { PolicyEditor } from './policy-editor.svelte';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const view = (version = 1, over: Partial<DispatchPolicyView['policy']> = {}): DispatchPolicyView => ({
  regionId: 'east',
  version,
  policy: {
    maxRadiusKm: 200,
    allowCrossRegion: false,
    mode: 'assign',
    offerTimeoutMs: 120_000,
    weights: { distance: 0.4, workload: 0.2, rating: 0.15, parts: 0.15, fairness: 0.1 },
    ...over
  }
});

/** A fake server: GET answers `stored`, PUT answers `onPut`; records what was sent. */
function fakeServer(onPut: (body: Record<string, unknown>) => Response, stored = view()) {
  const sent: Record<string, unknown>[] = [];
  const f = vi.fn<typeof fetch>(async (url, init) => {
    expect(String(url)).toBe('/api/regions/east/dispatch-policy');
    if (init?.method !== 'PUT') return json(200, stored);
    const body = JSON.parse(String(init.body)) as Record<string, unknown>;
    sent.push(body);
    return onPut(body);
  });
  return { f, sent };
}

describe('PolicyEditor', () => {
  it('loads a region’s policy into the form, timeout in seconds, nothing to save yet', async () => {
    const editor = new PolicyEditor(fakeServer(() => json(500, {})).f);
    await editor.load('east');
    expect(editor.draft).toMatchObject({ mode: 'assign', offerTimeoutS: 120, maxRadiusKm: 200 });
    expect(editor.dirty).toBe(false);
    expect(editor.shares.distance).toBeCloseTo(0.4);
  });

  it('sends only what changed, the weights as a whole set, on the version it read', async () => {
    const server = fakeServer(() => json(200, view(2, { maxRadiusKm: 80, offerTimeoutMs: 60_000 })));
    const editor = new PolicyEditor(server.f);
    await editor.load('east');
    if (!editor.draft) throw new Error('no draft');
    editor.draft.maxRadiusKm = 80;
    editor.draft.offerTimeoutS = 60;
    editor.draft.weights.rating = 1;
    expect(editor.dirty).toBe(true);
    await editor.save('试点');
    expect(server.sent).toEqual([
      {
        maxRadiusKm: 80,
        offerTimeoutMs: 60_000,
        weights: { distance: 0.4, workload: 0.2, rating: 1, parts: 0.15, fairness: 0.1 },
        expectedVersion: 1,
        reason: '试点'
      }
    ]);
    expect(editor.notice).toEqual({ kind: 'saved', version: 2 });
    expect(editor.view?.version).toBe(2);
    expect(editor.dirty).toBe(false);
  });

  it('shows the newer policy and says so when someone else saved first', async () => {
    const newer = view(3, { mode: 'offer' });
    const editor = new PolicyEditor(
      fakeServer(() => json(409, { error: { code: 'version_conflict', message: 'stale', current: newer } })).f
    );
    await editor.load('east');
    if (!editor.draft) throw new Error('no draft');
    editor.draft.maxRadiusKm = 50;
    await editor.save('x');
    expect(editor.notice).toEqual({ kind: 'conflict' });
    expect(editor.view).toEqual(newer);
    expect(editor.draft).toMatchObject({ mode: 'offer', maxRadiusKm: 200 });
  });

  it('keeps the edits and marks the refused fields after a 422', async () => {
    const editor = new PolicyEditor(
      fakeServer(() =>
        json(422, {
          error: {
            code: 'validation_failed',
            message: 'invalid input',
            fields: [
              { path: 'weights', message: 'at least one weight must be above 0' },
              { path: 'offerTimeoutMs', message: 'too small' }
            ]
          }
        })
      ).f
    );
    await editor.load('east');
    if (!editor.draft) throw new Error('no draft');
    for (const f of ['distance', 'workload', 'rating', 'parts', 'fairness'] as const)
      editor.draft.weights[f] = 0;
    editor.draft.offerTimeoutS = 5;
    await editor.save('x');
    expect(editor.notice).toEqual({ kind: 'invalid' });
    expect([...editor.invalid].sort()).toEqual(['offerTimeoutS', 'weights']);
    expect(editor.draft.offerTimeoutS).toBe(5);
    editor.reset();
    expect(editor.invalid).toEqual([]);
    expect(editor.dirty).toBe(false);
  });

  it('says so when the caller may not see the region’s policy', async () => {
    const f = vi.fn<typeof fetch>(async () => json(403, { error: { code: 'forbidden', message: 'no' } }));
    const editor = new PolicyEditor(f);
    await editor.load('east');
    expect(editor.notice).toEqual({ kind: 'forbidden' });
    expect(editor.draft).toBeNull();
  });
});
