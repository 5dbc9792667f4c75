import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { config } from './config.ts';
import { mintAccessToken, type AccessClaims } from './jwt.ts';
import { dataApiFetch } from './data-api-fetch.ts';
import type { Database } from '../database.types.ts';

export type Supabase = SupabaseClient<Database>;

/**
 * supabase-js as the server uses it: no session of its own (the server says who is asking), and
 * its requests sent by dataApiFetch (node:http on kept-alive connections, straight to PostgREST when
 * POSTGREST_URL is set).
 */
const clientOptions = {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
} as const;

let anon: { url: string; key: string; client: Supabase } | undefined;

/**
 * A client that acts as nobody: role `anon`, which reads only public rows. It holds no session, so
 * one client serves every anonymous request of the process (building one per request showed up in
 * profiles of the public pages).
 */
export function anonClient(): Supabase {
  const c = config();
  if (anon?.url !== c.supabaseUrl || anon.key !== c.supabaseAnonKey) {
    anon = {
      url: c.supabaseUrl,
      key: c.supabaseAnonKey,
      client: createClient<Database>(c.supabaseUrl, c.supabaseAnonKey, {
        ...clientOptions,
        global: { fetch: dataApiFetch },
      }),
    };
  }
  return anon.client;
}

/**
 * A client that acts as this person: every query runs under RLS with their auth.uid(). The token is
 * given as supabase-js's third-party-auth `accessToken` (the server's own JWT, minted here): the
 * client then builds no GoTrue auth client of its own, which halved the cost of a client per request.
 */
export async function userClient(claims: AccessClaims): Promise<Supabase> {
  const c = config();
  const token = Promise.resolve(mintAccessToken(claims));
  return createClient<Database>(c.supabaseUrl, c.supabaseAnonKey, {
    ...clientOptions,
    accessToken: () => token,
    global: { fetch: dataApiFetch },
  });
}
