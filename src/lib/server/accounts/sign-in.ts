import type { Auth } from '../auth/options.ts';
import { hitRateLimit, waitMessage } from '../rate-limit.ts';
import { describeAuthError, type AuthFailure } from './auth-errors.ts';
import type { RequestMeta } from './request-meta.ts';

/**
 * Signs in through better-auth's server API (its cookie is set by the sveltekitCookies plugin).
 * Attempts are limited per address and per IP here, because better-auth's own limiter only sees
 * its HTTP endpoints, not calls made from server code.
 */
export async function signIn(
  auth: Auth,
  credentials: { email: string; password: string },
  meta: RequestMeta,
): Promise<{ ok: true } | ({ ok: false } & AuthFailure)> {
  const waits = await Promise.all([
    hitRateLimit(`sign-in:email:${credentials.email}`, 5, 15 * 60),
    hitRateLimit(`sign-in:ip:${meta.ip ?? 'unknown'}`, 30, 15 * 60),
  ]);
  const wait = Math.max(...waits);
  if (wait) return { ok: false, field: 'form', message: waitMessage(wait), status: 429 };
  try {
    await auth.api.signInEmail({ body: { ...credentials, rememberMe: true }, headers: meta.headers });
    return { ok: true };
  } catch (err) {
    return { ok: false, ...describeAuthError(err) };
  }
}

/** Only same-site paths may be the target after sign-in. */
export function safeRedirectTarget(target: string | null): string {
  return target && target.startsWith('/') && !target.startsWith('//') ? target : '/home';
}
