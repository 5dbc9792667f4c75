import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { OPPORTUNITY_FIELDS } from './opportunity-columns.ts';

/** Keeps a published (or just expired) posting up for `days` more days from now (at most 90). */
export async function extendOpportunity(
  supabase: Supabase,
  id: string,
  days: number,
): Promise<{ ok: true; expiresAt: string } | { ok: false; field: string; message: string; status: number }> {
  const { data, error } = await supabase.rpc('extend_opportunity', { p_id: id, p_days: days });
  if (error) return { ok: false, ...describeDbError(error, OPPORTUNITY_FIELDS) };
  return { ok: true, expiresAt: data };
}
