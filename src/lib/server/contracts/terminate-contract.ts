import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { forgetPartnerContracts } from './load-partner-contracts.ts';
import { CONTRACT_FIELDS, type OperationResult } from './contract-fields.ts';

/** Either party (or the administration) terminates an active contract, with a reason. */
export async function terminateContract(
  supabase: Supabase,
  id: string,
  reason: string,
): Promise<OperationResult> {
  const { error } = await supabase.rpc('terminate_contract', { p_id: id, p_reason: reason });
  if (error) return { ok: false, ...describeDbError(error, CONTRACT_FIELDS) };
  forgetPartnerContracts();
  return { ok: true };
}
