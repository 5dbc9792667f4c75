import type { Supabase } from '../supabase.ts';
import { refusal, type Refusal } from './outcome.ts';

/**
 * The student accepts the offer. By kind, the database creates the outcome record in the same
 * transaction (a practice placement, a stipend award, a target agreement; a hire waits for the
 * employer's document) and returns its id, or null for a vacancy or internship.
 */
export async function acceptOffer(
  supabase: Supabase,
  id: string,
): Promise<{ ok: true; recordId: string | null } | Refusal> {
  const { data, error } = await supabase.rpc('accept_offer', { p_id: id });
  if (error) return refusal(error);
  return { ok: true, recordId: data ?? null };
}
