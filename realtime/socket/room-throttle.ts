// At most one message per room per interval: the first goes at once, whatever comes in meanwhile goes
// in one message when the interval is up. Dashboards refetch on each message, so a burst of completed
// orders costs them one query, not one per order.
export class RoomThrottle {
  readonly #last = new Map<string, number>();
  readonly #pending = new Map<string, { items: Set<string>; timer: NodeJS.Timeout }>();

  constructor(
    private readonly intervalMs: number,
    private readonly send: (room: string, items: string[]) => void,
    /** Wall time: a rate, not a domain instant (a test's frozen clock would hold every message back). */
    private readonly now: () => number = Date.now
  ) {}

  note(room: string, item: string): void {
    const pending = this.#pending.get(room);
    if (pending) {
      pending.items.add(item);
      return;
    }
    const wait = (this.#last.get(room) ?? -Infinity) + this.intervalMs - this.now();
    if (wait <= 0) return this.#flush(room, [item]);
    const items = new Set([item]);
    const timer = setTimeout(() => {
      this.#pending.delete(room);
      this.#flush(room, [...items]);
    }, wait);
    this.#pending.set(room, { items, timer });
  }

  stop(): void {
    for (const { timer } of this.#pending.values()) clearTimeout(timer);
    this.#pending.clear();
  }

  #flush(room: string, items: string[]): void {
    this.#last.set(room, this.now());
    this.send(room, items);
  }
}
