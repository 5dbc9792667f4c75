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
    // Content-Security-Policy of every page: SvelteKit adds the sha256 hash of its own inline
    // script (hydration) to script-src; nothing else may run. Hashes, not nonces: the public pages
    // are kept a few seconds for anonymous visitors (src/lib/server/public-page-cache.ts), and a
    // nonce served twice would be no secret. Styles allow 'unsafe-inline' for style
    // attributes (app.html, components) and Vite's dev-mode <style> tags. No other site may frame a
    // page (clickjacking of the forms). The headers of every response: src/lib/server/security-headers.ts.
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
};

export default config;
