import type { Supabase } from '../supabase.ts';
import { refusal, type Refusal } from './outcome.ts';

/** The student declines the offer, with an optional note to the employer. */
export async function declineOffer(
  supabase: Supabase,
  id: string,
  note: string | null,
): Promise<{ ok: true } | Refusal> {
  const { error } = await supabase.rpc('decline_offer', { p_id: id, ...(note ? { p_note: note } : {}) });
  if (error) return refusal(error);
  return { ok: true };
}
