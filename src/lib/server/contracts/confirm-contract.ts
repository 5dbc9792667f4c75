import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { forgetPartnerContracts } from './load-partner-contracts.ts';
import { CONTRACT_FIELDS, type OperationResult } from './contract-fields.ts';

/** The other side confirms a proposed contract: it becomes active. */
export async function confirmContract(supabase: Supabase, id: string): Promise<OperationResult> {
  const { error } = await supabase.rpc('confirm_contract', { p_id: id });
  if (error) return { ok: false, ...describeDbError(error, CONTRACT_FIELDS) };
  forgetPartnerContracts();
  return { ok: true };
}
