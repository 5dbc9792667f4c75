/**
 * A short-lived in-process cache of the public pages as anonymous visitors see them (the landing
 * page, the search, postings, employers' and universities' pages): the same bytes for
 * everyone without a session, so rendering them once per few seconds instead of once per request
 * is what keeps the site up when a link to it goes round 20 000 students at once.
 *
 * What is kept: only answers 200 with an HTML body and no Set-Cookie, to GET requests without a
 * session cookie, for the routes in CACHED_ROUTES; at most `maxEntries` pages and `maxBytes` bytes
 * (the least recently used go first); each for `ttlMs` (PUBLIC_PAGE_CACHE_SECONDS, 0–10, default 10;
 * 0 turns the cache off) or, for a page of one record, three times that (CACHED_ROUTES). The Content-Security-Policy of the cached pages uses hashes of the inline
 * scripts, not nonces (svelte.config.js), so a page served twice carries no reusable secret.
 *
 * When it is emptied: at once when Postgres announces a change of what the pages show (channel
 * `public_pages`, change-listener.ts; statement triggers of migration 20261202000100 — also changes made by the worker,
 * another app process or an import), and after any successful form post of a signed-in
 * non-student (employers, universities, the administration) in this process. While the listener is
 * not connected nothing is served from the cache.
 *
 * The store lives on globalThis under a registered symbol so that the front server (server.js),
 * which answers hits before SvelteKit parses the request, reads the very same store as the
 * SvelteKit hook that fills it (they are bundled separately).
 */
import { subscribeToChanges } from './change-listener.ts';

/** One way of sending a kept page: its bytes and its headers as node's `writeHead` takes them. */
export interface PageVariant {
  body: Uint8Array;
  /** how the body is compressed (null: not at all) */
  encoding: PageEncoding | null;
  /** name, value, name, value… with content-length (and content-encoding when compressed) */
  rawHeaders: string[];
}

export interface CachedPage extends PageVariant {
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
  storedAt: number;
  expiresAt: number;
  /** the same page compressed, for visitors whose browser accepts it (every browser does) */
  encoded: Partial<Record<PageEncoding, PageVariant>>;
}

export type PageEncoding = 'br' | 'gzip';

/**
 * The encoding to send for an Accept-Encoding header: brotli, else gzip, else none (identity).
 * Tokens with q=0 are refused; `*` stands for both.
 */
export function chooseEncoding(acceptEncoding: string | null | undefined): PageEncoding | null {
  if (!acceptEncoding) return null;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [token, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    accepted.set(token.trim(), q === undefined ? 1 : Number(q));
  }
  const weight = (name: PageEncoding) => accepted.get(name) ?? accepted.get('*') ?? 0;
  const br = weight('br');
  const gzip = weight('gzip');
  if (br > 0 && br >= gzip) return 'br';
  return gzip > 0 ? 'gzip' : null;
}

/** How many periods of PUBLIC_PAGE_CACHE_SECONDS a page of one record is kept (CACHED_ROUTES). */
const RECORD_PAGE_PERIODS = 3;

/**
 * Route ids whose anonymous answer is the same for every visitor, and how long each is kept, in
 * multiples of PUBLIC_PAGE_CACHE_SECONDS. The landing page and the search show counts and
 * Meilisearch's answers, which follow a change a moment after Postgres announces it: one period.
 * A posting's, an employer's or a university's page is read from Postgres alone, and every change of
 * what it shows is announced (the cache is emptied at once), so time only ages it: three periods.
 */
export const CACHED_ROUTES: ReadonlyMap<string, number> = new Map([
  ['/(public)', 1],
  ['/(public)/opportunities', 1],
  ['/(public)/opportunities/[id]', RECORD_PAGE_PERIODS],
  ['/(public)/employers/[id]', RECORD_PAGE_PERIODS],
  ['/(public)/universities/[id]', RECORD_PAGE_PERIODS],
]);

/** The name of better-auth's session cookie ends so (with a `__Secure-` prefix over https). */
const SESSION_COOKIE = 'kp.session_token';

/** A request the cache may answer: GET, no session, not a form action or a data request. */
export function isAnonymousGet(method: string, cookieHeader: string | null | undefined): boolean {
  return method === 'GET' && !(cookieHeader ?? '').includes(SESSION_COOKIE);
}

