import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../supabase/migrations');

/**
 * Applies supabase/migrations/<version>_<name>.sql in order, each in its own transaction, and records
 * them in supabase_migrations.schema_migrations exactly as the Supabase CLI does, so `supabase db push`
 * against a hosted project sees the same history.
 */
export async function migrate(
  databaseUrl: string,
  onApplied: (file: string) => void = () => {},
): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`
      create schema if not exists supabase_migrations;
      create table if not exists supabase_migrations.schema_migrations (
        version text not null primary key,
        statements text[],
        name text
      );`);
    // Two launchers against one database must not apply the same migration twice.
    await client.query(`select pg_advisory_lock(hashtext('supabase_migrations'))`);
    const { rows } = await client.query<{ version: string }>(
      'select version from supabase_migrations.schema_migrations',
    );
    const applied = new Set(rows.map((r) => r.version));
    const files = readdirSync(MIGRATIONS_DIR)
      .filter((f) => /^\d{14}_.+\.sql$/.test(f))
      .sort();
    let count = 0;
    for (const file of files) {
      const [, version, name] = /^(\d{14})_(.+)\.sql$/.exec(file)!;
      if (applied.has(version)) continue;
      const sql = readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8');
      await client.query('begin');
      try {
        await client.query(sql);
        await client.query(
          'insert into supabase_migrations.schema_migrations (version, statements, name) values ($1, $2, $3)',
          [version, [sql], name],
        );
        await client.query('commit');
      } catch (err) {
        await client.query('rollback');
        throw new Error(`миграция ${file} не применена: ${(err as Error).message}`, { cause: err });
      }
      onApplied(file);
      count++;
    }
    return count;
  } finally {
    await client.end();
  }
}
