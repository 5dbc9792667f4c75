import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SignJWT } from 'jose';

export interface EmbeddedSecrets {
  postgresPassword: string;
  authenticatorPassword: string;
  jwtSecret: string;
  meiliMasterKey: string;
  betterAuthSecret: string;
}

const token = (bytes: number) => randomBytes(bytes).toString('base64url');

/** Secrets of the embedded stack: generated once per data folder, then reused. */
export function loadOrCreateSecrets(dataDir: string): EmbeddedSecrets {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as EmbeddedSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets: EmbeddedSecrets = {
    postgresPassword: token(18),
    authenticatorPassword: token(18),
    jwtSecret: token(40),
    meiliMasterKey: token(24),
    betterAuthSecret: token(32),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** A Supabase-style API key: a long-lived JWT carrying only a Postgres role. */
export function apiKey(jwtSecret: string, role: 'anon' | 'service_role'): Promise<string> {
  return new SignJWT({ role, iss: 'supabase' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime('10y')
    .sign(new TextEncoder().encode(jwtSecret));
}
