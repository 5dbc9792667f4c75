import { Meilisearch, MeilisearchRequestError } from 'meilisearch';
import { config } from '../config.ts';

/** The index of public opportunities. Server-only: these clients hold the master key. */
export const OPPORTUNITIES_INDEX = 'opportunities';

/** Search answers within this or the request falls back to Postgres. */
export const SEARCH_TIMEOUT_MS = 800;
/** Indexing, settings and reconciliation calls. */
export const ADMIN_TIMEOUT_MS = 10_000;

export interface MeiliTarget {
  url: string;
  apiKey: string;
}

/**
 * Headers of every request to Meilisearch. `accept-encoding: identity`: Meilisearch streams a
 * compressed response in pieces, and on a kept-alive connection the last piece waits for the
 * client's delayed ACK (Nagle), about 40 ms a request. Node's fetch asks for gzip/br by default;
 * uncompressed answers take 2–4 ms on loopback. Measured by `npm run bench:search`.
 */
export const MEILI_HEADERS: Readonly<Record<string, string>> = { 'accept-encoding': 'identity' };

/** A new Meilisearch client (the master key: server-only) with MEILI_HEADERS. */
export function createMeiliClient(target: MeiliTarget, timeout: number): Meilisearch {
  return new Meilisearch({
    host: target.url,
    apiKey: target.apiKey,
    timeout,
    requestInit: { headers: { ...MEILI_HEADERS } },
  });
}

const clients = new Map<string, Meilisearch>();

/**
 * A Meilisearch client with the master key, one per (url, key, timeout) and reused, so requests go
 * over kept-alive connections (Node's fetch pools them per origin).
 */
export function meiliClient(options: { timeoutMs?: number; target?: MeiliTarget } = {}): Meilisearch {
  const target = options.target ?? {
    url: config().meilisearchUrl,
    apiKey: config().meilisearchMasterKey,
  };
  const timeout = options.timeoutMs ?? ADMIN_TIMEOUT_MS;
  const key = `${target.url}\n${target.apiKey}\n${timeout}`;
  let client = clients.get(key);
  if (!client) {
    client = createMeiliClient(target, timeout);
    clients.set(key, client);
  }
  return client;
}

/**
 * Whether an error means Meilisearch could not be reached at all (connection refused, reset, DNS,
 * timeout) rather than that it answered with an error.
 */
export function isMeiliUnreachable(err: unknown): boolean {
  return err instanceof MeilisearchRequestError;
}
