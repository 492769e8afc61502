// What a page does when the server refuses its socket or drops it for good: a lost session goes to the
// login; anything else (a restart, a proxy hiccup) is tried again a few seconds later.
import { fetchMe } from '$lib/api/http';

const RETRY_MS = 3000;

export interface RefusalHandler {
  onRefused(reason: string): void;
  /** Cancels a pending retry (the page is going away). */
  stop(): void;
}

export function retryUnlessSignedOut(retry: () => void, signedOut: () => Promise<void>): RefusalHandler {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    onRefused(reason) {
      void fetchMe(fetch).then(async (me) => {
        if (me.ok && me.data === null) {
          await signedOut();
          return;
        }
        console.warn('socket refused, retrying', reason);
        clearTimeout(timer);
        timer = setTimeout(retry, RETRY_MS);
      });
    },
    stop: () => clearTimeout(timer)
  };
}
