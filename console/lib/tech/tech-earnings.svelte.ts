import { SvelteMap } from 'svelte/reactivity';
import { request, type Fetch } from '$lib/api/http';
import type { EarningsView, MonthSettlements, SettlementView } from '$realtime/contract';

export interface TechEarningsDeps {
  fetch: Fetch;
  /** The signed-in technician: a settlement that names someone else no longer pays them. */
  technicianId: string;
}

/**
 * What the technician earns: each order's settlement (lines, their share, what is payable) and the
 * month's totals. Read from `GET /api/me/settlements` and kept live by `settlement:updated`; the totals
 * are summed here from the settlements held, so a live update moves them too.
 */
export class TechEarnings {
  #deps: TechEarningsDeps;
  #byOrder = new SvelteMap<string, SettlementView>();
  #month = $state<string | null>(null);

  #totals = $derived.by(() => {
    const t: EarningsView & { orders: number } = { orders: 0, share: 0, pending: 0, payable: 0, paid: 0 };
    for (const { technician: e } of this.#byOrder.values()) {
      t.orders += 1;
      t.share += e.share;
      t.pending += e.pending;
      t.payable += e.payable;
      t.paid += e.paid;
    }
    return t;
  });

  constructor(deps: TechEarningsDeps) {
    this.#deps = deps;
  }

  /** 'YYYY-MM' of the statement shown; null until read. */
  get month(): string | null {
    return this.#month;
  }
  get totals(): EarningsView & { orders: number } {
    return this.#totals;
  }

  of(orderId: string): SettlementView | undefined {
    return this.#byOrder.get(orderId);
  }

  /** This month's settlements (the server's month, Beijing time). False when it could not be read. */
  async load(): Promise<boolean> {
    const res = await request<MonthSettlements>(this.#deps.fetch, '/api/me/settlements');
    if (!res.ok) return false;
    this.#month = res.data.month;
    this.#byOrder.clear();
    for (const s of res.data.items) this.#byOrder.set(s.orderId, s);
    return true;
  }

  /** One `settlement:updated`: newer versions replace older; one that pays someone else leaves. */
  apply(settlement: SettlementView): void {
    const held = this.#byOrder.get(settlement.orderId);
    if (held && held.version > settlement.version) return;
    if (settlement.technicianId !== this.#deps.technicianId) this.#byOrder.delete(settlement.orderId);
    else this.#byOrder.set(settlement.orderId, settlement);
  }
}
