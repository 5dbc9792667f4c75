import type { Supabase } from '../supabase.ts';

/**
 * Active contracts of an employer or a university, public fields only (partner_contracts(): the
 * contracts table itself is readable only by the parties and the administration).
 */
export async function loadPartnerContracts(supabase: Supabase, organizationId: string) {
  const { data, error } = await supabase.rpc('partner_contracts', { p_organization_id: organizationId });
  if (error) throw new Error(`partner contracts: ${error.message}`);
  return data;
}
