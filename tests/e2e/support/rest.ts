import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SignJWT } from 'jose';
import { E2E_ENV } from '../../../playwright.config.ts';
import { apiKey } from '../../../scripts/lib/secrets.ts';
import { testDb } from './db.ts';

/**
 * PostgREST of the e2e stack acting as a person (their own JWT, as the app's server mints it), for
 * arranging what a test starts from through the same database functions the pages call.
 */
function jwtSecret(): string {
  const file = path.resolve(import.meta.dirname, '../../..', E2E_ENV.DATA_DIR, 'secrets.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { jwtSecret: string }).jwtSecret;
}

export async function personIdByEmail(email: string): Promise<string> {
  const { rows } = await testDb().query<{ id: string }>('select id from public.profiles where email = $1', [
    email,
  ]);
  if (!rows[0]) throw new Error(`нет профиля ${email}`);
  return rows[0].id;
}

export async function asPerson(email: string) {
  const secret = jwtSecret();
  const sub = await personIdByEmail(email);
  const token = await new SignJWT({ sub, email, role: 'authenticated', aud: 'authenticated' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(secret));
  const headers = {
    apikey: await apiKey(secret, 'anon'),
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
  };
  const base = `http://127.0.0.1:${E2E_ENV.SUPABASE_PORT}/rest/v1`;
  const send = async (url: string, body: unknown) => {
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${url}: ${res.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : null;
  };
  return {
    id: sub,
    rpc: (fn: string, args: Record<string, unknown>) => send(`${base}/rpc/${fn}`, args),
    insert: (table: string, row: Record<string, unknown>) => send(`${base}/${table}`, row),
  };
}
