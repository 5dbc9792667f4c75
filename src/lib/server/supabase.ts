import { PostgrestClient } from '@supabase/postgrest-js';
import type { SupabaseClient } from '@supabase/supabase-js';
import { config } from './config.ts';
import { mintAccessToken, type AccessClaims } from './jwt.ts';
import { postgrestFetch } from './postgrest-fetch.ts';
import type { Database } from '../database.types.ts';

/**
 * What the app asks of Supabase on a person's behalf: tables, views and functions through PostgREST
 * (`from`, `rpc`, `schema`) — the same calls whether the client is supabase-js's whole client (the
 * worker's service role, tests) or the lean PostgREST client of a request (userClient).
 */
export type Supabase = Pick<SupabaseClient<Database>, 'from' | 'rpc' | 'schema'>;

let anon: { url: string; key: string; client: Supabase } | undefined;

/**
 * A client that acts as nobody: role `anon`, which reads only public rows. It holds no session, so
 * one client serves every anonymous request of the process.
 */
export function anonClient(): Supabase {
  const c = config();
  if (anon?.url !== c.postgrestUrl || anon.key !== c.supabaseAnonKey) {
    anon = { url: c.postgrestUrl, key: c.supabaseAnonKey, client: postgrest(c.supabaseAnonKey) };
  }
  return anon.client;
}

/** A client that acts as this person: every query runs under RLS with their auth.uid(). */
export async function userClient(claims: AccessClaims): Promise<Supabase> {
  return postgrest(mintAccessToken(claims));
}

/**
 * PostgREST's own client with the headers supabase-js sends (`apikey`, the bearer token): the app's
 * requests need nothing else of supabase-js, whose whole client (auth, storage, realtime, functions)
 * cost more to build per request than the request's own query; and node:http instead of the global
 * fetch (postgrest-fetch.ts). It talks to POSTGREST_URL when set
 * (the embedded stack: PostgREST itself, not through the /rest/v1 gateway), else to
 * SUPABASE_URL/rest/v1.
 */
function postgrest(bearer: string): Supabase {
  const c = config();
  return new PostgrestClient<Database>(c.postgrestUrl, {
    headers: { apikey: c.supabaseAnonKey, Authorization: `Bearer ${bearer}` },
    fetch: postgrestFetch,
  });
}