/** The key of a page: its path and query as the URL parser normalizes them. */
export function pageKey(url: URL): string {
  return url.pathname + url.search;
}

export class PublicPageCache {
  readonly #pages = new Map<string, CachedPage>();
  /** pages being rendered by a request of this process, and when that render ends */
  readonly #rendering = new Map<string, Promise<void>>();
  #bytes = 0;
  /** false while no listener tells us about changes: then nothing is stored or served */
  listening = false;

  readonly ttlMs: number;
  /** how long past its time a page may still answer while it is being rendered anew */
  readonly staleMs: number;
  readonly maxEntries: number;
  readonly maxBytes: number;
  readonly now: () => number;

  constructor(
    ttlMs: number,
    maxEntries = 2_000,
    maxBytes = 64 * 1024 * 1024,
    now: () => number = Date.now,
    staleMs = Math.min(ttlMs, PUBLIC_PAGE_STALE_SECONDS * 1000),
  ) {
    this.ttlMs = ttlMs;
    this.staleMs = staleMs;
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
    this.now = now;
  }

  get enabled(): boolean {
    return this.ttlMs > 0 && this.listening;
  }

  /** The answer's `Age` header (RFC 9111): whole seconds since the page was rendered. */
  age(page: CachedPage): string {
    return String(Math.floor((this.now() - page.storedAt) / 1000));
  }

  get size(): number {
    return this.#pages.size;
  }

  /** The front server's question: a fresh page for this raw request, or undefined. */
  lookup(
    method: string | undefined,
    rawUrl: string | undefined,
    cookieHeader: string | undefined,
  ): CachedPage | undefined {
    if (!this.enabled || !rawUrl || !isAnonymousGet(method ?? '', cookieHeader)) return undefined;
    let url: URL;
    try {
      url = new URL(rawUrl, 'http://localhost');
    } catch {
      return undefined;
    }
    return this.get(pageKey(url));
  }

  /**
   * A page to answer with: a fresh one; or, while another request of this process is rendering it
   * anew, the one whose time has just run out (for at most `staleMs` more) — a page's time running
   * out does not mean anything changed (announced changes empty the cache), and a hot page must not
   * be rendered by every request that arrives while it is being rendered.
   */
  get(key: string): CachedPage | undefined {
    if (!this.enabled) return undefined;
    const page = this.#pages.get(key);
    if (!page) return undefined;
    const now = this.now();
    if (page.expiresAt > now) return page;
    if (page.expiresAt + this.staleMs <= now) {
      this.#delete(key, page);
      return undefined;
    }
    return this.#rendering.has(key) ? page : undefined;
  }

