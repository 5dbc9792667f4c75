import type { Supabase } from '../supabase.ts';
import { refusal, type Refusal } from './outcome.ts';

/** The student withdraws their application (before an offer), with an optional note to the employer. */
export async function withdrawApplication(
  supabase: Supabase,
  id: string,
  note: string | null,
): Promise<{ ok: true } | Refusal> {
  const { error } = await supabase.rpc('withdraw_application', {
    p_id: id,
    ...(note ? { p_note: note } : {}),
  });
  if (error) return refusal(error);
  return { ok: true };
}
