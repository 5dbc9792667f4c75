import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import type { OrganizationKind, PublicPerson, VerificationStatus } from '../types.ts';
import { auth } from './auth/index.ts';
import { db } from './db.ts';
import type { AppRole } from './jwt.ts';
import { userClient, type Supabase } from './supabase.ts';

export type CurrentPerson = PublicPerson;

/**
 * Who a request's session cookie belongs to, in one query.
 *
 * Every signed-in request needs the account behind the cookie and who that account is on the
 * platform (role, organization). better-auth's getSession answers the first with its own
 * session-and-user reads; the second was a PostgREST read of profiles and memberships. Here both are
 * one query of the session row joined to the user, the profile and the membership — read afresh on
 * every request, so a revoked session, a changed role or a new membership applies to the very next
 * request (nothing is kept between requests).
 *
 * better-auth stays the authority on sessions: the cookie's signature is checked exactly as it signs
 * it (HMAC-SHA-256 of the token with the auth secret, better-call's format), and whenever better-auth
 * would do more than read — a session to renew (older than `updateAge`), an expired or unknown one to
 * delete along with its cookie, a «don't remember me» or cached-session cookie — the request is
 * handed to its getSession, which does that and sets the cookie through SvelteKit.
 *
 * This is the server finding out who is asking, as better-auth does with the same pool; the person's
 * own data is still read and written through PostgREST under RLS with their JWT.
 */
export async function signedInPerson(
  cookies: Cookies,
  headers: Headers,
): Promise<{ person: CurrentPerson; supabase: Supabase } | null> {
  const settings = await sessionSettings();
  const raw = cookies.get(settings.cookie);
  if (!raw) return null;
  const token = verifiedSessionToken(raw, settings.secret);
  // a cookie that better-auth did not sign is no session at all (its getSession says the same)
  if (!token) return null;

  let row = await personOfSession(token);
  const simple =
    row !== null &&
    !cookies.get(settings.dontRemember) &&
    !cookies.get(settings.sessionData) &&
    row.expires_at.getTime() > Date.now() &&
    row.expires_at.getTime() - settings.expiresInMs + settings.updateAgeMs > Date.now();
  if (!simple) {
    const session = await auth().api.getSession({ headers });
    row = session ? await personOfSession(token) : null;
    // better-auth renewed, kept or dropped it: what it says is final
    if (!session || !row || row.user_id !== session.user.id) return null;
  }
  if (!row || !row.email_verified) return null;
  const person = toPerson(row);
  const supabase = await userClient({
    sub: person.id,
    email: person.email,
    app_role: person.role,
    org_id: person.organization?.id ?? null,
  });
  return { person, supabase };
}

/** The token of a signed cookie value (`token.signature`, better-call's format) when the signature is ours. */
export function verifiedSessionToken(value: string, secret: string): string | null {
  const dot = value.lastIndexOf('.');
  if (dot < 1) return null;
  const token = value.slice(0, dot);
  const signature = value.slice(dot + 1);
  if (signature.length !== 44 || !signature.endsWith('=')) return null;
  const expected = createHmac('sha256', secret).update(token).digest();
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : null;
}

interface SessionSettings {
  cookie: string;
  dontRemember: string;
  sessionData: string;
  secret: string;
  expiresInMs: number;
  updateAgeMs: number;
}

let settingsPromise: Promise<SessionSettings> | undefined;

/** Cookie names, secret and renewal ages as better-auth itself resolved them (secure prefix on https). */
function sessionSettings(): Promise<SessionSettings> {
  settingsPromise ??= auth().$context.then((ctx) => ({
    cookie: ctx.authCookies.sessionToken.name,
    dontRemember: ctx.authCookies.dontRememberToken.name,
    sessionData: ctx.authCookies.sessionData.name,
    secret: ctx.secret,
    expiresInMs: ctx.sessionConfig.expiresIn * 1000,
    updateAgeMs: ctx.sessionConfig.updateAge * 1000,
  }));
  return settingsPromise;
}

interface SessionPersonRow {
  user_id: string;
  email: string;
  name: string;
  email_verified: boolean;
  expires_at: Date;
  role: AppRole | null;
  full_name: string | null;
  membership_role: 'owner' | 'member' | null;
  organization_id: string | null;
  organization_kind: OrganizationKind | null;
  organization_name: string | null;
  verification_status: VerificationStatus | null;
}

async function personOfSession(token: string): Promise<SessionPersonRow | null> {
  const { rows } = await db().query<SessionPersonRow>({
    name: 'person_of_session',
    text: `select u.id as user_id, u.email, u.name, u."emailVerified" as email_verified, s."expiresAt" as expires_at,
                  p.role, p.full_name, m.role as membership_role,
                  o.id as organization_id, o.kind as organization_kind, o.name as organization_name,
                  o.verification_status
             from better_auth.session s
             join better_auth."user" u on u.id = s."userId"
             left join public.profiles p on p.id = u.id
             left join lateral (
               select m.role, m.organization_id from public.memberships m
                where m.profile_id = u.id order by m.created_at, m.organization_id limit 1
             ) m on true
             left join public.organizations o on o.id = m.organization_id
            where s.token = $1`,
    values: [token],
  });
  return rows[0] ?? null;
}

function toPerson(row: SessionPersonRow): CurrentPerson {
  return {
    id: row.user_id,
    email: row.email,
    fullName: row.full_name ?? row.name,
    role: row.role,
    organization:
      row.organization_id && row.organization_kind && row.organization_name && row.verification_status
        ? {
            id: row.organization_id,
            kind: row.organization_kind,
            name: row.organization_name,
            verificationStatus: row.verification_status,
            membershipRole: row.membership_role ?? 'member',
          }
        : null,
  };
}
