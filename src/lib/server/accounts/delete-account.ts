import type { Auth } from '../auth/options.ts';
import { waitMessage } from '../rate-limit.ts';
import { describeAuthError, type AuthFailure } from './auth-errors.ts';
import { limitPasswordCheck } from './limit-password-check.ts';
import type { RequestMeta } from './request-meta.ts';

/**
 * A signed-in person deletes their account and personal data (152-ФЗ), confirming it with their
 * password — a password check like sign-in, under the same failure limits.
 */
export async function deleteAccount(
  auth: Auth,
  person: { email: string },
  password: string,
  meta: RequestMeta,
): Promise<{ ok: true } | ({ ok: false } & AuthFailure)> {
  try {
    const result = await limitPasswordCheck({ email: person.email, ip: meta.ip }, () =>
      auth.api.deleteUser({ body: { password }, headers: meta.headers }),
    );
    if (!result.ok) return { ok: false, field: 'form', message: waitMessage(result.wait), status: 429 };
    return { ok: true };
  } catch (err) {
    return { ok: false, ...describeAuthError(err) };
  }
}
