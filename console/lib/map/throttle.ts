/**
 * Runs `fn` at most once per `intervalMs`: the first request runs on the next tick, requests during the
 * wait collapse into one trailing run. Used to cap `setData` at a few calls per second.
 */
export function createThrottle(fn: () => void, intervalMs: number | (() => number)) {
  const interval = typeof intervalMs === 'number' ? () => intervalMs : intervalMs;
  let last = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const run = () => {
    timer = null;
    last = Date.now();
    fn();
  };

  return {
    request(): void {
      if (timer !== null) return;
      const wait = Math.max(0, last + interval() - Date.now());
      timer = setTimeout(run, wait);
    },
    cancel(): void {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    }
  };
}
