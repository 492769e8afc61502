import { SvelteMap } from 'svelte/reactivity';
import type { Fetch } from '$lib/api/http';
import { fetchOrder, fetchQueueOrders, transitionOrder, type TechnicianAction } from '$lib/dispatch/api';
import { PRIORITY_RANK, type OrderBase } from '$lib/dispatch/types';
import type { ConnectionStatus } from '$lib/wall/wall-state.svelte';
import type { OrderSummary } from '$realtime/events';
import { HELD_STATUSES, isHeldStatus, type HeldOrder, type HeldStatus } from './types';

export type JobStatus = Exclude<HeldStatus, 'offered'>;

/** What moves a job on; declining is only for offers. */
export type JobStep = Exclude<TechnicianAction, 'decline'>;

/** The one step a job offers next; the server's workflow moves it on from there. */
export const NEXT_STEP: Record<JobStatus, JobStep> = {
  assigned: 'accept',
  accepted: 'depart',
  en_route: 'arrive',
  on_site: 'complete'
};

/** The job furthest along is the one the technician is doing now. */
const STAGE_RANK: Record<JobStatus, number> = { on_site: 0, en_route: 1, accepted: 2, assigned: 3 };

export interface PendingOffer {
  order: HeldOrder;
  /** Milliseconds left to answer, 0 once the deadline passed; null when the server gave no deadline. */
  remainingMs: number | null;
  /** The share of the answering window still left, 1 → 0, for the bar under the countdown. */
  fraction: number;
}

export type TechNotice =
  | { kind: 'done'; action: TechnicianAction }
  /** The order changed under the technician (409): the list was read again. */
  | { kind: 'conflict' }
  /** An offer went to someone else: the deadline passed or a dispatcher took it back. */
  | { kind: 'offer-lost'; serviceType: string }
  /** A job was reassigned or cancelled by someone else. */
  | { kind: 'job-lost'; serviceType: string }
  | { kind: 'failed'; message: string };

export interface TechJobsDeps {
  fetch: Fetch;
  /** The signed-in technician: orders that name someone else are no longer theirs. */
  technicianId: string;
  /** The clock the countdowns run on; tests pass a fake one. */
  now?: () => number;
}

/** The phone's view of what its technician holds: the fields the socket summary and a full order share. */
type OrderLike = OrderBase & { technicianId?: string | null };

/**
 * A technician's orders: offers waiting for an answer (with the time left), the job in hand and the ones
 * queued behind it. Fed by the REST list and `order:updated`; answers and steps go to the server with the
 * version the phone saw, so a stale screen gets a 409 and is read again instead of acting blind.
 */
export class TechJobs {
  #deps: TechJobsDeps;
  #clock: () => number;
  #orders = new SvelteMap<string, HeldOrder>();
  #now = $state(0);
  #loaded = $state(false);
  #failed = $state(false);
  #busyId = $state<string | null>(null);
  #notice = $state.raw<TechNotice | null>(null);
  #connection = $state<ConnectionStatus>('connecting');

