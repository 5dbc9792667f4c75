import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { OPPORTUNITY_FIELDS } from './opportunity-columns.ts';

export const DEFAULT_PUBLISH_DAYS = 30;
export const MAX_PUBLISH_DAYS = 90;

/**
 * Publishes a posting for `days` days. The database decides the outcome: published at once, or
 * sent to the administration's moderation queue during the employer's first month; it refuses
 * when the employer is not verified yet or the apply-by date has passed.
 */
export async function publishOpportunity(
  supabase: Supabase,
  id: string,
  days: number,
): Promise<
  | { ok: true; status: 'published' | 'moderation' }
  | { ok: false; field: string; message: string; status: number }
> {
  const { data, error } = await supabase.rpc('publish_opportunity', { p_id: id, p_days: days });
  if (error) return { ok: false, ...describeDbError(error, OPPORTUNITY_FIELDS) };
  return { ok: true, status: data === 'moderation' ? 'moderation' : 'published' };
}
