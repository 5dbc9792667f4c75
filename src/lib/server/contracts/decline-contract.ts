import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { CONTRACT_FIELDS, type OperationResult } from './contract-fields.ts';

/** The other side declines a proposed contract, with a reason the proposer reads. */
export async function declineContract(
  supabase: Supabase,
  id: string,
  reason: string,
): Promise<OperationResult> {
  const { error } = await supabase.rpc('decline_contract', { p_id: id, p_reason: reason });
  if (error) return { ok: false, ...describeDbError(error, CONTRACT_FIELDS) };
  return { ok: true };
}
