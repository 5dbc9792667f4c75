import { json, text, type Handle } from '@sveltejs/kit';

/**
 * Cross-site form protection: our copy of SvelteKit's own origin check (turned off in
 * svelte.config.js with `csrf.trustedOrigins: ['*']`), because that one runs before any hook and
 * cannot let a single route through.
 *
 * Like SvelteKit's, it refuses a POST, PUT, PATCH or DELETE whose body is a form (the content types
 * a page on another site can send without a CORS preflight) when the request's Origin is missing or
 * is not the app's own origin (`url.origin`, from ORIGIN in production).
 *
 * Unlike SvelteKit's, it also runs under `vite dev`, so development and tests see the same 403 as
 * production does.
 */

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const FORM_CONTENT_TYPES = new Set([
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
  // SvelteKit's binary encoding of remote-function forms; its own check covers it too
  'application/x-sveltekit-formdata',
]);

export const CROSS_SITE_FORM_MESSAGE = 'Отправка формы с другого сайта запрещена';

/**
 * The one exemption: RFC 8058 one-click unsubscribe. Mail providers (Gmail, Яндекс, Mail.ru) POST
 * `List-Unsubscribe=One-Click` to the link of an alert's List-Unsubscribe header from their own
 * servers, with no Origin or their own, and no cookies. That request cannot come from our origin,
 * and needs none of what the check protects: the unguessable token in the path is its only
 * authority (the route deletes the saved search that token belongs to, with no session). Exactly
 * `POST /unsubscribe/<token>`: nothing under it, no other method.
 */
const ONE_CLICK_UNSUBSCRIBE_PATH = /^\/unsubscribe\/[A-Za-z0-9_-]+$/;

function isFormContentType(request: Request): boolean {
  const type = request.headers.get('content-type')?.split(';', 1)[0].trim().toLowerCase() ?? '';
  return FORM_CONTENT_TYPES.has(type);
}

function isOneClickUnsubscribe(method: string, pathname: string): boolean {
  return method === 'POST' && ONE_CLICK_UNSUBSCRIBE_PATH.test(pathname);
}

/** Refuses cross-site form submissions with 403 before anything else sees them (first in sequence). */
export const handleCrossSiteForms: Handle = ({ event, resolve }) => {
  const { request, url } = event;
  const forbidden =
    UNSAFE_METHODS.has(request.method) &&
    isFormContentType(request) &&
    request.headers.get('origin') !== url.origin &&
    !isOneClickUnsubscribe(request.method, url.pathname);
  if (!forbidden) return resolve(event);

  if (request.headers.get('accept') === 'application/json') {
    return json({ message: CROSS_SITE_FORM_MESSAGE }, { status: 403 });
  }
  return text(CROSS_SITE_FORM_MESSAGE, { status: 403 });
};
