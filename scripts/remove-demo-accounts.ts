/**
 * `npm run demo:remove` — deletes the six demo log-ins (published password) from DATABASE_URL.
 * The production app refuses to start while one of them can sign in (src/hooks.server.ts).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { removeDemoAccounts } from '../src/lib/server/accounts/remove-demo-accounts.ts';
import { fail, log } from './lib/log.ts';

const root = path.resolve(import.meta.dirname, '..');
if (existsSync(path.join(root, '.env'))) process.loadEnvFile(path.join(root, '.env'));
const url = process.env.DATABASE_URL;
if (!url) fail('задайте DATABASE_URL базы, из которой удалить демо-учётные записи');

const client = new pg.Client({ connectionString: url });
try {
  await client.connect();
  const removed = await removeDemoAccounts(client);
  log(
    'demo',
    removed.length ? `удалены демо-учётные записи: ${removed.join(', ')}` : 'демо-учётных записей нет',
  );
} catch (err) {
  fail((err as Error).message);
} finally {
  await client.end().catch(() => {});
}
