import type { Supabase } from '../supabase.ts';

/** The drill-down's university filter: every university by its short name (its name when it has none). */
export async function loadUniversityFilter(supabase: Supabase): Promise<string[]> {
  const { data, error } = await supabase
    .from('organizations')
    .select('name, short_name')
    .eq('kind', 'university');
  if (error) throw new Error(error.message);
  return [...new Set(data.map((u) => u.short_name ?? u.name))].sort((a, b) => a.localeCompare(b, 'ru'));
}
