import type { Fetch } from '$lib/api/http';
import type { HeatmapLayerId, HeatmapView } from '$realtime/heatmap-contract';
import { fetchHeatmap } from './api';
import { LAYERS, type InsightsTarget } from './target';

export type InsightsNotice = 'forbidden' | 'failed' | null;

/**
 * The insights page: the level and layer asked for, the last view the server answered for them, and
 * which layers have no data source yet. A reply to an older request than the latest is dropped, so a
 * quick drill-down never ends on a stale level.
 */
export class HeatmapState {
  #fetch: Fetch;
  #target = $state.raw<InsightsTarget>({ layer: 'demand', regionId: null, cityId: null });
  #view = $state.raw<HeatmapView | null>(null);
  #loading = $state(false);
  #notice = $state<InsightsNotice>(null);
  #unavailable = $state.raw<readonly HeatmapLayerId[]>([]);
  #latest = 0;

  constructor(fetchFn: Fetch) {
    this.#fetch = fetchFn;
  }

  get target(): InsightsTarget {
    return this.#target;
  }
  get view(): HeatmapView | null {
    return this.#view;
  }
  get loading(): boolean {
    return this.#loading;
  }
  get notice(): InsightsNotice {
    return this.#notice;
  }
  get unavailable(): readonly HeatmapLayerId[] {
    return this.#unavailable;
  }

  /** Goes to a level (or layer); resolves with whether the server let the user see it. */
  async open(target: InsightsTarget): Promise<boolean> {
    this.#target = target;
    this.#loading = true;
    return this.#load(target);
  }

  /** Reads the current level again (live updates); the level shown stays until the answer is in. */
  refresh(): Promise<boolean> {
    return this.#load(this.#target);
  }

  /** Asks each other layer once at the current level, to disable the ones that have no data yet. */
  async probeLayers(): Promise<void> {
    const others = LAYERS.filter((l) => l !== this.#target.layer);
    const outcomes = await Promise.all(
      others.map((layer) => fetchHeatmap(this.#fetch, { ...this.#target, layer }))
    );
    const missing = outcomes.flatMap((o) => (o.type === 'unavailable' ? [o.layer] : []));
    for (const layer of missing) this.#markUnavailable(layer);
  }

  #markUnavailable(layer: HeatmapLayerId): void {
    if (!this.#unavailable.includes(layer)) this.#unavailable = [...this.#unavailable, layer];
  }

  async #load(target: InsightsTarget): Promise<boolean> {
    const seq = ++this.#latest;
    const outcome = await fetchHeatmap(this.#fetch, target);
    if (seq !== this.#latest) return outcome.type === 'ok';
    this.#loading = false;
    switch (outcome.type) {
      case 'ok':
        this.#view = outcome.view;
        this.#notice = null;
        return true;
      case 'forbidden':
        this.#notice = 'forbidden';
        return false;
      case 'unavailable':
        this.#markUnavailable(outcome.layer);
        // Asked for by a link: show what exists instead of an empty map.
        return target.layer === 'demand' ? false : this.open({ ...target, layer: 'demand' });
      case 'failed':
        this.#notice = 'failed';
        return false;
    }
  }
}
