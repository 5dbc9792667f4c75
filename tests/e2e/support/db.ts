import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { E2E_ENV } from '../../../playwright.config.ts';
import { apiKey } from '../../../scripts/lib/secrets.ts';

let pool: pg.Pool | undefined;

/** Secrets of the e2e data folder, written by the launcher when it starts. */
function secrets(): { postgresPassword: string; jwtSecret: string } {
  const file = path.resolve(import.meta.dirname, '../../..', E2E_ENV.DATA_DIR, 'secrets.json');
  return JSON.parse(readFileSync(file, 'utf8')) as { postgresPassword: string; jwtSecret: string };
}

/**
 * A direct superuser connection to the e2e database (the one `playwright test` starts with
 * `scripts/start.ts --fresh`). Tests use it only to look behind the app — did a refused form write
 * anything — and to clear rate-limit counters, never to arrange what they test.
 */
export function testDb(): pg.Pool {
  if (!pool) {
    const { postgresPassword } = secrets();
    pool = new pg.Pool({
      host: '127.0.0.1',
      port: Number(E2E_ENV.PG_PORT),
      user: 'postgres',
      password: postgresPassword,
      database: 'postgres',
      max: 2,
      allowExitOnIdle: true,
    });
  }
  return pool;
}

export async function closeTestDb(): Promise<void> {
  await pool?.end();
  pool = undefined;
}

export interface RowCounts {
  users: number;
  profiles: number;
  organizations: number;
  consents: number;
}

/** How many accounts, profiles, organizations and consents exist: compared before and after a refusal. */
export async function rowCounts(): Promise<RowCounts> {
  const { rows } = await testDb().query<RowCounts>(
    `select (select count(*) from better_auth."user")::int as users,
            (select count(*) from public.profiles)::int as profiles,
            (select count(*) from public.organizations)::int as organizations,
            (select count(*) from public.consents)::int as consents`,
  );
  return rows[0];
}

/**
 * The whole e2e run comes from one IP (127.0.0.1) and makes many sign-ups, reset requests and
 * deliberately wrong passwords, which the app limits (src/lib/server/rate-limit.ts). Tests clear
 * the counters first, so each test starts as a fresh visitor would.
 */
export async function clearRateLimits(): Promise<void> {
  await testDb().query('delete from app_private.rate_limits');
}

/** The employer organization whose representative signed up with this address. */
export async function organizationIdOf(email: string): Promise<string> {
  const { rows } = await testDb().query<{ id: string }>(
    `select m.organization_id as id
       from public.memberships m join public.profiles p on p.id = m.profile_id
      where lower(p.email) = lower($1)`,
    [email],
  );
  if (rows.length !== 1) throw new Error(`У ${email} не одна организация: ${rows.length}`);
  return rows[0].id;
}

/** What an anonymous visitor gets from the Data API (PostgREST behind /rest/v1, anon key). */
export async function anonOrganizations(id: string): Promise<{ id: string; name: string }[]> {
  const key = await apiKey(secrets().jwtSecret, 'anon');
  const response = await fetch(
    `http://127.0.0.1:${E2E_ENV.SUPABASE_PORT}/rest/v1/organizations?id=eq.${id}&select=id,name`,
    { headers: { apikey: key, authorization: `Bearer ${key}` } },
  );
  if (!response.ok) throw new Error(`PostgREST ${response.status}: ${await response.text()}`);
  return (await response.json()) as { id: string; name: string }[];
}
