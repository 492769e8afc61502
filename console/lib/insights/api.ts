// The heatmap endpoint as tagged outcomes, so the page can tell "not yours" and "no data yet" apart.
import { request, type Fetch } from '$lib/api/http';
import type { HeatmapLayerId, HeatmapView } from '$realtime/heatmap-contract';
import { heatmapQuery, type InsightsTarget } from './target';

export type HeatmapOutcome =
  | { type: 'ok'; view: HeatmapView }
  /** 403: the region is outside the user's (the server refuses it). */
  | { type: 'forbidden' }
  /** 501: the layer has no data source yet. */
  | { type: 'unavailable'; layer: HeatmapLayerId }
  | { type: 'failed'; status: number; message: string | null };

export async function fetchHeatmap(fetchFn: Fetch, target: InsightsTarget): Promise<HeatmapOutcome> {
  const res = await request<HeatmapView>(fetchFn, `/api/insights/heatmap?${heatmapQuery(target)}`);
  if (res.ok) return { type: 'ok', view: res.data };
  if (res.status === 403) return { type: 'forbidden' };
  if (res.status === 501) return { type: 'unavailable', layer: target.layer };
  return { type: 'failed', status: res.status, message: res.error?.message ?? null };
}
