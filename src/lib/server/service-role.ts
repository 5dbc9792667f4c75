import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { config } from './config.ts';
import type { Database } from '../database.types.ts';

/**
 * The service-role client bypasses RLS. It exists for the worker and admin scripts only; nothing in
 * src/routes or src/hooks.server.ts may import this module (a lint rule and a test enforce it).
 */
export function serviceRoleClient(): SupabaseClient<Database> {
  const c = config();
  return createClient<Database>(c.supabaseUrl, c.supabaseServiceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
}
