import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { STIPEND_FIELDS, type MoveResult } from './fields.ts';

/** The employer or the university cancels an award that is waiting or active, with a reason. */
export async function cancelStipendAward(
  supabase: Supabase,
  id: string,
  reason: string,
): Promise<MoveResult> {
  const { error } = await supabase.rpc('cancel_stipend_award', { p_id: id, p_reason: reason });
  if (error) return { ok: false, ...describeDbError(error, STIPEND_FIELDS) };
  return { ok: true };
}
