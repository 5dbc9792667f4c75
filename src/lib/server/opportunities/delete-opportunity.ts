import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { OPPORTUNITY_FIELDS } from './opportunity-columns.ts';

/**
 * Deletes a draft (or a rejected posting that was never public) for good. The database function
 * checks that the caller belongs to the posting's employer and refuses anything that was ever
 * public: those stay, closed, because the city's indicators count them.
 */
export async function deleteOpportunity(
  supabase: Supabase,
  id: string,
): Promise<{ ok: true; title: string } | { ok: false; field: string; message: string; status: number }> {
  const { data, error } = await supabase.rpc('delete_opportunity', { p_id: id });
  if (error) return { ok: false, ...describeDbError(error, OPPORTUNITY_FIELDS) };
  return { ok: true, title: data };
}
