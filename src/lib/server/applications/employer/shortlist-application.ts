import type { Supabase } from '../../supabase.ts';
import { moveResult, type MoveResult } from './move-result.ts';

/** submitted | viewed → shortlisted. */
export async function shortlistApplication(
  supabase: Supabase,
  id: string,
  note: string | null,
): Promise<MoveResult> {
  const { error } = await supabase.rpc('shortlist_application', { p_id: id, p_note: note ?? undefined });
  return moveResult(undefined, error);
}
