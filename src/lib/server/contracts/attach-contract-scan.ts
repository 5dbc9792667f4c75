import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { CONTRACT_FIELDS, type OperationResult } from './contract-fields.ts';
import { uploadContractScan } from './upload-contract-scan.ts';

/** A party stores a signed scan and attaches it to a proposed or active contract. */
export async function attachContractScan(
  supabase: Supabase,
  ownerId: string,
  id: string,
  file: File,
): Promise<OperationResult> {
  const uploaded = await uploadContractScan(supabase, ownerId, file);
  if (!uploaded.ok) return uploaded;
  const { error } = await supabase.rpc('attach_contract_scan', { p_id: id, p_file_id: uploaded.id });
  if (error) return { ok: false, ...describeDbError(error, CONTRACT_FIELDS) };
  return { ok: true };
}
