import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { config } from './config.ts';
import { mintAccessToken, type AccessClaims } from './jwt.ts';
import type { Database } from '../database.types.ts';

export type Supabase = SupabaseClient<Database>;

const clientOptions = {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
} as const;

/** A client that acts as nobody: role `anon`, which reads only public rows. */
export function anonClient(): Supabase {
  const c = config();
  return createClient<Database>(c.supabaseUrl, c.supabaseAnonKey, clientOptions);
}

/** A client that acts as this person: every query runs under RLS with their auth.uid(). */
export async function userClient(claims: AccessClaims): Promise<Supabase> {
  const c = config();
  const token = await mintAccessToken(claims);
  return createClient<Database>(c.supabaseUrl, c.supabaseAnonKey, {
    ...clientOptions,
    global: { headers: { Authorization: `Bearer ${token}` } },
  });
}
