import type { Supabase } from '../supabase.ts';
import type { AlertFrequency } from '../../schemas/saved-search.ts';

export interface SavedSearchRow {
  id: string;
  name: string;
  query: string;
  frequency: AlertFrequency;
  last_sent_at: string | null;
  created_at: string;
}

/** The person's own saved searches, newest first (RLS: own rows only). */
export async function listSavedSearches(supabase: Supabase): Promise<SavedSearchRow[]> {
  const { data, error } = await supabase
    .from('saved_searches')
    .select('id, name, query, frequency, last_sent_at, created_at')
    .order('created_at', { ascending: false });
  if (error) throw new Error(`saved searches: ${error.message}`);
  return data as SavedSearchRow[];
}

/** Changes how often the alerts come; false when the search is not the person's (or gone). */
export async function setAlertFrequency(supabase: Supabase, id: string, frequency: AlertFrequency) {
  const { data, error } = await supabase
    .from('saved_searches')
    .update({ frequency })
    .eq('id', id)
    .select('name');
  if (error) throw new Error(`saved search update: ${error.message}`);
  return data[0]?.name ?? null;
}

/** Deletes one of the person's saved searches; returns its name, or null when there was none. */
export async function deleteSavedSearch(supabase: Supabase, id: string): Promise<string | null> {
  const { data, error } = await supabase.from('saved_searches').delete().eq('id', id).select('name');
  if (error) throw new Error(`saved search delete: ${error.message}`);
  return data[0]?.name ?? null;
}
