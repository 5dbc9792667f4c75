import type { Supabase } from '../supabase.ts';

/**
 * One-click unsubscribe by the token of an alert's link (no account needed): deletes that saved
 * search. Returns its name, or null when the token is unknown (already unsubscribed, or mistyped).
 */
export async function unsubscribeSavedSearch(supabase: Supabase, token: string): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{32,200}$/.test(token)) return null;
  const { data, error } = await supabase.rpc('unsubscribe_saved_search', { p_token: token });
  if (error) throw new Error(`unsubscribe: ${error.message}`);
  return data ?? null;
}
