import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { OPPORTUNITY_FIELDS } from './opportunity-columns.ts';

/** Takes a published (or waiting for moderation) posting down; it can be published again later. */
export async function closeOpportunity(
  supabase: Supabase,
  id: string,
): Promise<{ ok: true } | { ok: false; field: string; message: string; status: number }> {
  const { error } = await supabase.rpc('close_opportunity', { p_id: id });
  if (error) return { ok: false, ...describeDbError(error, OPPORTUNITY_FIELDS) };
  return { ok: true };
}
