import { describeDbError } from '../errors.ts';
import { forgetIndicatorFacts } from '../indicators/facts-cache.ts';
import type { Supabase } from '../supabase.ts';

export type ImportMoveResult = { ok: true; count: number } | { ok: false; message: string; status: number };

/** Writes a previewed import in one transaction (public.commit_import); returns the records created. */
export async function commitImport(supabase: Supabase, importId: string): Promise<ImportMoveResult> {
  const { data, error } = await supabase.rpc('commit_import', { p_import_id: importId });
  if (error) {
    const e = describeDbError(error);
    return { ok: false, message: e.message, status: e.status };
  }
  forgetIndicatorFacts();
  return { ok: true, count: data ?? 0 };
}

/** Undoes an import as a whole (public.undo_import): its records are cancelled, never deleted. */
export async function undoImport(supabase: Supabase, importId: string): Promise<ImportMoveResult> {
  const { data, error } = await supabase.rpc('undo_import', { p_import_id: importId });
  if (error) {
    const e = describeDbError(error);
    return { ok: false, message: e.message, status: e.status };
  }
  forgetIndicatorFacts();
  return { ok: true, count: data ?? 0 };
}
