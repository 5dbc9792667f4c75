import type { Supabase } from '../supabase.ts';
import type { ContractRow, ContractStatus } from '../../contracts.ts';

export type { ContractRow };

/**
 * The contracts the person may read (RLS: their organization's, or every one for the
 * administration), newest first; waiting ones first for a party.
 */
export async function loadContracts(supabase: Supabase, organizationId?: string): Promise<ContractRow[]> {
  let query = supabase
    .from('partnership_contracts')
    .select(
      'id, kind, number, signed_on, valid_from, valid_to, programme_codes, places_per_year, premises_address, scan_file_id, status, proposed_by_side, end_reason, status_changed_at, employer:organizations!partnership_contracts_employer_id_fkey(id, name), university:organizations!partnership_contracts_university_id_fkey(id, name, short_name)',
    )
    .order('status_changed_at', { ascending: false })
    .limit(500);
  if (organizationId) query = query.or(`employer_id.eq.${organizationId},university_id.eq.${organizationId}`);
  const { data, error } = await query;
  if (error) throw new Error(`contracts: ${error.message}`);
  const rank = (s: ContractStatus) => (s === 'proposed' ? 0 : s === 'active' ? 1 : 2);
  return (data as unknown as ContractRow[]).sort((a, b) => rank(a.status) - rank(b.status));
}

/** Organizations one can sign with: verified employers or universities (public to everyone). */
export async function loadCounterparties(supabase: Supabase, kind: 'employer' | 'university') {
  let query = supabase.from('organizations').select('id, name, short_name').eq('kind', kind).order('name');
  if (kind === 'employer') query = query.eq('verification_status', 'verified');
  const { data, error } = await query;
  if (error) throw new Error(`counterparties: ${error.message}`);
  return data.map((o) => ({ value: o.id, label: o.short_name ? `${o.short_name} — ${o.name}` : o.name }));
}
