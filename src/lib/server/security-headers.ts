import type { Handle } from '@sveltejs/kit';

/**
 * Headers every response of the app carries (pages get their Content-Security-Policy, with hashes
 * for SvelteKit's inline scripts, from `kit.csp` in svelte.config.js):
 * - no other site may frame a page (clickjacking of the forms): X-Frame-Options for old browsers,
 *   and `frame-ancestors 'none'` on responses that have no policy of their own (endpoints, the
 *   static error page);
 * - no content sniffing; the full address (tokens of letters' links) stays on the site;
 * - HSTS when the public address (ORIGIN) is https: over plain http browsers ignore it, and a
 *   development stack on http://127.0.0.1 must not pin loopback to https.
 */
export function securityHeaders(appUrl: string): Record<string, string> {
  const headers: Record<string, string> = {
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
  };
  if (new URL(appUrl).protocol === 'https:') {
    headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
  }
  return headers;
}

/** The policy of responses that SvelteKit's `kit.csp` does not cover. */
export const FALLBACK_CSP = "frame-ancestors 'none'";

/** Adds the headers; a response with immutable headers (Response.redirect, fetch) is copied first. */
export function withSecurityHeaders(response: Response, headers: Record<string, string>): Response {
  let target = response;
  try {
    target.headers.set('x-frame-options', headers['x-frame-options']);
  } catch {
    target = new Response(response.body, response);
  }
  for (const [name, value] of Object.entries(headers)) target.headers.set(name, value);
  if (!target.headers.has('content-security-policy'))
    target.headers.set('content-security-policy', FALLBACK_CSP);
  return target;
}

/** The first handle: every response, also those a later handle answers itself, gets the headers. */
export function handleSecurityHeaders(appUrl: () => string): Handle {
  let headers: Record<string, string> | undefined;
  return async ({ event, resolve }) => {
    headers ??= securityHeaders(appUrl());
    return withSecurityHeaders(await resolve(event), headers);
  };
}
