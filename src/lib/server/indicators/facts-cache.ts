import { config } from '../config.ts';

/**
 * The indicators' numbers kept in this process for a short while (issue 9: «numbers are never cached
 * longer than 60 seconds behind the records»). Computing every indicator over the city's records
 * takes long enough that the dashboard, its print view, the passport and the public /results page
 * share one computation per period instead of running it on every request.
 *
 * The age of a value counts from the moment its computation STARTED, so a number read from here never
 * reflects the records as they were more than `ttlMs` ago (INDICATORS_CACHE_SECONDS, 30 s by
 * default: well inside the 60 s promise even when a computation itself takes seconds; 0 keeps
 * nothing). Callers that arrive while a computation is
 * under way share it; a failed one is not kept. Changes made through this process (an import, its
 * undo, plans, student numbers, a vacancy snapshot, a new period) clear everything at once; changes
 * made elsewhere (the worker, another instance) are seen when the TTL runs out.
 *
 * The key says whose numbers they are: `indicator_values` (read by administrators, with details) and
 * `indicator_results` (public aggregates) are never mixed.
 */
export interface FactsCache {
  /** The kept value of `key` while it is younger than the TTL; otherwise `load()` (shared). */
  get<T>(key: string, load: () => Promise<T>): Promise<T>;
  /** Forgets every kept value: the next read computes from the records. */
  clear(): void;
}

/** The default TTL; the process's own cache takes INDICATORS_CACHE_SECONDS. */
export const FACTS_TTL_MS = 30_000;
/** At most this many keys (periods × sources × filters) are kept; the oldest goes first. */
const MAX_KEYS = 200;

export function createFactsCache({
  ttlMs = FACTS_TTL_MS,
  now = Date.now,
}: { ttlMs?: number; now?: () => number } = {}): FactsCache {
  if (!(ttlMs >= 0 && ttlMs <= 60_000)) throw new Error('ttlMs: от 0 до 60 с');
  const entries = new Map<string, { startedAt: number; value: Promise<unknown> }>();
  return {
    get<T>(key: string, load: () => Promise<T>): Promise<T> {
      const t = now();
      const kept = entries.get(key);
      if (kept && t - kept.startedAt < ttlMs && t >= kept.startedAt) return kept.value as Promise<T>;
      entries.delete(key);
      if (entries.size >= MAX_KEYS) {
        for (const [k, e] of entries) if (t - e.startedAt >= ttlMs) entries.delete(k);
        // a Map iterates in insertion order: the first key is the oldest
        if (entries.size >= MAX_KEYS) entries.delete(entries.keys().next().value as string);
      }
      const entry = { startedAt: t, value: Promise.resolve().then(load) };
      entries.set(key, entry);
      entry.value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      return entry.value;
    },
    clear() {
      entries.clear();
    },
  };
}

let processCache: FactsCache | undefined;

/** The process's own cache of the indicators' numbers. */
export function indicatorFactsCache(): FactsCache {
  processCache ??= createFactsCache({ ttlMs: config().indicatorsCacheSeconds * 1000 });
  return processCache;
}

/** After a change of records, plans or student numbers made by this process. */
export function forgetIndicatorFacts(): void {
  processCache?.clear();
}