  /**
   * The request that is about to render `key` says so: until `done` is called, others asking for
   * the page get the one whose time just ran out (see `get`), or wait for this render (`rendered`).
   * Returns null when another request is rendering it already.
   */
  startRendering(key: string): { done: () => void } | null {
    if (this.#rendering.has(key)) return null;
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    this.#rendering.set(key, finished);
    return {
      done: () => {
        if (this.#rendering.get(key) === finished) this.#rendering.delete(key);
        done();
      },
    };
  }

  /** Resolves when the render of `key` under way ends (at once when none is; after `waitMs` at most). */
  rendered(key: string, waitMs = 2_000): Promise<void> {
    const finished = this.#rendering.get(key);
    if (!finished) return Promise.resolve();
    let timer: ReturnType<typeof setTimeout> | undefined;
    return Promise.race([
      finished,
      new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs))),
    ]).finally(() => clearTimeout(timer));
  }

  /** How to send a kept page to a visitor whose browser sent this Accept-Encoding. */
  variant(page: CachedPage, acceptEncoding: string | null | undefined): PageVariant {
    const encoding = chooseEncoding(acceptEncoding);
    return (encoding && page.encoded[encoding]) || page;
  }

  set(
    key: string,
    page: Pick<CachedPage, 'status' | 'headers' | 'body'> & {
      encoded?: Partial<Record<PageEncoding, Uint8Array>>;
    },
    since = this.generation,
    periods = 1,
  ): void {
    const size = pageBytes(page);
    if (!this.enabled || since !== this.generation || size > this.maxBytes / 16) return;
    const old = this.#pages.get(key);
    if (old) this.#delete(key, old);
    // a response that differs by Accept-Encoding says so, for any cache between us and the visitor
    const headers: [string, string][] = [
      ...page.headers.filter(([n]) => n !== 'vary'),
      ['vary', 'Accept-Encoding'],
    ];
    const rawHeaders = (extra: [string, string][], body: Uint8Array) =>
      [...headers, ...extra, ['content-length', String(body.byteLength)]].flat();
    const encoded: CachedPage['encoded'] = {};
    for (const [encoding, body] of Object.entries(page.encoded ?? {}) as [PageEncoding, Uint8Array][]) {
      encoded[encoding] = { body, encoding, rawHeaders: rawHeaders([['content-encoding', encoding]], body) };
    }
    const now = this.now();
    this.#pages.set(key, {
      status: page.status,
      headers,
      body: page.body,
      encoding: null,
      rawHeaders: rawHeaders([], page.body),
      encoded,
      storedAt: now,
      expiresAt: now + this.ttlMs * periods,
    });
    this.#bytes += size;
    // Map keeps insertion order: the first keys are the oldest
    for (const [oldest, value] of this.#pages) {
      if (this.#pages.size <= this.maxEntries && this.#bytes <= this.maxBytes) break;
      this.#delete(oldest, value);
    }
  }

  /** Bumped by every clear: a page rendered from data read before it is not kept (`set`'s `since`). */
  generation = 0;

  clear(): void {
    this.generation++;
    // renders under way go on (and are not kept: `since`); nobody keeps waiting for them
    this.#pages.clear();
    this.#bytes = 0;
  }

  #delete(key: string, page: CachedPage): void {
    this.#pages.delete(key);
    this.#bytes -= pageBytes({ body: page.body, encoded: page.encoded });
  }
}

/** A page's bytes in all its forms. */
function pageBytes(page: {
  body: Uint8Array;
  encoded?: Partial<Record<PageEncoding, Uint8Array | PageVariant>>;
}): number {
  let bytes = page.body.byteLength;
  for (const v of Object.values(page.encoded ?? {}))
    bytes += (v instanceof Uint8Array ? v : v.body).byteLength;
  return bytes;
}

const STORE = Symbol.for('kemerovo-profi.public-page-cache');
type WithStore = typeof globalThis & { [STORE]?: PublicPageCache };

/** The process's cache (created on first use with PUBLIC_PAGE_CACHE_SECONDS). */
export function publicPageCache(): PublicPageCache {
  const holder = globalThis as WithStore;
  return (holder[STORE] ??= new PublicPageCache(cacheSeconds() * 1000));
}

/** PUBLIC_PAGE_CACHE_SECONDS at most: the landing page and the search are kept that long, records' pages three times it. */
export const PUBLIC_PAGE_CACHE_MAX_SECONDS = 10;
/** How long past that a kept page may still answer while the same page is being rendered anew. */
export const PUBLIC_PAGE_STALE_SECONDS = 5;
/**
 * The oldest a page served from the cache can be. The public figures inside a page have caches of
 * their own (counts, response rates: 60 s minus this), so what a visitor sees is never more than
 * 60 s behind.
 */
export const PUBLIC_PAGE_MAX_AGE_SECONDS =
  PUBLIC_PAGE_CACHE_MAX_SECONDS * RECORD_PAGE_PERIODS + PUBLIC_PAGE_STALE_SECONDS;

function cacheSeconds(): number {
  const raw = process.env.PUBLIC_PAGE_CACHE_SECONDS;
  if (raw === undefined || raw === '') return PUBLIC_PAGE_CACHE_MAX_SECONDS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > PUBLIC_PAGE_CACHE_MAX_SECONDS) {
    throw new Error(
      `PUBLIC_PAGE_CACHE_SECONDS — целое число секунд от 0 до ${PUBLIC_PAGE_CACHE_MAX_SECONDS}`,
    );
  }
  return value;
}

/** Empties the cache on every announced change of public data; stops it while nobody listens. */
subscribeToChanges({
  channels: ['public_pages'],
  onChange: () => publicPageCache().clear(),
  onListening: (listening) => {
    const cache = publicPageCache();
    cache.listening = listening;
    cache.clear();
  },
});
