import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { forgetPartnerContracts } from './load-partner-contracts.ts';
import type { ContractFields } from '../../schemas/contract.ts';
import { PARTY_CONTRACT_FIELDS, CONTRACT_FIELDS, type OperationResult } from './contract-fields.ts';

function args(input: ContractFields, scanFileId: string | null) {
  return {
    p_kind: input.kind,
    p_number: input.number,
    p_signed_on: input.signedOn,
    p_valid_from: input.validFrom,
    p_valid_to: input.validTo ?? undefined,
    p_programme_codes: input.programmeCodes,
    p_places_per_year: input.placesPerYear ?? undefined,
    p_premises_address: input.premisesAddress ?? undefined,
    p_scan_file_id: scanFileId ?? undefined,
  };
}

/**
 * A member of the employer or of the university proposes a contract with `partnerId`; the other side
 * gets a letter and confirms or declines it.
 */
export async function proposeContract(
  supabase: Supabase,
  side: 'employer' | 'university',
  ownOrganizationId: string,
  input: ContractFields & { partnerId: string },
  scanFileId: string | null = null,
): Promise<OperationResult<{ id: string }>> {
  const { data, error } = await supabase.rpc('propose_contract', {
    p_employer_id: side === 'employer' ? ownOrganizationId : input.partnerId,
    p_university_id: side === 'university' ? ownOrganizationId : input.partnerId,
    ...args(input, scanFileId),
  });
  if (error) return { ok: false, ...describeDbError(error, PARTY_CONTRACT_FIELDS) };
  return { ok: true, id: data };
}

/** The administration registers a contract signed on paper: active at once. */
export async function registerContract(
  supabase: Supabase,
  input: ContractFields & { employerId: string; universityId: string },
  scanFileId: string | null = null,
): Promise<OperationResult<{ id: string }>> {
  const { data, error } = await supabase.rpc('register_contract', {
    p_employer_id: input.employerId,
    p_university_id: input.universityId,
    ...args(input, scanFileId),
  });
  if (error) return { ok: false, ...describeDbError(error, CONTRACT_FIELDS) };
  forgetPartnerContracts();
  return { ok: true, id: data };
}
