/**
 * A value kept in the process for a while: public pages read the same reference lists and counts on
 * every request, and asking PostgREST for them each time cost most of a page's time (issue 10 item
 * 21). The age of a value is counted from the moment its fetch started, so what a caller gets
 * never reflects the database as it was more than `ttlMs` ago. Callers that arrive while a fetch is
 * under way share it; a failed fetch is not kept (the next caller tries again).
 */
export interface ProcessCache<T> {
  /** The kept value while it is younger than the TTL; otherwise a fresh fetch (shared). */
  get(): Promise<T>;
  /** Drops the kept value: the next `get()` fetches (after a change made by this process). */
  forget(): void;
}

export function processCache<T>(
  ttlMs: number,
  fetch: () => Promise<T>,
  now: () => number = Date.now,
): ProcessCache<T> {
  let entry: { startedAt: number; value: Promise<T> } | undefined;
  return {
    get() {
      const t = now();
      if (entry && t - entry.startedAt < ttlMs) return entry.value;
      const current = { startedAt: t, value: Promise.resolve().then(fetch) };
      entry = current;
      current.value.catch(() => {
        if (entry === current) entry = undefined;
      });
      return current.value;
    },
    forget() {
      entry = undefined;
    },
  };
}

/** processCache per key (e.g. one employer's public figures), at most `maxKeys` kept (oldest dropped). */
export interface KeyedProcessCache<T> {
  get(key: string): Promise<T>;
  forget(key: string): void;
  /** Drops every key (a change whose keys the caller does not know). */
  forgetAll(): void;
}

export function keyedProcessCache<T>(
  ttlMs: number,
  fetch: (key: string) => Promise<T>,
  { maxKeys = 1000, now = Date.now }: { maxKeys?: number; now?: () => number } = {},
): KeyedProcessCache<T> {
  const caches = new Map<string, ProcessCache<T>>();
  return {
    get(key) {
      let cache = caches.get(key);
      if (!cache) {
        // a Map iterates in insertion order: the first key is the one kept longest
        if (caches.size >= maxKeys) caches.delete(caches.keys().next().value as string);
        cache = processCache(ttlMs, () => fetch(key), now);
        caches.set(key, cache);
      }
      return cache.get();
    },
    forget(key) {
      caches.delete(key);
    },
    forgetAll() {
      caches.clear();
    },
  };
}
