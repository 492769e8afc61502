/**
 * Which rotation panel is on screen and how far its turn has gone. Time is read, not counted: the
 * progress is derived from when the panel came up, so a late timer or a slept tab never drifts.
 * Pausing keeps the elapsed time; stepping by hand starts the new panel's full turn.
 */
export class RotationClock {
  readonly count: number;
  readonly everyMs: number;
  #read: () => number;
  #index = $state(0);
  #startedAt = $state(0);
  /** Elapsed time frozen by a pause; null while running. */
  #pausedElapsed = $state<number | null>(null);
  #now = $state(0);

  constructor(count: number, everySeconds: number, read: () => number = () => Date.now()) {
    this.count = Math.max(1, count);
    this.everyMs = everySeconds * 1000;
    this.#read = read;
    this.#now = read();
    this.#startedAt = this.#now;
  }

  get index(): number {
    return this.#index;
  }
  get nextIndex(): number {
    return (this.#index + 1) % this.count;
  }
  get paused(): boolean {
    return this.#pausedElapsed !== null;
  }
  /** 0 when the panel came up, 1 when the next one is due. */
  get progress(): number {
    const elapsed = this.#pausedElapsed ?? this.#now - this.#startedAt;
    return Math.min(1, Math.max(0, elapsed / this.everyMs));
  }

  /** Reads the clock; moves on when the turn is over. */
  tick(): void {
    this.#now = this.#read();
    if (this.#pausedElapsed === null && this.#now - this.#startedAt >= this.everyMs) this.step(1);
  }

  step(delta: number): void {
    this.#index = (((this.#index + delta) % this.count) + this.count) % this.count;
    this.#now = this.#read();
    this.#startedAt = this.#now;
    if (this.#pausedElapsed !== null) this.#pausedElapsed = 0;
  }

  togglePause(): void {
    this.#now = this.#read();
    if (this.#pausedElapsed === null) this.#pausedElapsed = this.#now - this.#startedAt;
    else {
      this.#startedAt = this.#now - this.#pausedElapsed;
      this.#pausedElapsed = null;
    }
  }

  /** Ticks a few times a second (the progress bar moves smoothly enough); returns the stop. */
  start(intervalMs = 250): () => void {
    const timer = setInterval(() => this.tick(), intervalMs);
    return () => clearInterval(timer);
  }
}
