import type { Auth } from '../auth/options.ts';
import { waitMessage } from '../rate-limit.ts';
import { describeAuthError, type AuthFailure } from './auth-errors.ts';
import { limitPasswordCheck } from './limit-password-check.ts';
import type { RequestMeta } from './request-meta.ts';

/**
 * Signs in through better-auth's server API (its cookie is set by the sveltekitCookies plugin).
 * Wrong passwords are limited per account and per client address (limit-password-check.ts);
 * better-auth's own sign-in endpoint is not reachable over HTTP (hooks.server.ts), so this is the
 * only way in.
 */
export async function signIn(
  auth: Auth,
  credentials: { email: string; password: string },
  meta: RequestMeta,
): Promise<{ ok: true } | ({ ok: false } & AuthFailure)> {
  try {
    const result = await limitPasswordCheck({ email: credentials.email, ip: meta.ip }, () =>
      auth.api.signInEmail({ body: { ...credentials, rememberMe: true }, headers: meta.headers }),
    );
    if (!result.ok) return { ok: false, field: 'form', message: waitMessage(result.wait), status: 429 };
    return { ok: true };
  } catch (err) {
    return { ok: false, ...describeAuthError(err) };
  }
}

/** Only same-site paths may be the target after sign-in. */
export function safeRedirectTarget(target: string | null): string {
  return target && target.startsWith('/') && !target.startsWith('//') ? target : '/home';
}
