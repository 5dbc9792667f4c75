import type { RejectInput } from '../../../schemas/pipeline.ts';
import type { Supabase } from '../../supabase.ts';
import { moveResult, type MoveResult } from './move-result.ts';

/** → rejected, with a reason from the list and an optional polite text the student reads. */
export async function rejectApplication(
  supabase: Supabase,
  id: string,
  input: RejectInput,
): Promise<MoveResult> {
  const { error } = await supabase.rpc('reject_application', {
    p_id: id,
    p_reason: input.reason,
    p_message: input.message ?? undefined,
  });
  return moveResult(undefined, error);
}
