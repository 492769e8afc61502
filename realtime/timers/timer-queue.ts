// Durable timers' in-process half: every pending due time of this process in one DueHeap, one setTimeout
// armed for the earliest, due ids handed to `fire` in batches, earliest first. The rows in the database
// are the truth; this only says when to look. `fire` must claim each id from its row (FOR UPDATE SKIP
// LOCKED, still pending, due) and skip what another instance or a later change already settled, which is
// also how a moved or cancelled timer's stale entry drops out.
import type { Logger } from 'pino';
import type { Clock } from '../../dispatcher/clock';
import { DueHeap } from './due-heap';

export interface TimerQueueOptions {
  clock: Clock;
  /** Settles a batch of due timer ids; a throw puts the batch back for another try after `retryMs`. */
  fire: (ids: number[]) => Promise<void>;
  log: Logger;
  /** How many ids one `fire` call gets at most. */
  batchSize?: number;
  /**
   * Longest sleep between looks. Timers fire on the injected clock's time, and a clock that is not the
   * system's (a test's, or a corrected one) may jump: it is noticed within this long.
   */
  maxSleepMs?: number;
  retryMs?: number;
}

export class TimerQueue {
  readonly #heap = new DueHeap();
  readonly #clock: Clock;
  readonly #fire: (ids: number[]) => Promise<void>;
  readonly #log: Logger;
  readonly #batchSize: number;
  readonly #maxSleepMs: number;
  readonly #retryMs: number;
  #timer: NodeJS.Timeout | undefined;
  /** When the armed timer wakes, epoch ms; Infinity when none is armed. */
  #armedFor = Infinity;
  #running = false;
  #draining: Promise<void> | undefined;

  constructor(options: TimerQueueOptions) {
    this.#clock = options.clock;
    this.#fire = options.fire;
    this.#log = options.log;
    this.#batchSize = options.batchSize ?? 500;
    this.#maxSleepMs = options.maxSleepMs ?? 1000;
    this.#retryMs = options.retryMs ?? 5000;
  }

  get size(): number {
    return this.#heap.size;
  }

  /** Due time of the earliest pending id, epoch ms. */
  get nextAt(): number | null {
    return this.#heap.peekAt();
  }

  add(id: number, at: number): void {
    this.#heap.push(id, at);
    if (this.#running && !this.#draining && at < this.#armedFor) this.#arm();
  }

  start(): void {
    this.#running = true;
    this.#arm();
  }

  /** Stops arming; waits for a batch in flight, so nothing fires after this resolves. */
  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    this.#armedFor = Infinity;
    await this.#draining;
  }

  /**
   * Fires everything due by the clock's now. Runs never overlap: a call during a run waits for it and
   * then looks again, since the run may have passed its last look before the caller's now.
   */
  async drain(): Promise<void> {
    while (this.#draining) await this.#draining;
    this.#draining = this.#drainLoop().finally(() => {
      this.#draining = undefined;
      if (this.#running) this.#arm();
    });
    return this.#draining;
  }

  async #drainLoop(): Promise<void> {
    for (;;) {
      const now = this.#clock.now().getTime();
      const ids = this.#heap.popDue(now, this.#batchSize);
      if (ids.length === 0) return;
      try {
        await this.#fire(ids);
      } catch (err) {
        this.#log.error({ err, timers: ids.length }, 'firing timers failed; retrying');
        for (const id of ids) this.#heap.push(id, now + this.#retryMs);
        return;
      }
    }
  }

  #arm(): void {
    clearTimeout(this.#timer);
    const next = this.#heap.peekAt();
    const now = this.#clock.now().getTime();
    const delay = Math.min(Math.max(0, (next ?? Infinity) - now), this.#maxSleepMs);
    this.#armedFor = now + delay;
    this.#timer = setTimeout(() => {
      this.#armedFor = Infinity;
      void this.drain();
    }, delay);
    this.#timer.unref();
  }
}
