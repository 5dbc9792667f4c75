import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { OPPORTUNITY_FIELDS } from './opportunity-columns.ts';

/** A new draft with the same content (dates and apply-by date cleared); returns its id. */
export async function duplicateOpportunity(
  supabase: Supabase,
  id: string,
): Promise<{ ok: true; id: string } | { ok: false; field: string; message: string; status: number }> {
  const { data, error } = await supabase.rpc('duplicate_opportunity', { p_id: id });
  if (error) return { ok: false, ...describeDbError(error, OPPORTUNITY_FIELDS) };
  return { ok: true, id: data };
}
