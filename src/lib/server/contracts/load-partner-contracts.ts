import { keyedProcessCache } from '../cache.ts';
import { PUBLIC_PAGE_MAX_AGE_SECONDS } from '../public-page-cache.ts';
import { anonClient, type Supabase } from '../supabase.ts';

/**
 * Active contracts of an employer or a university, public fields only (partner_contracts(): the
 * contracts table itself is readable only by the parties and the administration).
 */
export async function loadPartnerContracts(supabase: Supabase, organizationId: string) {
  const { data, error } = await supabase.rpc('partner_contracts', { p_organization_id: organizationId });
  if (error) throw new Error(`partner contracts: ${error.message}`);
  return data;
}

/**
 * The same for everyone (partner_contracts() answers every caller alike), so the public employer
 * page keeps them per organization for at most 60 s, like its response figures, instead of asking
 * PostgREST on every visit (issue 10 item 21).
 */
const publicPartnerContracts = keyedProcessCache(60_000 - PUBLIC_PAGE_MAX_AGE_SECONDS * 1000, (id) =>
  loadPartnerContracts(anonClient(), id),
);

/** An organization's active contracts, at most 60 s old with the page's own cache (or fresh after a change in this process). */
export const loadCachedPartnerContracts = (organizationId: string) =>
  publicPartnerContracts.get(organizationId);

/** After this process confirms, registers or terminates a contract: the pages read them again. */
export function forgetPartnerContracts(): void {
  publicPartnerContracts.forgetAll();
}
