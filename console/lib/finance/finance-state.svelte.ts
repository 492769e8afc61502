// The finance page's state: the filters, the settlements listed so far (pages appended), the totals of
// all that match, and the payable payouts picked for a payment run.
import { SvelteSet } from 'svelte/reactivity';
import type { Fetch } from '$lib/api/http';
import type { FinanceSettlementsPage, FinanceSettlementView } from '$realtime/contract';
import { fetchSettlements, markPaid, statementHref } from './api';
import { defaultFilters, financeQuery, presetRange, type FinanceFilters, type PeriodPreset } from './filters';

export type Notice =
  | { type: 'paid'; count: number; total: number }
  | { type: 'error'; message: string | null; status: number }
  | null;

const key = (orderId: string, payoutId: string) => `${orderId} ${payoutId}`;

export class FinanceState {
  #filters = $state<FinanceFilters>(defaultFilters(0));
  #items = $state<FinanceSettlementView[]>([]);
  #totals = $state<FinanceSettlementsPage['totals'] | null>(null);
  #cursor = $state<string | null>(null);
  #loading = $state(false);
  #notice = $state<Notice>(null);
  #selected = new SvelteSet<string>();
  /** Answers to an older query that arrive after a newer one started are dropped. */
  #generation = 0;

  constructor(
    private readonly fetchFn: Fetch,
    /** Epoch milliseconds: the presets end today. */
    private readonly now: () => number = Date.now
  ) {
    this.#filters = defaultFilters(now());
  }

  get filters(): FinanceFilters {
    return this.#filters;
  }
  get items(): FinanceSettlementView[] {
    return this.#items;
  }
  get totals(): FinanceSettlementsPage['totals'] | null {
    return this.#totals;
  }
  get hasMore(): boolean {
    return this.#cursor !== null;
  }
  get loading(): boolean {
    return this.#loading;
  }
  get notice(): Notice {
    return this.#notice;
  }
  get selectedCount(): number {
    return this.#selected.size;
  }
  get statementHref(): string {
    return statementHref(financeQuery(this.#filters));
  }

  isSelected(orderId: string, payoutId: string): boolean {
    return this.#selected.has(key(orderId, payoutId));
  }

  toggle(orderId: string, payoutId: string): void {
    const k = key(orderId, payoutId);
    if (!this.#selected.delete(k)) this.#selected.add(k);
  }

  /** Changes filters and lists again; a preset sets the days, a typed day makes the range custom. */
  async set(change: Partial<FinanceFilters>): Promise<void> {
    const next = { ...this.#filters, ...change };
    if (change.from !== undefined || change.to !== undefined) next.preset = 'custom';
    else if (change.preset) Object.assign(next, presetRange(change.preset as PeriodPreset, this.now(), next));
    this.#filters = next;
    await this.load();
  }

  async load(): Promise<void> {
    this.#selected.clear();
    await this.#fetch(null);
  }

  async more(): Promise<void> {
    if (this.#cursor) await this.#fetch(this.#cursor);
  }

  async markPaid(reference: string): Promise<void> {
    const items = [...this.#selected].map((k) => {
      const [orderId = '', payoutId = ''] = k.split(' ');
      return { orderId, payoutId };
    });
    if (items.length === 0) return;
    const res = await markPaid(this.fetchFn, items, reference);
    this.#notice = res.ok
      ? { type: 'paid', count: res.data.items.length, total: res.data.total }
      : { type: 'error', message: res.error?.message ?? null, status: res.status };
    if (res.ok) await this.load();
  }

  async #fetch(cursor: string | null): Promise<void> {
    const generation = ++this.#generation;
    this.#loading = true;
    const res = await fetchSettlements(this.fetchFn, financeQuery(this.#filters, cursor ? { cursor } : {}));
    if (generation !== this.#generation) return;
    this.#loading = false;
    if (!res.ok) {
      this.#notice = { type: 'error', message: res.error?.message ?? null, status: res.status };
      return;
    }
    this.#items = cursor ? [...this.#items, ...res.data.items] : res.data.items;
    this.#totals = res.data.totals;
    this.#cursor = res.data.nextCursor;
  }
}