  #offers = $derived.by(() =>
    [...this.#orders.values()]
      .filter((o) => o.status === 'offered')
      .map((order) => this.#pending(order))
      .sort((a, b) => (a.remainingMs ?? Infinity) - (b.remainingMs ?? Infinity))
  );

  #jobs = $derived.by(() =>
    [...this.#orders.values()]
      .filter((o): o is HeldOrder & { status: JobStatus } => o.status !== 'offered')
      .sort(
        (a, b) =>
          STAGE_RANK[a.status] - STAGE_RANK[b.status] ||
          PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
          Date.parse(a.createdAt) - Date.parse(b.createdAt)
      )
  );

  constructor(deps: TechJobsDeps) {
    this.#deps = deps;
    this.#clock = deps.now ?? Date.now;
    this.#now = this.#clock();
  }

  get loaded(): boolean {
    return this.#loaded;
  }
  /** The last load failed; what is shown may be stale. */
  get failed(): boolean {
    return this.#failed;
  }
  /** The order whose answer or step is on its way to the server; every button waits for it. */
  get busyId(): string | null {
    return this.#busyId;
  }
  get notice(): TechNotice | null {
    return this.#notice;
  }
  /** Whether live updates arrive; while they do not, the offers' countdowns may be out of date. */
  get connection(): ConnectionStatus {
    return this.#connection;
  }
  /** Offers to answer, the closest deadline first. */
  get offers(): readonly PendingOffer[] {
    return this.#offers;
  }
  /** The job in hand: the one furthest along, then the most urgent, then the oldest. */
  get current(): (HeldOrder & { status: JobStatus }) | null {
    return this.#jobs[0] ?? null;
  }
  /** The jobs after the current one, in the order they are likely done. */
  get queue(): readonly (HeldOrder & { status: JobStatus })[] {
    return this.#jobs.slice(1);
  }
  get empty(): boolean {
    return this.#orders.size === 0;
  }

  /** Moves the countdowns on (the page calls it every second). */
  tick(): void {
    this.#now = this.#clock();
  }

  setConnection(status: ConnectionStatus): void {
    this.#connection = status;
  }

  dismissNotice(): void {
    this.#notice = null;
  }

  /**
   * Reads every order the technician holds. The statuses are read in workflow order, one after the
   * other, so an order that moves on while the list is read turns up in a later status, not nowhere.
   */
  async load(): Promise<void> {
    const res = await fetchQueueOrders(this.#deps.fetch, HELD_STATUSES);
    this.#failed = !res.ok;
    if (!res.ok) return;
    const previous = new Map(this.#orders); // eslint-disable-line svelte/prefer-svelte-reactivity
    this.#orders.clear();
    for (const order of res.data) {
      // A socket update that arrived while the list was in flight is newer than the list.
      const known = previous.get(order.id);
      if (known && known.version > order.version) this.#orders.set(known.id, known);
      else this.#take(order);
    }
    this.#loaded = true;
  }

  /**
   * One `order:updated` from the socket. The summary says whose the order is now; an order that is still
   * (or newly) theirs is read in full, since the phone needs the customer and the parts.
   */
  async applyUpdate(summary: OrderSummary): Promise<void> {
    const held = this.#orders.get(summary.id);
    if (held && summary.version <= held.version) return;
    if (!this.#isMine(summary)) {
      if (held) this.#lose(held);
      return;
    }
    const res = await fetchOrder(this.#deps.fetch, summary.id);
    if (res.ok) this.#take(res.data);
    else if (res.status === 403 || res.status === 404) this.#orders.delete(summary.id);
  }

  accept(orderId: string): Promise<void> {
    return this.act(orderId, 'accept');
  }

  decline(orderId: string, reason: string): Promise<void> {
    return this.act(orderId, 'decline', reason);
  }

  /** Sends one answer or step with the version on screen; a 409 reloads and says why nothing happened. */
  async act(orderId: string, action: TechnicianAction, reason = ''): Promise<void> {
    const order = this.#orders.get(orderId);
    if (!order || this.#busyId !== null) return;
    this.#busyId = orderId;
    this.#notice = null;
    const outcome = await transitionOrder(this.#deps.fetch, orderId, {
      action,
      expectedVersion: order.version,
      reason
    });
    this.#busyId = null;
    switch (outcome.type) {
      case 'ok':
        // A decline answers with the summary only: `#take` drops it, the technician no longer holds it.
        this.#take(outcome.order);
        this.#notice = { kind: 'done', action };
        return;
      case 'conflict':
      case 'illegal-transition':
        this.#notice = { kind: 'conflict' };
        await this.load();
        return;
      case 'forbidden':
      case 'not-found':
        this.#lose(order);
        return;
      case 'violations':
        this.#notice = { kind: 'failed', message: outcome.violations.join(', ') };
        return;
      case 'failed':
        this.#notice = { kind: 'failed', message: outcome.message };
        return;
    }
  }

  #isMine(order: OrderLike): boolean {
    return order.technicianId === this.#deps.technicianId && isHeldStatus(order.status);
  }

  /** Keeps a full order if it is newer than the one held and still theirs; forgets it otherwise. */
  #take(order: OrderLike): void {
    const known = this.#orders.get(order.id);
    if (known && known.version > order.version) return;
    // The server sends the whole order view (parts, the offer's deadline) wherever the phone reads one.
    if (!this.#isMine(order)) {
      this.#orders.delete(order.id);
      return;
    }
    // A new offer's countdown starts from now, not from the last tick up to a second ago.
    this.tick();
    this.#orders.set(order.id, order as HeldOrder);
  }

  #lose(held: HeldOrder): void {
    this.#orders.delete(held.id);
    const kind = held.status === 'offered' ? 'offer-lost' : 'job-lost';
    this.#notice = { kind, serviceType: held.serviceType };
  }

  #pending(order: HeldOrder): PendingOffer {
    const deadline = order.assignment?.expiresAt ? Date.parse(order.assignment.expiresAt) : NaN;
    if (Number.isNaN(deadline)) return { order, remainingMs: null, fraction: 1 };
    const windowMs = deadline - Date.parse(order.assignment?.since ?? '');
    // A phone clock behind the server's would show more time than the offer ever had: never more than that.
    const remainingMs = Math.max(0, Math.min(deadline - this.#now, windowMs > 0 ? windowMs : Infinity));
    const fraction = windowMs > 0 ? remainingMs / windowMs : 0;
    return { order, remainingMs, fraction };
  }
}
