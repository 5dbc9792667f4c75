/**
 * better-auth's own HTTP endpoints that the app's pages need: the links in its letters. Nothing
 * else under /api/auth is handed to better-auth (hooks.server.ts): sign-up, sign-in, changes of
 * password or email, deletion and session endpoints answer 404, because those operations go
 * through the app's forms and server code, which record consent, create the profile and apply the
 * app's limits. An endpoint added by a better-auth upgrade stays closed until it is listed here.
 */
const EXPOSED: { method: string; path: RegExp }[] = [
  // the address-confirmation link (sign-up, change of email)
  { method: 'GET', path: /^\/api\/auth\/verify-email$/ },
  // the password-reset link: checks the token and redirects to /reset-password?token=…
  { method: 'GET', path: /^\/api\/auth\/reset-password\/[^/]+$/ },
];

export function isExposedAuthEndpoint(method: string, pathname: string): boolean {
  return EXPOSED.some((endpoint) => endpoint.method === method && endpoint.path.test(pathname));
}
