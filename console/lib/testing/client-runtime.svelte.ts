// Test support only. Component and effect tests need Svelte's browser runtime; under Vitest that takes
// `resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined` in vite.config.ts (as the Svelte
// testing docs recommend). Without it, 'svelte' resolves to its server build and effects never run.
import { flushSync } from 'svelte';

export function hasSvelteClientRuntime(): boolean {
  let ran = false;
  try {
    const stop = $effect.root(() => {
      $effect(() => {
        ran = true;
      });
    });
    flushSync();
    stop();
  } catch {
    return false;
  }
  return ran;
}

export const CLIENT_RUNTIME_HINT =
  "needs Svelte's browser runtime: add resolve: { conditions: ['browser'] } under VITEST in vite.config.ts";
