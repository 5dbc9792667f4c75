import type { Supabase } from '../supabase.ts';
import { loadPartnerContracts } from '../contracts/load-partner-contracts.ts';
import { UUID } from '../../schemas/fields.ts';

/** The public page of a university: about, and its partner employers by active contracts. */
export async function loadUniversityPage(supabase: Supabase, id: string) {
  if (!UUID.test(id)) return null;
  const { data: university, error } = await supabase
    .from('organizations')
    .select('id, name, short_name, description, website, address, districts(name)')
    .eq('id', id)
    .eq('kind', 'university')
    .maybeSingle();
  if (error) throw new Error(`university: ${error.message}`);
  if (!university) return null;
  const partners = await loadPartnerContracts(supabase, id);
  return { university, partners };
}
