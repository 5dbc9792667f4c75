/**
 * `npm run db:migrate` — applies graphile-worker's schema and supabase/migrations/*.sql to
 * DATABASE_URL (a hosted or self-hosted Supabase database), recording the versions in
 * supabase_migrations.schema_migrations exactly as `supabase db push` does.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { migrateJobQueue } from '../src/lib/server/jobs/migrate-queue.ts';
import { fail, log } from './lib/log.ts';
import { migrate } from './lib/migrate.ts';

const root = path.resolve(import.meta.dirname, '..');
if (existsSync(path.join(root, '.env'))) process.loadEnvFile(path.join(root, '.env'));
const url = process.env.DATABASE_URL;
if (!url) fail('задайте DATABASE_URL (для встроенной базы миграции применяет npm start)');

try {
  await migrateJobQueue(url);
  const applied = await migrate(url, (file) => log('migrate', file));
  log('migrate', applied ? `применено миграций: ${applied}` : 'схема актуальна');
} catch (err) {
  fail((err as Error).message);
}
