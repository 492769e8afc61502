import type { Fetch } from '$lib/api/http';
import { fetchHeatmap } from '$lib/insights/api';
import type { HeatmapView } from '$realtime/heatmap-contract';
import type { ProfitView } from '$realtime/profit-contract';
import { fetchProfit } from './api';
import { periodRange, viewerTimeZone, type PeriodChoice } from './period';

export type ProfitNotice = 'forbidden' | 'failed' | 'period' | null;

/**
 * The profit page: the period chosen, the last profit view for it, and the regions' SLA risk (now) for
 * the combined chart. A reply to an older request than the latest is dropped, so switching periods
 * quickly never ends on a stale one.
 */
export class ProfitState {
  #fetch: Fetch;
  #now: () => number;
  #choice = $state.raw<PeriodChoice>({ preset: '7d' });
  #view = $state.raw<ProfitView | null>(null);
  #risk = $state.raw<HeatmapView | null>(null);
  #loading = $state(false);
  #notice = $state<ProfitNotice>(null);
  #latest = 0;

  constructor(fetchFn: Fetch, now: () => number = Date.now) {
    this.#fetch = fetchFn;
    this.#now = now;
  }

  get choice(): PeriodChoice {
    return this.#choice;
  }
  get view(): ProfitView | null {
    return this.#view;
  }
  get risk(): HeatmapView | null {
    return this.#risk;
  }
  get loading(): boolean {
    return this.#loading;
  }
  get notice(): ProfitNotice {
    return this.#notice;
  }

  choose(choice: PeriodChoice): Promise<void> {
    this.#choice = choice;
    this.#loading = true;
    return this.refresh();
  }

  /** Reads the chosen period again (a settlement froze); what is shown stays until the answer is in. */
  async refresh(): Promise<void> {
    const seq = ++this.#latest;
    const range = periodRange(this.#choice, this.#now());
    if (!range) {
      this.#loading = false;
      this.#notice = 'period';
      return;
    }
    const [profit, risk] = await Promise.all([
      fetchProfit(this.#fetch, { ...range, tz: viewerTimeZone() }),
      fetchHeatmap(this.#fetch, { layer: 'sla_risk', regionId: null, cityId: null })
    ]);
    if (seq !== this.#latest) return;
    this.#loading = false;
    if (risk.type === 'ok') this.#risk = risk.view;
    if (profit.type === 'ok') {
      this.#view = profit.view;
      this.#notice = null;
    } else this.#notice = profit.type;
  }
}
