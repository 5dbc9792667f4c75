import { config } from '../config.ts';
import { db } from '../db.ts';
import { enqueueEmail } from '../email/enqueue.ts';
import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';

export const INVITATION_TTL_DAYS = 7;

/**
 * Invites someone to a university (or to the administration), or a colleague to the inviter's
 * verified employer. The database function checks the caller's right to invite and the address
 * (well-formed, not a member yet, not on the platform yet; for an employer also not invited yet —
 * elsewhere a new link replaces the waiting one) and keeps only the token's hash; the token travels
 * in the email link.
 */
export async function inviteMember(
  supabase: Supabase,
  inviter: { fullName: string },
  invitation: { organizationId: string; email: string },
): Promise<
  { ok: true; organizationName: string } | { ok: false; field: string; message: string; status: number }
> {
  const { data: token, error } = await supabase.rpc('create_invitation', {
    p_organization_id: invitation.organizationId,
    p_email: invitation.email,
  });
  if (error || !token) {
    return { ok: false, ...describeDbError(error!, { organization_id: 'organizationId' }) };
  }
  const { data: org } = await supabase
    .from('organizations')
    .select('name')
    .eq('id', invitation.organizationId)
    .single();
  const organizationName = org?.name ?? '';
  await enqueueEmail(db(), invitation.email, {
    template: 'invitation',
    data: {
      organizationName,
      inviterName: inviter.fullName,
      url: `${config().appUrl}/invite/${token}`,
      expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000),
    },
  });
  return { ok: true, organizationName };
}
