import type { Json } from '../../../database.types.ts';
import type { OfferInput } from '../../../schemas/pipeline.ts';
import type { Supabase } from '../../supabase.ts';
import { moveResult, type MoveResult } from './move-result.ts';

/** → offer, with the terms of the posting's kind and the date to answer by. */
export async function makeOffer(supabase: Supabase, id: string, input: OfferInput): Promise<MoveResult> {
  const { error } = await supabase.rpc('make_offer', {
    p_id: id,
    p_terms: input.terms as Json,
    p_answer_by: input.answerBy,
    p_note: input.note ?? undefined,
  });
  return moveResult(undefined, error);
}
