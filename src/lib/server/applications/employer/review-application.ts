import type { ReviewInput } from '../../../schemas/pipeline.ts';
import type { Supabase } from '../../supabase.ts';
import { moveResult, type MoveResult } from './move-result.ts';

/** The organization's own notes and 1–5 rating: never shown to the student or the university. */
export async function reviewApplication(
  supabase: Supabase,
  id: string,
  input: ReviewInput,
): Promise<MoveResult> {
  const { error } = await supabase.rpc('review_application', {
    p_id: id,
    // a cleared rating is stored as null
    p_rating: input.rating as number,
    p_notes: input.notes,
  });
  return moveResult(undefined, error);
}
