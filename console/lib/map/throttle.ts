/**
 * Runs `fn` at most once per `intervalMs`: the first request runs on the next tick, requests during the
 * wait collapse into one trailing run. When `fn` returns a promise, the next run also waits for it to
 * settle, so a slow consumer (maplibre's worker on a weak wall PC) is never handed a queue of updates.
 * Used to cap `setData` at a few calls per second.
 */
export function createThrottle(fn: () => void | Promise<unknown>, intervalMs: number | (() => number)) {
  const interval = typeof intervalMs === 'number' ? () => intervalMs : intervalMs;
  let last = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  let requested = false;
  let cancelled = false;

  const schedule = () => {
    const wait = Math.max(0, last + interval() - Date.now());
    timer = setTimeout(run, wait);
  };

  const run = () => {
    timer = null;
    requested = false;
    last = Date.now();
    let result: void | Promise<unknown>;
    try {
      result = fn();
    } catch (err) {
      console.error(err);
      return;
    }
    if (!(result instanceof Promise)) return;
    running = true;
    const done = () => {
      running = false;
      if (requested && !cancelled && timer === null) schedule();
    };
    result.then(done, done);
  };

  return {
    request(): void {
      cancelled = false;
      requested = true;
      if (timer !== null || running) return;
      schedule();
    },
    cancel(): void {
      cancelled = true;
      requested = false;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    }
  };
}
