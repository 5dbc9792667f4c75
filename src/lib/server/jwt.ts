import { createHmac } from 'node:crypto';
import { config } from './config.ts';

/** Lifetime of the JWT the server mints for one request to PostgREST. */
export const ACCESS_TOKEN_TTL_SECONDS = 300;

export type AppRole = 'student' | 'graduate' | 'employer_staff' | 'university_staff' | 'administrator';

export interface AccessClaims {
  /** the account id; auth.uid() in Postgres */
  sub: string;
  email?: string;
  app_role?: AppRole | null;
  org_id?: string | null;
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/**
 * A short-lived Supabase-compatible access token (HS256 with the project's JWT secret), with
 * `role: authenticated` so PostgREST switches to that role and RLS decides with auth.uid().
 * Signed here with node:crypto's HMAC (RFC 7515 compact form), synchronously: every signed-in request
 * mints one, and WebCrypto's asynchronous signing cost a trip through the thread pool each time.
 */
export function mintAccessToken(claims: AccessClaims, ttlSeconds = ACCESS_TOKEN_TTL_SECONDS): string {
  return signAccessToken(claims, config().jwtSecret, ttlSeconds, Date.now());
}

/** mintAccessToken with its secret and clock given. */
export function signAccessToken(
  claims: AccessClaims,
  secret: string,
  ttlSeconds: number,
  nowMs: number,
): string {
  const now = Math.floor(nowMs / 1000);
  const payload = Buffer.from(
    JSON.stringify({
      ...claims,
      role: 'authenticated',
      aud: 'authenticated',
      iat: now,
      exp: now + ttlSeconds,
    }),
  ).toString('base64url');
  const signature = createHmac('sha256', secret).update(`${HEADER}.${payload}`).digest('base64url');
  return `${HEADER}.${payload}.${signature}`;
}
