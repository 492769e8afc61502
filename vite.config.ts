import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/socket.io': { target: 'ws://127.0.0.1:3000', ws: true } }
  },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      { extends: true, test: { name: 'server', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**'] } },
      // A real browser on a real server: the first page of a run loads thousands of technicians on two cores.
      { extends: true, test: { name: 'browser', include: ['test/e2e/**/*.test.ts'], testTimeout: 180_000 } },
      // Component tests need Svelte's browser runtime, not the server one.
      {
        extends: true,
        resolve: { conditions: ['browser'] },
        test: { name: 'console', include: ['console/**/*.spec.ts'] }
      }
    ]
  }
});
