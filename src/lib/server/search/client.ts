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
    client = new Meilisearch({ host: target.url, apiKey: target.apiKey, timeout });
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
