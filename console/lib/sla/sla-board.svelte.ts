import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import type { Fetch } from '$lib/api/http';
import type { Now } from '$lib/time/now.svelte';
import type { SlaBand, SlaBoard, SlaBoardRow } from '$realtime/contract';
import type { SlaAlert } from '$realtime/events';
import { acknowledgeEscalation, fetchSlaBoard, type AckOutcome } from './api';
import { byTimeToBreach, standingAt, type RowStanding } from './standing';

/** How long the answer to an acknowledgement stays on its row. */
export const ACK_NOTICE_MS = 15_000;

/** What an acknowledgement answered, as its row shows it. */
export type AckNotice = { type: 'done' } | Exclude<AckOutcome, { type: 'ok' }>;

export interface SlaBoardDeps {
  fetch: Fetch;
  /** The page's one ticking clock: every countdown and band is derived from it. */
  now: Now;
}

/** Breach counts are per Beijing day, as the server counts them. */
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const beijingDay = (ms: number) => Math.floor((ms + BEIJING_OFFSET_MS) / 86_400_000);

/** A clock breaches once: the same alert heard twice (a reconnect, two instances) counts once. */
const breachKey = (a: SlaAlert) => `${a.workOrderId}\n${a.metric}\n${a.dueAt}`;

/**
 * The SLA board on the wall: the snapshot from `GET /api/sla/board`, kept live by `sla:updated`,
 * `sla:removed` and `sla:breached`, and read again after every (re)connect.
 *
 * Rows carry a version; an update older than the row held is dropped. A removal is remembered with its
 * time, so an update from before it that arrives late (or a snapshot read before it) does not bring the
 * order back. Breaches heard after the snapshot are added to its counts until the next snapshot.
 */
export class SlaBoardState {
  #deps: SlaBoardDeps;
  #rows = new SvelteMap<string, SlaBoardRow>();
  // Consulted when rows arrive, never shown.
  #removedAt = new Map<string, number>(); // eslint-disable-line svelte/prefer-svelte-reactivity
  #snapshot = $state.raw<{ at: number; breachesToday: Record<string, number> } | null>(null);
  #breaches = new SvelteMap<string, SlaAlert>();
  #failed = $state(false);
  #loads = 0;
  #acking = new SvelteSet<string>();
  #notices = new SvelteMap<string, { notice: AckNotice; at: number }>();

