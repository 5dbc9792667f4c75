/**
 * How the indicators read at city scale (issue 9, speed; 20261201004400_speed_up_indicator_reads.sql):
 * an administrator's read of outcome_events must not run the per-row check of "events of outcomes I
 * may read" (app_private.can_read_outcome) — at 5 000 target agreements it made their indicator take
 * seconds. Counted with Postgres's own per-transaction function statistics, as the administrator
 * and as another person reading the same rows (who still goes through the check).
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { testDb } from '../factories/db.ts';
import { closeFactories, createAccount, createAdministrator, type TestPerson } from '../factories/people.ts';

let admin: TestPerson;
let student: TestPerson;

beforeAll(async () => {
  admin = await createAdministrator();
  student = await createAccount('student');
});

afterAll(async () => {
  await closeFactories();
});

/** Reads the target agreements' in-force moves as `person`; returns the rows seen and the checks run. */
async function readInForceMoves(person: TestPerson): Promise<{ seen: number; checks: number }> {
  const client = await testDb().connect();
  try {
    await client.query('begin');
    await client.query(`set local track_functions = 'all'`);
    await client.query(
      `insert into public.outcome_events (record_type, record_id, to_status)
       select 'target_agreement', gen_random_uuid(), 'in_force' from generate_series(1, 5)`,
    );
    await client.query(`select set_config('request.jwt.claims', $1, true)`, [
      JSON.stringify({ sub: person.id, role: 'authenticated' }),
    ]);
    await client.query('set local role authenticated');
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from public.outcome_events
        where record_type = 'target_agreement' and to_status = 'in_force'`,
    );
    await client.query('reset role');
    const { rows: calls } = await client.query<{ calls: number }>(
      `select coalesce(sum(calls), 0)::int as calls from pg_stat_xact_user_functions
        where schemaname = 'app_private' and funcname = 'can_read_outcome'`,
    );
    return { seen: rows[0].n, checks: calls[0].calls };
  } finally {
    await client.query('rollback');
    client.release();
  }
}

test('an administrator reads every outcome event without the per-row check', async () => {
  const read = await readInForceMoves(admin);
  expect(read.seen).toBeGreaterThanOrEqual(5);
  expect(read.checks).toBe(0);
});

test('anyone else still goes through the per-row check and sees none of the others’ events', async () => {
  const read = await readInForceMoves(student);
  expect(read.seen).toBe(0);
  expect(read.checks).toBeGreaterThanOrEqual(5);
});
