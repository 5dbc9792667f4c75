import type { InterviewInput } from '../../../schemas/pipeline.ts';
import type { Supabase } from '../../supabase.ts';
import { moveResult, type MoveResult } from './move-result.ts';

/** → interview (or a new time for one already set): the student gets the letter with an .ics. */
export async function inviteToInterview(
  supabase: Supabase,
  id: string,
  input: InterviewInput,
): Promise<MoveResult> {
  const { error } = await supabase.rpc('invite_to_interview', {
    p_id: id,
    p_at: input.interviewAt,
    p_place: input.interviewPlace ?? undefined,
    p_link: input.interviewLink ?? undefined,
    p_note: input.note ?? undefined,
  });
  return moveResult(undefined, error);
}
