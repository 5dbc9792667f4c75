import type { z } from 'zod';
import { REPRESENTATIVE_CONSENT_VERSION, type acceptInvitationSchema } from '../../schemas/auth.ts';
import type { Auth } from '../auth/options.ts';
import { createAccount } from './create-account.ts';
import type { RequestMeta } from './request-meta.ts';

/** Someone invited to a university (or the administration) creates their account and joins it. */
export function acceptInvitation(
  auth: Auth,
  token: string,
  email: string,
  input: z.output<typeof acceptInvitationSchema>,
  meta: RequestMeta,
) {
  return createAccount(
    auth,
    { name: input.fullName, email, password: input.password },
    meta,
    (client) =>
      client.rpc('accept_invitation', {
        p_token: token,
        p_full_name: input.fullName,
        p_position: input.position,
        p_consent_version: REPRESENTATIVE_CONSENT_VERSION,
        p_ip: meta.ip ?? undefined,
        p_user_agent: meta.userAgent ?? undefined,
      }),
    { token: 'form', email: 'form' },
  );
}
