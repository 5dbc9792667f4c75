import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { STIPEND_FIELDS, type MoveResult } from './fields.ts';

/** The employer enters its order's number (for an award made from an accepted offer). */
export async function setStipendOrderNumber(
  supabase: Supabase,
  id: string,
  orderNumber: string,
): Promise<MoveResult> {
  const { error } = await supabase.rpc('set_stipend_order_number', { p_id: id, p_order_number: orderNumber });
  if (error) return { ok: false, ...describeDbError(error, STIPEND_FIELDS) };
  return { ok: true };
}