  #standings = $derived.by(() => {
    const now = this.#deps.now.ms;
    return [...this.#rows.values()]
      .map((row): RowStanding => ({ row, ...standingAt(row, now) }))
      .sort(byTimeToBreach);
  });

  // Made anew whenever the standings change, never mutated: a plain Map is enough.
  #bands = $derived(new Map(this.#standings.map((s) => [s.row.orderId, s.band]))); // eslint-disable-line svelte/prefer-svelte-reactivity

  #bandCounts = $derived.by(() => {
    const counts: Record<SlaBand, number> = { on_track: 0, warning: 0, breached: 0, paused: 0 };
    for (const s of this.#standings) counts[s.band]++;
    return counts;
  });

  #breachesToday = $derived.by(() => {
    const today = beijingDay(this.#deps.now.ms);
    const snapshot = this.#snapshot;
    // After midnight the snapshot's counts are yesterday's: only the breaches heard since then count.
    const counts =
      snapshot && beijingDay(snapshot.at) === today
        ? { ...snapshot.breachesToday }
        : ({} as Record<string, number>);
    for (const alert of this.#breaches.values())
      if (beijingDay(Date.parse(alert.at)) === today)
        counts[alert.regionId] = (counts[alert.regionId] ?? 0) + 1;
    return counts;
  });

  constructor(deps: SlaBoardDeps) {
    this.#deps = deps;
  }

  /** The clock the rows are derived from, for countdowns the rows carry besides their own. */
  get now(): number {
    return this.#deps.now.ms;
  }
  get loaded(): boolean {
    return this.#snapshot !== null;
  }
  /** The last read failed; rows shown (if any) may be stale. */
  get failed(): boolean {
    return this.#failed;
  }
  /** Every open order with its band and time left at the page's `now`, soonest breach first. */
  get rows(): readonly RowStanding[] {
    return this.#standings;
  }
  get bandCounts(): Readonly<Record<SlaBand, number>> {
    return this.#bandCounts;
  }
  /** The order's band at the page's `now`; null when it is not on the board (no open clock). */
  bandOf(orderId: string): SlaBand | null {
    return this.#bands.get(orderId) ?? null;
  }
  /** Clocks breached today per region, the snapshot's counts plus the breaches heard since. */
  get breachesToday(): Readonly<Record<string, number>> {
    return this.#breachesToday;
  }

  isAcking(orderId: string): boolean {
    return this.#acking.has(orderId);
  }

  /** The answer to the last acknowledgement from this board, while it is fresh. */
  noticeFor(orderId: string): AckNotice | null {
    const held = this.#notices.get(orderId);
    return held && this.#deps.now.ms - held.at < ACK_NOTICE_MS ? held.notice : null;
  }

  /** Reads the snapshot; an answer overtaken by a later read is dropped. */
  async load(): Promise<void> {
    const seq = ++this.#loads;
    const res = await fetchSlaBoard(this.#deps.fetch);
    if (seq !== this.#loads) return;
    this.#failed = !res.ok;
    if (res.ok) this.replace(res.data);
  }

  /** Takes a snapshot in place of what is held, keeping what the socket said after it was read. */
  replace(board: SlaBoard): void {
    const at = Date.parse(board.at);
    const held = new Map(this.#rows); // eslint-disable-line svelte/prefer-svelte-reactivity
    this.#rows.clear();
    for (const [id, removedAt] of this.#removedAt) if (removedAt <= at) this.#removedAt.delete(id);
    for (const row of board.rows) if (!this.#isRemoved(row)) this.#rows.set(row.orderId, row);
    for (const row of held.values()) {
      const fresh = this.#rows.get(row.orderId);
      if (fresh ? fresh.version < row.version : Date.parse(row.at) > at) this.#rows.set(row.orderId, row);
    }
    for (const [key, alert] of this.#breaches) if (Date.parse(alert.at) <= at) this.#breaches.delete(key);
    for (const id of this.#notices.keys()) if (!this.#rows.has(id)) this.#notices.delete(id);
    this.#snapshot = { at, breachesToday: board.breachesToday };
  }

  /** `sla:updated`; false when the row held is newer, or the order left the board after this was sent. */
  apply(row: SlaBoardRow): boolean {
    const held = this.#rows.get(row.orderId);
    if ((held && held.version >= row.version) || this.#isRemoved(row)) return false;
    this.#rows.set(row.orderId, row);
    return true;
  }

  /** `sla:removed`: the order met its last clock, or was cancelled or closed. */
  remove(removed: { orderId: string; at: string }): void {
    const at = Date.parse(removed.at);
    const held = this.#rows.get(removed.orderId);
    if (held && Date.parse(held.at) > at) return;
    this.#rows.delete(removed.orderId);
    this.#notices.delete(removed.orderId);
    this.#removedAt.set(removed.orderId, Math.max(at, this.#removedAt.get(removed.orderId) ?? at));
  }

  /** `sla:breached`: counted unless the snapshot already had it. */
  applyBreach(alert: SlaAlert): void {
    if (this.#snapshot && Date.parse(alert.at) <= this.#snapshot.at) return;
    this.#breaches.set(breachKey(alert), alert);
  }

  /**
   * Acknowledges the row's escalation: no further levels fire in this cycle. A 409 means someone else
   * acknowledged it first or the escalation ended; the snapshot is read again to show which.
   */
  async acknowledge(orderId: string, reason: string): Promise<void> {
    if (this.#acking.has(orderId)) return;
    this.#acking.add(orderId);
    this.#notices.delete(orderId);
    const outcome = await acknowledgeEscalation(this.#deps.fetch, orderId, reason);
    this.#acking.delete(orderId);
    const notice: AckNotice = outcome.type === 'ok' ? { type: 'done' } : outcome;
    this.#notices.set(orderId, { notice, at: this.#deps.now.ms });
    if (outcome.type === 'ok' && outcome.row) this.apply(outcome.row);
    if (outcome.type === 'conflict' || outcome.type === 'not-found') await this.load();
  }

  #isRemoved(row: SlaBoardRow): boolean {
    const removedAt = this.#removedAt.get(row.orderId);
    return removedAt !== undefined && Date.parse(row.at) <= removedAt;
  }
}
