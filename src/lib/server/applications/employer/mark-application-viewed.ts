import type { Supabase } from '../../supabase.ts';
import { moveResult, type MoveResult } from './move-result.ts';

/** The employer opens the application: submitted → viewed, the first time only. Returns the state. */
export async function markApplicationViewed(
  supabase: Supabase,
  id: string,
): Promise<MoveResult<string | null>> {
  const { data, error } = await supabase.rpc('mark_application_viewed', { p_id: id });
  return moveResult(data, error);
}
