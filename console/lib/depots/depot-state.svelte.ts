import { SvelteMap } from 'svelte/reactivity';
import type { DepotList, DepotView } from '$realtime/contract';
import type { DepotAlert } from '$realtime/events';
import { withAlerts } from './low-stock';

const lineKey = (a: DepotAlert) => `${a.depotId}\n${a.sku}`;

/**
 * The depots on the wall and the stock lines each holds below its safety level: the list from
 * `GET /api/depots`, with every `depot:alert` that came after it laid on top.
 *
 * Alerts are kept apart from the list, not written into it, because the list is read again after a
 * reconnect and may be older than an alert already shown: alerts stamped after the list was read stay.
 */
export class DepotState {
  #list = $state.raw<DepotList | null>(null);
  /** The newest alert per depot and SKU that is later than the list. */
  #alerts = new SvelteMap<string, DepotAlert>();

  #depots = $derived(withAlerts(this.#list?.items ?? [], this.#alerts.values()));
  #alerting = $derived(this.#depots.filter((d) => d.lowStockCount > 0).length);

  get loaded(): boolean {
    return this.#list !== null;
  }

  get depots(): readonly DepotView[] {
    return this.#depots;
  }

  /** How many depots have at least one line below safety. */
  get alerting(): number {
    return this.#alerting;
  }

  load(list: DepotList): void {
    const readAt = Date.parse(list.at);
    this.#list = list;
    for (const [key, a] of this.#alerts) if (Date.parse(a.at) <= readAt) this.#alerts.delete(key);
  }

  /** Returns false for an alert the list or a later alert about the same line already covers. */
  applyAlert(alert: DepotAlert): boolean {
    const at = Date.parse(alert.at);
    if (this.#list && at <= Date.parse(this.#list.at)) return false;
    const key = lineKey(alert);
    const previous = this.#alerts.get(key);
    if (previous && Date.parse(previous.at) > at) return false;
    this.#alerts.set(key, alert);
    return true;
  }
}
