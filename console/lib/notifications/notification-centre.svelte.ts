import type { Fetch } from '$lib/api/http';
import type { NotificationView } from '$realtime/events';
import { fetchNotifications, markAllNotificationsRead, markNotificationRead } from './api';

/** How long a toast that is not critical stays; a critical one stays until it is dismissed. */
export const TOAST_MS = 10_000;
/** How many entries the centre lists (the unread count covers the rest too). */
export const LIST_LIMIT = 50;
/** Toasts on screen at once; the oldest that is not critical makes room. */
export const MAX_TOASTS = 4;

export interface NotificationCentreDeps {
  fetch: Fetch;
  /** Stamps a local read until the server's answer arrives. */
  now?: () => number;
}

const isCritical = (n: NotificationView) => n.severity === 'critical';

/**
 * One user's notification centre: the latest entries with their read state and the unread count from
 * `GET /api/notifications`, new ones from `notification:created` (each also a toast), and marking read.
 * Marks show at once and are put back if the server refuses them, so the count never lies for long.
 */
export class NotificationCentre {
  #deps: NotificationCentreDeps;
  #items = $state.raw<NotificationView[]>([]);
  #unread = $state(0);
  #loaded = $state(false);
  #failed = $state(false);
  #toasts = $state.raw<NotificationView[]>([]);
  // Only the toasts are shown; their timers are bookkeeping.
  #timers = new Map<string, ReturnType<typeof setTimeout>>(); // eslint-disable-line svelte/prefer-svelte-reactivity
  /** Entries heard while a read of the list is on its way: its answer may be older than they are. */
  #heardDuringLoad: NotificationView[] | null = null;

  constructor(deps: NotificationCentreDeps) {
    this.#deps = deps;
  }

  get items(): readonly NotificationView[] {
    return this.#items;
  }
  get unreadCount(): number {
    return this.#unread;
  }
  get loaded(): boolean {
    return this.#loaded;
  }
  /** The last read or mark failed. */
  get failed(): boolean {
    return this.#failed;
  }
  /** Newest last, as they stack on screen. */
  get toasts(): readonly NotificationView[] {
    return this.#toasts;
  }

  /** Reads the list (on start and after a reconnect: what arrived meanwhile is there, without a toast). */
  async load(): Promise<void> {
    const heard: NotificationView[] = [];
    this.#heardDuringLoad = heard;
    const res = await fetchNotifications(this.#deps.fetch, LIST_LIMIT);
    if (this.#heardDuringLoad === heard) this.#heardDuringLoad = null;
    this.#failed = !res.ok;
    if (!res.ok) return;
    const missed = heard.filter((n) => !res.data.items.some((listed) => listed.id === n.id));
    this.#items = [...missed, ...res.data.items].slice(0, LIST_LIMIT);
    this.#unread = res.data.unreadCount + missed.filter((n) => n.readAt === null).length;
    this.#loaded = true;
  }

  /** `notification:created`: listed first and shown as a toast; false when it is already listed. */
  applyCreated(notification: NotificationView): boolean {
    if (this.#items.some((n) => n.id === notification.id)) return false;
    this.#heardDuringLoad?.push(notification);
    this.#items = [notification, ...this.#items].slice(0, LIST_LIMIT);
    if (notification.readAt === null) this.#unread++;
    this.#showToast(notification);
    return true;
  }

  async markRead(id: string): Promise<void> {
    const entry = this.#items.find((n) => n.id === id);
    if (!entry || entry.readAt !== null) return;
    this.#replace({ ...entry, readAt: this.#stamp() });
    this.#unread = Math.max(0, this.#unread - 1);
    const res = await markNotificationRead(this.#deps.fetch, id);
    this.#failed = !res.ok && res.status !== 404;
    if (res.ok) this.#replace(res.data);
    else if (res.status === 404) this.#items = this.#items.filter((n) => n.id !== id);
    else {
      this.#replace(entry);
      this.#unread++;
    }
  }

  async markAllRead(): Promise<void> {
    const before = { items: this.#items, unread: this.#unread };
    const readAt = this.#stamp();
    this.#items = this.#items.map((n) => (n.readAt === null ? { ...n, readAt } : n));
    this.#unread = 0;
    const res = await markAllNotificationsRead(this.#deps.fetch);
    this.#failed = !res.ok;
    if (res.ok) return;
    // Put back only what is still as this mark left it: entries that arrived since stay as they are.
    this.#items = this.#items.map((n) =>
      n.readAt === readAt ? (before.items.find((p) => p.id === n.id) ?? n) : n
    );
    this.#unread += before.unread;
  }

  /** The user followed an entry to its order: it is read now, and its toast goes. */
  followed(id: string): void {
    this.dismissToast(id);
    void this.markRead(id);
  }

  dismissToast(id: string): void {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
    this.#toasts = this.#toasts.filter((n) => n.id !== id);
  }

  /** Stops the toast timers (the page is going away). */
  dispose(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  #showToast(notification: NotificationView): void {
    let toasts = [...this.#toasts, notification];
    while (toasts.length > MAX_TOASTS) {
      const oldest = toasts.find((n) => !isCritical(n)) ?? toasts[0];
      if (!oldest) break;
      clearTimeout(this.#timers.get(oldest.id));
      this.#timers.delete(oldest.id);
      toasts = toasts.filter((n) => n !== oldest);
    }
    this.#toasts = toasts;
    if (!isCritical(notification) && toasts.includes(notification))
      this.#timers.set(
        notification.id,
        setTimeout(() => this.dismissToast(notification.id), TOAST_MS)
      );
  }

  #replace(entry: NotificationView): void {
    this.#items = this.#items.map((n) => (n.id === entry.id ? entry : n));
  }

  /** Now as the server writes `readAt`; the server's own stamp replaces it when it answers. */
  #stamp(): string {
    return new Date((this.#deps.now ?? Date.now)()).toISOString(); // eslint-disable-line svelte/prefer-svelte-reactivity
  }
}
