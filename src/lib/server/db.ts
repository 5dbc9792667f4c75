import pg from 'pg';
import { config } from './config.ts';

/**
 * A direct Postgres pool, for the parts that own their own schemas like a Supabase service does:
 * better-auth (schema better_auth), the job queue and the email outbox. Domain data is never read
 * or written through it on behalf of a user: that goes through PostgREST with the user's JWT.
 */
let pool: pg.Pool | undefined;

export function db(): pg.Pool {
  if (!pool) {
    pool = new pg.Pool({ connectionString: config().databaseUrl, max: 10 });
    // An idle connection dropped by a Postgres restart must not take the process down.
    pool.on('error', (err) => console.warn(`[db] соединение закрыто: ${err.message}`));
  }
  return pool;
}

export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

export async function closeDb(): Promise<void> {
  await pool?.end();
  pool = undefined;
}
