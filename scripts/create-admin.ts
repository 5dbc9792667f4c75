/**
 * Creates an administrator of the city administration (administrators are never created through
 * the web interface):
 *   npm run admin:create -- --email official@kemerovo.ru --name "Ирина Петрова" [--password …]
 * Without --password a strong one is generated and printed once. Uses DATABASE_URL etc. from the
 * environment (or .env); against the embedded stack run it while `npm start` is running with the
 * same DATA_DIR, e.g. `DATA_DIR=.data/dev npm run admin:create -- …`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fail, log } from './lib/log.ts';
import { apiKey } from './lib/secrets.ts';
import { defaultPorts } from './lib/stack.ts';

const root = path.resolve(import.meta.dirname, '..');
if (existsSync(path.join(root, '.env'))) process.loadEnvFile(path.join(root, '.env'));

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    password: { type: 'string' },
  },
});
if (!values.email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email)) fail('укажите --email адрес@домен');
if (!values.name || values.name.trim().length < 2) fail('укажите --name "Имя Фамилия"');
const password = values.password ?? randomBytes(12).toString('base64url');
if (password.length < 10) fail('пароль должен быть не короче 10 символов');

// Against the embedded stack of `npm start`: read its secrets and ports.
if (!process.env.DATABASE_URL) {
  const dataDir = path.resolve(root, process.env.DATA_DIR ?? '.data/dev');
  const file = path.join(dataDir, 'secrets.json');
  if (!existsSync(file)) fail(`нет ${file}: запустите npm start или задайте DATABASE_URL`);
  const secrets = JSON.parse(readFileSync(file, 'utf8'));
  const ports = defaultPorts();
  Object.assign(process.env, {
    DATABASE_URL: `postgres://postgres:${secrets.postgresPassword}@127.0.0.1:${ports.postgres}/postgres`,
    SUPABASE_URL: `http://127.0.0.1:${ports.gateway}`,
    SUPABASE_JWT_SECRET: secrets.jwtSecret,
    SUPABASE_ANON_KEY: await apiKey(secrets.jwtSecret, 'anon'),
    SUPABASE_SERVICE_ROLE_KEY: await apiKey(secrets.jwtSecret, 'service_role'),
    MEILISEARCH_URL: `http://127.0.0.1:${ports.meilisearch}`,
    MEILISEARCH_MASTER_KEY: secrets.meiliMasterKey,
    BETTER_AUTH_SECRET: secrets.betterAuthSecret,
  });
}

const { createAdministrator } = await import('../src/lib/server/accounts/create-administrator.ts');
const { closeDb } = await import('../src/lib/server/db.ts');
try {
  await createAdministrator({ email: values.email.toLowerCase(), fullName: values.name.trim(), password });
  log('admin', `администратор ${values.email} создан`);
  if (!values.password) log('admin', `пароль (показан один раз): ${password}`);
} catch (err) {
  fail((err as Error).message);
} finally {
  await closeDb();
}
process.exit(0);
