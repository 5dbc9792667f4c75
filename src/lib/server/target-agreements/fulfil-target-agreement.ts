import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { TARGET_FIELDS, type MoveResult } from './fields.ts';

/**
 * The customer marks the agreement fulfilled by the graduate's confirmed hire (a hire confirmed
 * after the agreement came in force fulfils it by itself).
 */
export async function fulfilTargetAgreement(supabase: Supabase, id: string): Promise<MoveResult> {
  const { error } = await supabase.rpc('fulfil_target_agreement', { p_id: id });
  if (error) return { ok: false, ...describeDbError(error, TARGET_FIELDS) };
  return { ok: true };
}
