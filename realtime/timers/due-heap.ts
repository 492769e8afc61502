// A binary min-heap of (due time, timer id) pairs in two growing typed arrays: a million pending timers
// take 16 MB and no object each. It holds ids only; the database row behind an id says whether the timer
// still stands, so a moved or cancelled timer is not removed here: the new due time is pushed and the
// stale entry, when it comes up, is checked against the row and dropped (see timer-queue.ts).

const INITIAL_CAPACITY = 1024;

export class DueHeap {
  #at = new Float64Array(INITIAL_CAPACITY);
  /** Ids are database serials: integers up to 2^53, so a float64 holds them exactly. */
  #id = new Float64Array(INITIAL_CAPACITY);
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** The earliest due time, or null when empty. */
  peekAt(): number | null {
    return this.#size > 0 ? (this.#at[0] as number) : null;
  }

  push(id: number, at: number): void {
    if (this.#size === this.#at.length) this.#grow();
    let i = this.#size++;
    // Sift up: move parents down until the new entry's place is found, then write it once.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#precedes(at, id, parent)) break;
      this.#move(parent, i);
      i = parent;
    }
    this.#at[i] = at;
    this.#id[i] = id;
  }

  /** Removes and returns the ids due at or before `now`, earliest first, at most `limit` of them. */
  popDue(now: number, limit: number): number[] {
    const due: number[] = [];
    while (due.length < limit && this.#size > 0 && (this.#at[0] as number) <= now) {
      due.push(this.#id[0] as number);
      this.#removeTop();
    }
    return due;
  }

  clear(): void {
    this.#size = 0;
  }

  #move(from: number, to: number): void {
    this.#at[to] = this.#at[from] as number;
    this.#id[to] = this.#id[from] as number;
  }

  /** Whether (at, id) comes before the entry in `slot`; ties on the due time go to the lower id. */
  #precedes(at: number, id: number, slot: number): boolean {
    const other = this.#at[slot] as number;
    return at < other || (at === other && id < (this.#id[slot] as number));
  }

  #removeTop(): void {
    const last = --this.#size;
    const at = this.#at[last] as number;
    const id = this.#id[last] as number;
    let i = 0;
    // Sift the last entry down from the top, moving the earlier child up at each level.
    for (let left = 1; left < last; left = 2 * i + 1) {
      const right = left + 1;
      const child =
        right < last && this.#precedes(this.#at[right] as number, this.#id[right] as number, left)
          ? right
          : left;
      if (this.#precedes(at, id, child)) break;
      this.#move(child, i);
      i = child;
    }
    this.#at[i] = at;
    this.#id[i] = id;
  }

  #grow(): void {
    const at = new Float64Array(this.#at.length * 2);
    const id = new Float64Array(this.#id.length * 2);
    at.set(this.#at);
    id.set(this.#id);
    this.#at = at;
    this.#id = id;
  }
}
