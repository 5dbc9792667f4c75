import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { STIPEND_FIELDS, type MoveResult } from './fields.ts';

/** The university confirms that the student is enrolled and in good standing: the award is active. */
export async function confirmStipendAward(supabase: Supabase, id: string): Promise<MoveResult> {
  const { error } = await supabase.rpc('confirm_stipend_award', { p_id: id });
  if (error) return { ok: false, ...describeDbError(error, STIPEND_FIELDS) };
  return { ok: true };
}
