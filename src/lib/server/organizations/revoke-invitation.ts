import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';

/**
 * Revokes an invitation that is still open: its link stops working at once. The database function
 * checks that the caller belongs to the invitation's organization (or is the administration).
 */
export async function revokeInvitation(
  supabase: Supabase,
  id: string,
): Promise<{ ok: true; email: string } | { ok: false; field: string; message: string; status: number }> {
  const { data, error } = await supabase.rpc('revoke_invitation', { p_id: id });
  if (error) return { ok: false, ...describeDbError(error, { id: 'form' }) };
  return { ok: true, email: data };
}
