// One clock for every countdown on a page. Views derive what they show from due times and `now.ms`;
// nothing counts ticks, so a tab that slept, a timer that fired late or a socket that reconnected shows
// the right time at its first tick.

export class Now {
  #read: () => number;
  #ms = $state(0);

  /**
   * `read` is the clock; tests pass a fake one and call `update()`. `Date.now` is looked up at each read,
   * not kept, so a clock put in place later (a browser test's) is the one read.
   */
  constructor(read: () => number = () => Date.now()) {
    this.#read = read;
    this.#ms = read();
  }

  get ms(): number {
    return this.#ms;
  }

  update(): void {
    this.#ms = this.#read();
  }

  /**
   * Ticks every `intervalMs`, and at once when the tab comes back into view (a hidden tab's timers are
   * throttled, so waiting for the next one would show a stale time for a moment). Returns the stop.
   */
  start(intervalMs = 1000): () => void {
    const timer = setInterval(() => this.update(), intervalMs);
    const onVisible = () => {
      if (document.visibilityState === 'visible') this.update();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }
}
