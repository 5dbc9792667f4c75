import type { Supabase } from '../supabase.ts';
import type { Issue } from './check-register.ts';

const SUMMARY =
  'id, register, file_name, state, row_count, error_count, created_count, existing_count, created_at, imported_at, undone_at';

/** The imports list of /admin/imports (previews of the last day included). */
export async function loadImports(supabase: Supabase, limit = 100) {
  const { data, error } = await supabase
    .from('imports')
    .select(SUMMARY)
    .order('created_at', { ascending: false })
    .limit(limit);
  if (error) throw new Error(error.message);
  return data;
}

/** One import with its problems and notes (not its rows). Null when it is not there or not visible. */
export async function loadImport(supabase: Supabase, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const { data, error } = await supabase
    .from('imports')
    .select(`${SUMMARY}, issues, notes`)
    .eq('id', id)
    .maybeSingle();
  if (error) throw new Error(error.message);
  if (!data) return null;
  return { ...data, issues: data.issues as unknown as Issue[], notes: data.notes as unknown as string[] };
}
