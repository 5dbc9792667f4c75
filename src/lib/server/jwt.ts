import { SignJWT } from 'jose';
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

let key: Uint8Array | undefined;

/**
 * A short-lived Supabase-compatible access token (HS256 with the project's JWT secret), with
 * `role: authenticated` so PostgREST switches to that role and RLS decides with auth.uid().
 */
export function mintAccessToken(
  claims: AccessClaims,
  ttlSeconds = ACCESS_TOKEN_TTL_SECONDS,
): Promise<string> {
  key ??= new TextEncoder().encode(config().jwtSecret);
  return new SignJWT({ ...claims, role: 'authenticated', aud: 'authenticated' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key);
}
