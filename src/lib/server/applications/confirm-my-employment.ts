import type { Supabase } from '../supabase.ts';
import { refusal, type Refusal } from './outcome.ts';

/** «Да, я работаю здесь», signed in: the graduate's confirmation of a hire the employer recorded. */
export async function confirmMyEmployment(
  supabase: Supabase,
  employmentId: string,
): Promise<{ ok: true } | Refusal> {
  const { error } = await supabase.rpc('confirm_my_employment', { p_employment_id: employmentId });
  if (error) return refusal(error);
  return { ok: true };
}
