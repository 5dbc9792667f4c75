import type { Auth } from '../auth/options.ts';
import { waitMessage } from '../rate-limit.ts';
import { describeAuthError, type AuthFailure } from './auth-errors.ts';
import { limitPasswordCheck } from './limit-password-check.ts';
import type { RequestMeta } from './request-meta.ts';

/**
 * A signed-in person sets a new password, confirming it with the current one; other sessions end.
 * The current password is a password check like sign-in: the same failure limits apply.
 */
export async function changePassword(
  auth: Auth,
  person: { email: string },
  passwords: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
): Promise<{ ok: true } | ({ ok: false } & AuthFailure)> {
  try {
    const result = await limitPasswordCheck({ email: person.email, ip: meta.ip }, () =>
      auth.api.changePassword({
        body: { ...passwords, revokeOtherSessions: true },
        headers: meta.headers,
      }),
    );
    if (!result.ok)
      return { ok: false, field: 'currentPassword', message: waitMessage(result.wait), status: 429 };
    return { ok: true };
  } catch (err) {
    return { ok: false, ...describeAuthError(err) };
  }
}
