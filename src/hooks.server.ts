import { building } from '$app/environment';
import {
  demoPasswordRefusal,
  findDemoPasswordAccounts,
} from '$lib/server/accounts/find-demo-password-accounts';
import { auth } from '$lib/server/auth';
import { isExposedAuthEndpoint } from '$lib/server/auth/exposed-endpoints';
import { requestMeta } from '$lib/server/accounts/request-meta';
import { config } from '$lib/server/config';
import { handleCrossSiteForms } from '$lib/server/csrf';
import { handleMalformedInput } from '$lib/server/malformed-input';
import { handleSecurityHeaders } from '$lib/server/security-headers';
import { listenForChanges } from '$lib/server/change-listener';
import {
  CACHED_ROUTES,
  isAnonymousGet,
  pageKey,
  publicPageCache,
  type CachedPage,
  type PublicPageCache,
} from '$lib/server/public-page-cache';
import { signedInPerson } from '$lib/server/session';
import { closeDb, db } from '$lib/server/db';
import { anonClient } from '$lib/server/supabase';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';

/**
 * The production app (NODE_ENV=production) does not start while a demo log-in with the published
 * password exists, nor when it cannot check: one Russian line naming the fix, exit code 1.
 */
export const init: ServerInit = async () => {
  // read at run time: the build must not fold NODE_ENV into a constant
  const env = process.env;
  if (building) return;
  // a wrong PUBLIC_PAGE_CACHE_SECONDS stops the start, not the first visitor's request
  publicPageCache();
  // the caches of public pages and of signed-in people hear of changes from here on
  void listenForChanges(config().databaseUrl);
  // on SIGTERM (adapter-node or server.js) the idle connections must not keep the process up
  process.once('sveltekit:shutdown' as 'beforeExit', () => void closeDb().catch(() => {}));
  if (env.NODE_ENV !== 'production') return;
  let refusal: string | null;
  try {
    refusal = demoPasswordRefusal(await findDemoPasswordAccounts(db()));
  } catch (err) {
    const e = err as Error & { code?: string };
    refusal = `не удалось проверить демо-учётные записи в базе: ${e.message || e.code || String(err)}`;
  }
  if (!refusal) return;
  process.stderr.write(`Ошибка: ${refusal}\n`);
  process.exit(1);
};

/** The links of better-auth's letters (exposed-endpoints.ts); the rest of /api/auth is a 404. */
const handleAuthEndpoints: Handle = ({ event, resolve }) => {
  if (building || !isExposedAuthEndpoint(event.request.method, event.url.pathname)) return resolve(event);
  // better-auth learns the client's address from the app (client-address.ts), not from the client.
  return auth().handler(new Request(event.request, { headers: requestMeta(event).headers }));
};

/** Who is asking, and a PostgREST client that acts as them (session.ts). */
const handlePerson: Handle = async ({ event, resolve }) => {
  event.locals.person = null;
  event.locals.supabase = anonClient();
  // Most requests (search, public pages) come without a session: no session lookup for them.
  if (!event.cookies.getAll().some((c) => c.name.endsWith('kp.session_token'))) return resolve(event);
  const signedIn = await signedInPerson(event.cookies, event.request.headers);
  if (signedIn) {
    event.locals.person = signedIn.person;
    event.locals.supabase = signedIn.supabase;
  }
  return resolve(event);
};

/** Pages are personal: never let a shared cache keep them. */
const handleCaching: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  if (event.locals.person) response.headers.set('cache-control', 'private, no-store');
  return response;
};

/**
 * The public pages as anonymous visitors see them, kept a few seconds (public-page-cache.ts): the
 * first handle, so that what is kept carries every header the later handles add. Successful form
 * posts of staff (employers, universities, the administration) empty it: they change what the
 * public pages show.
 */
const handlePublicPageCache: Handle = async ({ event, resolve }) => {
  const cache = publicPageCache();
  const { method } = event.request;
  const cacheable =
    !building &&
    cache.ttlMs > 0 &&
    !event.isDataRequest &&
    event.route.id !== null &&
    CACHED_ROUTES.has(event.route.id) &&
    isAnonymousGet(method, event.request.headers.get('cookie'));
  if (!cacheable) {
    const response = await resolve(event);
    const role = event.locals.person?.role;
    if (
      method !== 'GET' &&
      method !== 'HEAD' &&
      response.status < 400 &&
      role &&
      role !== 'student' &&
      role !== 'graduate'
    ) {
      cache.clear();
    }
    return response;
  }
  const key = pageKey(event.url);
  let hit = cache.get(key);
  // the same page being rendered by another request (a page nobody has yet, or whose time ran out
  // a while ago): wait for that render instead of rendering it again; when it gave nothing to keep
  // (not a 200 page, or a change was announced meanwhile), render it here
  const rendering = hit || !cache.enabled ? null : cache.startRendering(key);
  if (!hit && !rendering && cache.enabled) {
    await cache.rendered(key);
    hit = cache.get(key);
  }
  if (hit) return cachedResponse(cache, hit, event.request.headers.get('accept-encoding'));
  try {
    const generation = cache.generation;
    const response = await resolve(event);
    if (
      !cache.enabled ||
      response.status !== 200 ||
      response.headers.has('set-cookie') ||
      !response.headers.get('content-type')?.startsWith('text/html')
    ) {
      return response;
    }
    const body = new Uint8Array(await response.arrayBuffer());
    const headers = [...response.headers].filter(([name]) => name !== 'date' && name !== 'content-length');
    // compressed once here, in libuv's threads, and sent so to every browser that accepts it
    const [br, gzip] = await Promise.all([compressBrotli(body), compressGzip(body)]);
    // not kept when a change was announced while it rendered
    cache.set(
      key,
      { status: 200, headers, body, encoded: { br, gzip } },
      generation,
      CACHED_ROUTES.get(event.route.id!) ?? 1,
    );
    response.headers.append('vary', 'Accept-Encoding');
    return new Response(body, { status: 200, headers: response.headers });
  } finally {
    rendering?.done();
  }
};

/** A kept page as a Response, compressed when the browser accepts it. */
function cachedResponse(cache: PublicPageCache, page: CachedPage, acceptEncoding: string | null) {
  const variant = cache.variant(page, acceptEncoding);
  const headers = new Headers(page.headers);
  if (variant.encoding) headers.set('content-encoding', variant.encoding);
  headers.set('age', cache.age(page));
  return new Response(variant.body as Uint8Array<ArrayBuffer>, { status: page.status, headers });
}

const compressBrotli = (body: Uint8Array) =>
  promisify(brotliCompress)(body, {
    params: {
      // quality 5: most of brotli's gain on HTML at a small part of the time of its best (11)
      [zlibConstants.BROTLI_PARAM_QUALITY]: 5,
      [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
      [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
    },
  }).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
const compressGzip = (body: Uint8Array) =>
  promisify(gzip)(body, { level: 6 }).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));

export const handle = sequence(
  handleMalformedInput,
  handlePublicPageCache,
  handleSecurityHeaders(() => config().appUrl),
  handleCrossSiteForms,
  handleAuthEndpoints,
  handlePerson,
  handleCaching,
);

export const handleError: HandleServerError = ({ error, status }) => {
  // a 4xx (a wrong address, a body that is no form) is the client's; only our own failures are logged
  if (status >= 500) console.error(error);
  return {
    message:
      status === 404
        ? 'Страница не найдена'
        : status < 500
          ? 'Запрос не удалось обработать: проверьте адрес или откройте страницу заново.'
          : 'Что-то пошло не так. Мы уже разбираемся — попробуйте позже.',
  };
};
