import { SvelteMap } from 'svelte/reactivity';
import type { SlaBand } from '$realtime/contract';
import { PRIORITY_RANK, QUEUE_STATUSES, type OrderBase, type QueueStatus } from './types';

export const QUEUE_TABS = ['waiting', 'offered', 'assigned', 'atRisk'] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];

/** An order's SLA band as the page's SLA board has it now; null when it has no open clock. */
export type SlaBandOf = (orderId: string) => SlaBand | null;

/** One row of the queue: the socket's summary, plus the service type once the full order was read. */
export interface QueueOrder extends OrderBase {
  serviceType: string | null;
  technicianId: string | null;
}

/** What the queue takes: a socket summary, or a full order from REST (service type, assignment). */
export type QueueInput = OrderBase & {
  serviceType?: string | null;
  assignment?: { technicianId: string } | null;
};

const isQueueStatus = (status: string): status is QueueStatus =>
  (QUEUE_STATUSES as readonly string[]).includes(status);

/**
 * The dispatch queue: orders that still need a dispatcher's eye (created, offered, assigned), grouped into
 * tabs, with the selected row for the keyboard. Fed by the initial REST list and `order:created|updated`.
 */
export class DispatchQueue {
  #orders = new SvelteMap<string, QueueOrder>();
  #now = $state(Date.now());
  #tab = $state<QueueTab>('waiting');
  #selectedId = $state<string | null>(null);
  #loaded = $state(false);
  #slaBand: SlaBandOf;

  #groups = $derived.by(() => {
    const groups: Record<QueueTab, QueueOrder[]> = { waiting: [], offered: [], assigned: [], atRisk: [] };
    for (const order of this.#orders.values()) {
      if (order.status === 'created') groups.waiting.push(order);
      else if (order.status === 'offered') groups.offered.push(order);
      else if (order.status === 'assigned') groups.assigned.push(order);
      if (this.isAtRisk(order)) groups.atRisk.push(order);
    }
    for (const list of Object.values(groups)) list.sort(byUrgency);
    return groups;
  });

  #visible = $derived(this.#groups[this.#tab]);

  constructor(now: number = Date.now(), slaBand: SlaBandOf = () => null) {
    this.#now = now;
    this.#slaBand = slaBand;
  }

  get now(): number {
    return this.#now;
  }
  get tab(): QueueTab {
    return this.#tab;
  }
  get loaded(): boolean {
    return this.#loaded;
  }
  get groups(): Readonly<Record<QueueTab, readonly QueueOrder[]>> {
    return this.#groups;
  }
  /** The rows of the current tab, most urgent first. */
  get visible(): readonly QueueOrder[] {
    return this.#visible;
  }
  get selectedId(): string | null {
    return this.#selectedId;
  }
  get selected(): QueueOrder | null {
    return this.#selectedId ? (this.#orders.get(this.#selectedId) ?? null) : null;
  }

  get(id: string): QueueOrder | undefined {
    return this.#orders.get(id);
  }

  /** At risk: one of its SLA clocks has passed its warning point or breached, as the SLA board shows it. */
  isAtRisk(order: Pick<OrderBase, 'id'>): boolean {
    const band = this.#slaBand(order.id);
    return band === 'warning' || band === 'breached';
  }

  ageMs(order: Pick<OrderBase, 'createdAt'>): number {
    return Math.max(0, this.#now - Date.parse(order.createdAt));
  }

  /** Replaces everything with a fresh list (initial load, or after a reconnect). */
  load(orders: readonly QueueInput[]): void {
    const previous = new Map(this.#orders); // eslint-disable-line svelte/prefer-svelte-reactivity
    this.#orders.clear();
    for (const o of orders) {
      if (!isQueueStatus(o.status)) continue;
      const known = this.#orders.get(o.id) ?? previous.get(o.id);
      if (known && known.version > o.version) {
        if (isQueueStatus(known.status)) this.#orders.set(o.id, known);
        continue;
      }
      this.#orders.set(o.id, toQueueOrder(o, known));
    }
    this.#loaded = true;
  }

  /**
   * Applies one order from the socket or from a write's answer: inserts it, moves it to its new group, or
   * drops it once it left the queue's statuses. Older versions than the one held are ignored.
   * Returns true when the queue changed.
   */
  apply(order: QueueInput): boolean {
    const known = this.#orders.get(order.id);
    if (known && known.version > order.version) return false;
    if (isQueueStatus(order.status)) this.#orders.set(order.id, toQueueOrder(order, known));
    else if (known) this.#orders.delete(order.id);
    else return false;
    return true;
  }

  tick(now: number = Date.now()): void {
    this.#now = now;
  }

  setTab(tab: QueueTab): void {
    this.#tab = tab;
    if (this.#selectedId && !this.#visible.some((o) => o.id === this.#selectedId)) this.#selectedId = null;
  }

  select(id: string | null): void {
    this.#selectedId = id;
  }

  /** Moves the selection by `delta` rows in the current tab (j/k, arrows); clamps at both ends. */
  move(delta: number): void {
    const rows = this.#visible;
    if (rows.length === 0) return;
    const at = rows.findIndex((o) => o.id === this.#selectedId);
    const index =
      at < 0 ? (delta > 0 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, at + delta));
    this.#selectedId = rows[index]?.id ?? null;
  }
}

function toQueueOrder(o: QueueInput, known?: QueueOrder): QueueOrder {
  return {
    id: o.id,
    version: o.version,
    regionId: o.regionId,
    status: o.status,
    priority: o.priority,
    channel: o.channel,
    location: o.location,
    createdAt: o.createdAt,
    serviceType: o.serviceType ?? known?.serviceType ?? null,
    technicianId:
      o.technicianId !== undefined
        ? o.technicianId
        : o.assignment !== undefined
          ? (o.assignment?.technicianId ?? null)
          : (known?.technicianId ?? null)
  };
}

function byUrgency(a: QueueOrder, b: QueueOrder): number {
  return (
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || Date.parse(a.createdAt) - Date.parse(b.createdAt)
  );
}
