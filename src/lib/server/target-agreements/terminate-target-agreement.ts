import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { TARGET_FIELDS, type MoveResult } from './fields.ts';

/** Any party terminates an agreement that is waiting for signatures or in force, with a reason. */
export async function terminateTargetAgreement(
  supabase: Supabase,
  id: string,
  reason: string,
): Promise<MoveResult> {
  const { error } = await supabase.rpc('terminate_target_agreement', { p_id: id, p_reason: reason });
  if (error) return { ok: false, ...describeDbError(error, TARGET_FIELDS) };
  return { ok: true };
}
