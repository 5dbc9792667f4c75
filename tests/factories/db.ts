import pg from 'pg';

let pool: pg.Pool | undefined;

/**
 * A direct superuser connection to the test database. Tests use it only to arrange what no API
 * allows (verified email, administrators) and to look behind the API: whether a row really
 * changed, how many rows a refused call wrote. Everything under test goes through PostgREST.
 */
export function testDb(): pg.Pool {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString)
    throw new Error('DATABASE_URL не задан: запускайте через vitest --project integration');
  pool ??= new pg.Pool({ connectionString, max: 4 });
  return pool;
}

export async function closeTestDb(): Promise<void> {
  await pool?.end();
  pool = undefined;
}
