import { runMigrations } from 'graphile-worker';
import { jobLogger } from './logger.ts';

/**
 * Creates or upgrades the graphile_worker schema (graphile-worker's own migrations). Run it before
 * the SQL migrations of supabase/migrations, since they queue jobs with graphile_worker.add_job().
 * Safe on every start: it applies only what is missing, under graphile-worker's own lock.
 */
export async function migrateJobQueue(connectionString: string): Promise<void> {
  await runMigrations({ connectionString, logger: jobLogger() });
}
