import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    adapter: adapter({ out: 'build' }),
    // SvelteKit's origin check for form POSTs is off: it runs before any hook and cannot exempt the
    // RFC 8058 one-click unsubscribe that mail providers POST from their servers. The same check,
    // with that one exemption, is the first handle in src/hooks.server.ts (src/lib/server/csrf.ts).
    csrf: { trustedOrigins: ['*'] },
    alias: { $tests: 'tests' },
  },
};

export default config;
