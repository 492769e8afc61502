import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build' }),
    files: {
      src: 'console',
      routes: 'console/routes',
      lib: 'console/lib',
      assets: 'console/static',
      appTemplate: 'console/app.html',
      errorTemplate: 'console/error.html',
      hooks: { client: 'console/hooks.client', server: 'console/hooks.server', universal: 'console/hooks' },
      params: 'console/params',
      serviceWorker: 'console/service-worker'
    },
    alias: { $realtime: 'realtime' }
  }
};
