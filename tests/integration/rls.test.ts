/**
 * The security boundary: Row Level Security and grants of every table PostgREST exposes, tested
 * through PostgREST with each person's own JWT (supabase-js, exactly as the app calls it). A direct
 * superuser connection only looks behind the API: did the row really stay as it was?
 */
import { randomBytes } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CONSENT_VERSION } from '../../src/lib/schemas/auth.ts';
import { anonClient, type Supabase } from '../../src/lib/server/supabase.ts';
import { testDb } from '../factories/db.ts';
import { invalidInn10, validInn10 } from '../factories/inn.ts';
import {
  closeFactories,
  createAccount,
  createAdministrator,
  createEmployer,
  createStudent,
  createUniversity,
  createUniversityStaff,
  inviteToOrganization,
  uniqueEmail,
  verifyEmployer,
  type TestEmployer,
  type TestMember,
  type TestPerson,
} from '../factories/people.ts';

/** The schemas PostgREST serves (PGRST_DB_SCHEMAS in scripts/lib/stack.ts). */
const EXPOSED_SCHEMAS = ['public'];

/** Tables whose cross-tenant behaviour this file tests; a new table must join them. */
const CROSS_TENANT_TESTED = [
  'organizations',
  'profiles',
  'memberships',
  'invitations',
  'consents',
  'saved_searches',
  // employer A against employer B's postings, anon's view: tests/integration/opportunities.test.ts
  'opportunities',
  // each party against the others' placements and the supervisor links: tests/integration/placements.test.ts
  'practice_placements',
  'placement_supervisor_links',
  // another university's staff and another student: tests/integration/student-confirmation.test.ts
  'student_enrolment_events',
  // eight viewers (anon, two students, two employers, two universities, admin) and no direct writes:
  // tests/integration/applications-rls.test.ts
  'applications',
  'application_documents',
  'application_reviews',
  'application_events',
  'data_transfer_consents',
  'employments',
  'stipend_awards',
  'target_agreements',
  'outcome_events',
  // the owner against another student, employers before and after an application, anon:
  // tests/integration/resumes.test.ts
  'resumes',
  'files',
  // both parties, the other employer and university, students, anon: tests/integration/contracts.test.ts
  'partnership_contracts',
  'contract_events',
  // organizer, other organizations, each student, anon: tests/integration/events.test.ts
  'events',
  'event_registrations',
  'event_school_groups',
  'event_history',
  // the administration against employers, students and anon (plans, periods and the drill-down; student
  // numbers and the sign-in log read and written by the administration only): tests/integration/indicators.test.ts
  'programme_periods',
  'indicators',
  'indicator_plans',
  'indicator_plan_history',
  'university_student_numbers',
  'student_sign_in_years',
  // administrators only, everyone else refused: tests/integration/registers-import.test.ts and
  // tests/integration/vacancy-bank.test.ts
  'imports',
  'register_people',
  'vacancy_snapshots',
  'vacancy_snapshot_employers',
];
const REFERENCE_TABLES = ['districts', 'programmes', 'industries'];

interface ApiResult {
  data: unknown;
  error: { message: string; code?: string; hint?: string | null } | null;
}

/** PostgREST refused the call, or the call saw or touched no row. */
function expectRefusedOrNoRows(result: ApiResult) {
  if (result.error) return;
  expect(result.data).toEqual([]);
}

/** PostgREST refused the call outright (a missing grant or a policy's WITH CHECK). */
function expectRefused(result: ApiResult, code?: string) {
  expect(result.error, `ожидался отказ, получено ${JSON.stringify(result.data)}`).not.toBeNull();
  if (code) expect(result.error?.code).toBe(code);
}

/**
 * The same client without the schema's types: for dynamic table names and for the writes the typed
 * schema rightly forbids (which is what these tests try anyway).
 */
const untyped = (client: Supabase) => client as unknown as SupabaseClient;

function ids(result: ApiResult): string[] {
  expect(result.error).toBeNull();
  return (result.data as Array<{ id: string }>).map((row) => row.id);
}

/** The rows as the database holds them (no RLS: the test's superuser connection). */
async function rowsOf(table: string, where: string, params: unknown[]): Promise<unknown[]> {
  const { rows } = await testDb().query<{ row: unknown }>(
    `select to_jsonb(t) as row from public.${table} t where ${where} order by 1`,
    params,
  );
  return rows.map((r) => r.row);
}

async function countOf(table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const { rows } = await testDb().query<{ n: number }>(
    `select count(*)::int as n from public.${table} where ${where}`,
    params,
  );
  return rows[0].n;
}

/** The attempt must change nothing: refused or no row affected, and the row is as it was. */
async function expectUntouched(
  table: string,
  where: string,
  params: unknown[],
  attempt: () => PromiseLike<ApiResult>,
) {
  const before = await rowsOf(table, where, params);
  expect(before, `нет строки ${table} where ${where} для проверки`).toHaveLength(1);
  expectRefusedOrNoRows(await attempt());
  expect(await rowsOf(table, where, params)).toEqual(before);
}

// The cast, made once: two universities with staff and students, employers in each state.
let anon: Supabase;
let admin: TestMember;
let universityX: string;
let universityY: string;
let staffX: TestMember;
let staffY: TestMember;
let studentX1: TestPerson;
let studentX2: TestPerson;
let studentY: TestPerson;
let employerA: TestEmployer; // pending
let employerB: TestEmployer; // pending
let employerV: TestEmployer; // verified by the administration
let pendingInvitationY: { token: string; email: string; id: string };

beforeAll(async () => {
  anon = anonClient();
  admin = await createAdministrator();
  [universityX, universityY] = await Promise.all([createUniversity(admin), createUniversity(admin)]);
  [staffX, staffY] = await Promise.all([
    createUniversityStaff(admin, universityX),
    createUniversityStaff(admin, universityY),
  ]);
  [studentX1, studentX2, studentY, employerA, employerB, employerV] = await Promise.all([
    createStudent({ universityId: universityX, programmeCode: '09.03.01', yearOfStudy: 3 }),
    createStudent({ universityId: universityX, programmeCode: '21.05.04', yearOfStudy: 4 }),
    createStudent({ universityId: universityY, role: 'graduate', programmeCode: '38.03.01' }),
    createEmployer({ industryCode: 'B', districtCode: 'rudnichny' }),
    createEmployer({ industryCode: 'C', districtCode: 'zavodsky' }),
    createEmployer({ industryCode: 'J', districtCode: 'tsentralny' }),
  ]);
  await verifyEmployer(admin, employerV.organizationId);
  // a colleague of university Y invites someone who has not signed up yet
  const email = uniqueEmail('invitee');
  const token = await inviteToOrganization(staffY, universityY, email);
  const { rows } = await testDb().query<{ id: string }>(
    'select id from public.invitations where email = $1 and accepted_at is null',
    [email],
  );
  pendingInvitationY = { token, email, id: rows[0].id };
});

afterAll(async () => {
  await closeFactories();
});

describe('exposed schemas', () => {
  test('every table has Row Level Security enabled', async () => {
    const { rows } = await testDb().query<{ schema: string; name: string; rls: boolean }>(
      `select n.nspname as schema, c.relname as name, c.relrowsecurity as rls
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = any($1) and c.relkind in ('r', 'p')`,
      [EXPOSED_SCHEMAS],
    );
    // the query must see the schema at all, or an empty answer would pass
    expect(rows.map((r) => r.name)).toEqual(
      expect.arrayContaining([...CROSS_TENANT_TESTED, ...REFERENCE_TABLES]),
    );
    expect(rows.filter((r) => !r.rls).map((r) => `${r.schema}.${r.name}`)).toEqual([]);
  });

  test('every table has at least one policy', async () => {
    const { rows } = await testDb().query<{ name: string }>(
      `select n.nspname || '.' || c.relname as name
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = any($1) and c.relkind in ('r', 'p')
          and not exists (select from pg_policy p where p.polrelid = c.oid)`,
      [EXPOSED_SCHEMAS],
    );
    expect(rows.map((r) => r.name)).toEqual([]);
  });

  test('every view is security_invoker and no materialized view is readable by API roles', async () => {
    const { rows } = await testDb().query<{ name: string; kind: string }>(
      `select n.nspname || '.' || c.relname as name, c.relkind::text as kind
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = any($1)
          and ((c.relkind = 'v' and not exists (
                  select from unnest(coalesce(c.reloptions, '{}')) o
                   where o ~* '^security_invoker=(true|on|yes|1)$'))
            or (c.relkind = 'm' and (has_table_privilege('anon', c.oid, 'select')
                                     or has_table_privilege('authenticated', c.oid, 'select'))))`,
      [EXPOSED_SCHEMAS],
    );
    expect(rows).toEqual([]);
  });

  test('security definer functions fix search_path, and PUBLIC executes no function', async () => {
    const { rows } = await testDb().query<{ name: string; problem: string }>(
      `select p.oid::regprocedure::text as name,
              case when p.prosecdef and not exists (
                     select from unnest(coalesce(p.proconfig, '{}')) cfg where cfg like 'search_path=%')
                   then 'security definer без search_path' else 'исполняется ролью PUBLIC' end as problem
         from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = any($1)
          and not exists (select from pg_depend d where d.objid = p.oid and d.deptype = 'e')
          and ((p.prosecdef and not exists (
                  select from unnest(coalesce(p.proconfig, '{}')) cfg where cfg like 'search_path=%'))
            or p.proacl is null
            or exists (select from aclexplode(p.proacl) a where a.grantee = 0 and a.privilege_type = 'EXECUTE'))`,
      [EXPOSED_SCHEMAS],
    );
    expect(rows).toEqual([]);
  });

  test('every table that holds tenant data has a cross-tenant test here', async () => {
    const { rows } = await testDb().query<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = any($1) and c.relkind in ('r', 'p') order by 1`,
      [EXPOSED_SCHEMAS],
    );
    const untested = rows
      .map((r) => r.name)
      .filter((name) => !CROSS_TENANT_TESTED.includes(name) && !REFERENCE_TABLES.includes(name));
    expect(untested, 'добавьте для этих таблиц проверки «чужая организация не видит и не меняет»').toEqual(
      [],
    );
  });
});

describe('reference data is public and read-only', () => {
  const attempts: Record<string, { insert: Record<string, unknown>; key: string; probe: string }> = {
    districts: {
      insert: { code: 'test_area', name: 'Тестовый район', kind: 'area', sort_order: 99 },
      key: 'code',
      probe: 'tsentralny',
    },
    programmes: {
      insert: {
        code: '99.03.99',
        name: 'Тестовое направление',
        level: 'bachelor',
        group_code: '99.00.00',
        group_name: 'Тест',
      },
      key: 'code',
      probe: '09.03.01',
    },
    industries: { insert: { code: 'U', name: 'Тест' }, key: 'code', probe: 'C' },
  };

  for (const table of REFERENCE_TABLES) {
    test(`${table}: anon, a student and even an administrator only read it`, async () => {
      const { insert, key, probe } = attempts[table];
      const countBefore = await countOf(table);
      for (const [who, client] of [
        ['anon', untyped(anon)],
        ['student', untyped(studentX1.client)],
        ['administrator', untyped(admin.client)],
      ] as const) {
        const read = await client.from(table).select('*').eq(key, probe);
        expect(read.error, who).toBeNull();
        expect(read.data, who).toHaveLength(1);

        expectRefused(await client.from(table).insert(insert).select(), '42501');
        await expectUntouched(table, `${key} = $1`, [probe], () =>
          client.from(table).update({ name: 'Изменено' }).eq(key, probe).select(),
        );
        await expectUntouched(table, `${key} = $1`, [probe], () =>
          client.from(table).delete().eq(key, probe).select(),
        );
      }
      expect(await countOf(table)).toBe(countBefore);
    });
  }
});

describe('organizations', () => {
  test('anon sees universities and verified employers, never pending ones', async () => {
    const seen = ids(
      await anon
        .from('organizations')
        .select('id')
        .in('id', [
          universityX,
          universityY,
          employerV.organizationId,
          employerA.organizationId,
          employerB.organizationId,
        ]),
    );
    expect(seen.sort()).toEqual([universityX, universityY, employerV.organizationId].sort());
    const pending = await anon.from('organizations').select('id, verification_status').eq('kind', 'employer');
    expect(pending.error).toBeNull();
    expect(pending.data?.every((o) => o.verification_status === 'verified')).toBe(true);
  });

  test('an employer sees its own pending organization, not another pending employer', async () => {
    const seen = ids(await employerA.client.from('organizations').select('id'));
    expect(seen).toContain(employerA.organizationId);
    expect(seen).toContain(employerV.organizationId);
    expect(seen).not.toContain(employerB.organizationId);
    const direct = await employerA.client
      .from('organizations')
      .select('*')
      .eq('id', employerB.organizationId);
    expectRefusedOrNoRows(direct);
  });

  test('students and university staff do not see pending employers either', async () => {
    for (const person of [studentX1, staffX]) {
      const seen = ids(await person.client.from('organizations').select('id'));
      expect(seen).toContain(universityX);
      expect(seen).not.toContain(employerA.organizationId);
      expect(seen).not.toContain(employerB.organizationId);
    }
  });

  test('an employer cannot change or delete another employer (pending or verified)', async () => {
    for (const target of [employerB, employerV]) {
      await expectUntouched('organizations', 'id = $1', [target.organizationId], () =>
        employerA.client
          .from('organizations')
          .update({ name: 'ООО «Захвачено»', description: 'Чужая правка' })
          .eq('id', target.organizationId)
          .select(),
      );
      await expectUntouched('organizations', 'id = $1', [target.organizationId], () =>
        employerA.client.from('organizations').delete().eq('id', target.organizationId).select(),
      );
    }
  });

  test('university staff edit their own university, never another one', async () => {
    const own = await staffX.client
      .from('organizations')
      .update({ description: 'Центр карьеры: ул. Красная, 6' })
      .eq('id', universityX)
      .select('id');
    expect(ids(own)).toEqual([universityX]);

    await expectUntouched('organizations', 'id = $1', [universityY], () =>
      staffX.client
        .from('organizations')
        .update({ description: 'Чужая правка' })
        .eq('id', universityY)
        .select(),
    );
    await expectUntouched('organizations', 'id = $1', [universityY], () =>
      staffX.client.from('organizations').delete().eq('id', universityY).select(),
    );
  });

  test('students cannot edit their university', async () => {
    await expectUntouched('organizations', 'id = $1', [universityX], () =>
      studentX1.client
        .from('organizations')
        .update({ description: 'Студенческая правка' })
        .eq('id', universityX)
        .select(),
    );
  });

  test('only the administration adds organizations', async () => {
    const before = await countOf('organizations');
    const employerRow = { kind: 'employer' as const, name: 'ООО «Самозванец»', industry_code: 'C' };
    const universityRow = { kind: 'university' as const, name: 'Университет-самозванец' };
    expectRefused(await anon.from('organizations').insert(universityRow).select());
    for (const person of [employerA, staffX, studentX1]) {
      expectRefused(await person.client.from('organizations').insert(employerRow).select());
      expectRefused(await person.client.from('organizations').insert(universityRow).select());
    }
    // nor as an already verified employer, even by the administration: that takes the verification call
    expectRefused(
      await admin.client
        .from('organizations')
        .insert({ ...employerRow, verification_status: 'verified' as const, inn: validInn10() })
        .select(),
    );
    expect(await countOf('organizations')).toBe(before);
  });

  test('anon changes and deletes no organization', async () => {
    await expectUntouched('organizations', 'id = $1', [universityX], () =>
      anon.from('organizations').update({ name: 'Аноним' }).eq('id', universityX).select(),
    );
    await expectUntouched('organizations', 'id = $1', [employerV.organizationId], () =>
      anon.from('organizations').delete().eq('id', employerV.organizationId).select(),
    );
  });
});

describe('profiles', () => {
  test('a student reads only their own profile', async () => {
    expect(ids(await studentX1.client.from('profiles').select('id'))).toEqual([studentX1.id]);
    expectRefusedOrNoRows(await studentX1.client.from('profiles').select('*').eq('id', studentX2.id));
    expectRefusedOrNoRows(await studentX1.client.from('profiles').select('*').eq('id', studentY.id));
  });

  test('an employer reads only their own profile, not another employer nor students', async () => {
    expect(ids(await employerA.client.from('profiles').select('id'))).toEqual([employerA.id]);
    expectRefusedOrNoRows(await employerA.client.from('profiles').select('*').eq('id', employerB.id));
  });

  test('university staff see their own students and colleagues, not those of another university', async () => {
    const seenByX = ids(await staffX.client.from('profiles').select('id'));
    expect(seenByX).toEqual(expect.arrayContaining([staffX.id, studentX1.id, studentX2.id]));
    for (const foreign of [studentY.id, staffY.id, employerA.id, admin.id])
      expect(seenByX).not.toContain(foreign);

    const seenByY = ids(await staffY.client.from('profiles').select('id'));
    expect(seenByY).toContain(studentY.id);
    for (const foreign of [studentX1.id, studentX2.id, staffX.id]) expect(seenByY).not.toContain(foreign);
  });

  test('nobody changes or deletes another person’s profile', async () => {
    const pairs: Array<[TestPerson, TestPerson]> = [
      [studentX1, studentX2],
      [studentX1, studentY],
      [employerA, employerB],
      [staffX, staffY],
      // staff may read their students, but not edit them
      [staffX, studentX1],
    ];
    for (const [actor, target] of pairs) {
      await expectUntouched('profiles', 'id = $1', [target.id], () =>
        actor.client
          .from('profiles')
          .update({ full_name: 'Подменённое Имя', about: 'чужая правка' })
          .eq('id', target.id)
          .select(),
      );
      await expectUntouched('profiles', 'id = $1', [target.id], () =>
        actor.client.from('profiles').delete().eq('id', target.id).select(),
      );
    }
  });

  test('profiles are created only by the registration functions', async () => {
    const stranger = await createAccount('stranger');
    expectRefused(
      await stranger.client
        .from('profiles')
        .insert({
          id: stranger.id,
          role: 'administrator',
          full_name: stranger.fullName,
          email: stranger.email,
        })
        .select(),
    );
    expect(await countOf('profiles', 'id = $1', [stranger.id])).toBe(0);
  });
});

describe('memberships', () => {
  test('a person sees memberships of their own organization only', async () => {
    const a = await employerA.client.from('memberships').select('organization_id, profile_id');
    expect(a.error).toBeNull();
    expect(a.data).toEqual([{ organization_id: employerA.organizationId, profile_id: employerA.id }]);

    expectRefusedOrNoRows(
      await employerA.client.from('memberships').select('*').eq('organization_id', employerB.organizationId),
    );
    expectRefusedOrNoRows(
      await staffX.client.from('memberships').select('*').eq('organization_id', universityY),
    );
    expectRefusedOrNoRows(await studentX1.client.from('memberships').select('*'));
  });

  test('nobody joins another organization by inserting a membership', async () => {
    const attempts: Array<[TestPerson, string]> = [
      [employerA, employerB.organizationId],
      [staffX, universityY],
      [studentX1, universityX],
      [employerA, admin.organizationId],
    ];
    for (const [person, organizationId] of attempts) {
      expectRefused(
        await person.client
          .from('memberships')
          .insert({ organization_id: organizationId, profile_id: person.id, role: 'owner' })
          .select(),
      );
      expect(
        await countOf('memberships', 'organization_id = $1 and profile_id = $2', [organizationId, person.id]),
      ).toBe(0);
    }
  });

  test('nobody changes or removes a membership of another organization', async () => {
    const where = 'organization_id = $1 and profile_id = $2';
    for (const [actor, target] of [
      [employerA, employerB],
      [staffX, staffY],
    ] as const) {
      const key = [target.organizationId, target.id];
      await expectUntouched('memberships', where, key, () =>
        actor.client
          .from('memberships')
          .update({ role: 'member' })
          .eq('organization_id', target.organizationId)
          .eq('profile_id', target.id)
          .select(),
      );
      await expectUntouched('memberships', where, key, () =>
        actor.client
          .from('memberships')
          .delete()
          .eq('organization_id', target.organizationId)
          .eq('profile_id', target.id)
          .select(),
      );
    }
  });
});

describe('invitations', () => {
  test('a university sees its own invitations, not those of another university', async () => {
    expect(ids(await staffY.client.from('invitations').select('id'))).toContain(pendingInvitationY.id);
    for (const person of [staffX, employerA, studentY]) {
      expectRefusedOrNoRows(
        await person.client.from('invitations').select('*').eq('id', pendingInvitationY.id),
      );
      expectRefusedOrNoRows(
        await person.client.from('invitations').select('*').eq('organization_id', universityY),
      );
    }
  });

  test('only members of a university (or the administration) invite to it', async () => {
    const before = await countOf('invitations', 'organization_id = $1', [universityY]);
    for (const person of [staffX, employerA, studentY]) {
      const result = await person.client.rpc('create_invitation', {
        p_organization_id: universityY,
        p_email: uniqueEmail('intruder-invite'),
      });
      expectRefused(result, '42501');
    }
    // an employer not verified yet does not invite, not even to its own organization (a verified
    // one invites colleagues: tests/integration/employer-invitations.test.ts)
    expectRefused(
      await employerA.client.rpc('create_invitation', {
        p_organization_id: employerA.organizationId,
        p_email: uniqueEmail('colleague'),
      }),
    );
    expectRefused(
      await anon.rpc('create_invitation', {
        p_organization_id: universityY,
        p_email: uniqueEmail('anon-invite'),
      }),
    );
    expect(await countOf('invitations', 'organization_id = $1', [universityY])).toBe(before);
    // the positive case, so that the refusals above are about who asks
    const token = await inviteToOrganization(staffX, universityX, uniqueEmail('colleague-x'));
    expect(token).toMatch(/^[0-9a-f]{48}$/);
  });

  test('nobody writes invitations directly', async () => {
    const before = await countOf('invitations');
    for (const person of [staffX, staffY, admin]) {
      expectRefused(
        await person.client
          .from('invitations')
          .insert({
            organization_id: universityY,
            email: uniqueEmail('forged'),
            role: 'administrator',
            token_hash: randomBytes(32).toString('hex'),
          })
          .select(),
      );
    }
    expect(await countOf('invitations')).toBe(before);
    for (const person of [staffX, staffY]) {
      await expectUntouched('invitations', 'id = $1', [pendingInvitationY.id], () =>
        person.client
          .from('invitations')
          .update({ email: person.email, role: 'administrator', revoked_at: new Date().toISOString() })
          .eq('id', pendingInvitationY.id)
          .select(),
      );
      await expectUntouched('invitations', 'id = $1', [pendingInvitationY.id], () =>
        person.client.from('invitations').delete().eq('id', pendingInvitationY.id).select(),
      );
    }
  });

  test('invitation_preview shows anon what the link is for, and nothing more', async () => {
    const preview = await anon.rpc('invitation_preview', { p_token: pendingInvitationY.token });
    expect(preview.error).toBeNull();
    const { rows } = await testDb().query<{ name: string }>(
      'select name from public.organizations where id = $1',
      [universityY],
    );
    expect(preview.data).toEqual([
      {
        organization_name: rows[0].name,
        email: pendingInvitationY.email,
        role: 'university_staff',
        expires_at: expect.any(String),
        state: 'valid',
      },
    ]);
    // a made-up token, or the stored hash of a real one, reveals nothing
    const { rows: hashes } = await testDb().query<{ token_hash: string }>(
      'select token_hash from public.invitations where id = $1',
      [pendingInvitationY.id],
    );
    for (const token of [randomBytes(24).toString('hex'), hashes[0].token_hash, '']) {
      const nothing = await anon.rpc('invitation_preview', { p_token: token });
      expect(nothing.error).toBeNull();
      expect(nothing.data).toEqual([]);
    }
  });

  test('an invitation is accepted only by its address, and only once', async () => {
    const organization = universityY;
    const membersBefore = await countOf('memberships', 'organization_id = $1', [organization]);
    const email = uniqueEmail('new-staff');
    const token = await inviteToOrganization(admin, organization, email);
    const accept = (person: TestPerson) =>
      person.client.rpc('accept_invitation', {
        p_token: token,
        p_full_name: person.fullName,
        p_position: 'Методист',
        p_consent_version: CONSENT_VERSION,
      });

    // someone else who got hold of the link
    const intruder = await createAccount('intruder');
    const wrongAddress = await accept(intruder);
    expectRefused(wrongAddress, '42501');
    expect(wrongAddress.error?.hint).toBe('email');
    expect(await countOf('profiles', 'id = $1', [intruder.id])).toBe(0);
    expect(
      await countOf(
        'invitations',
        'token_hash = encode(extensions.digest($1, $2), $3) and accepted_at is null',
        [token, 'sha256', 'hex'],
      ),
    ).toBe(1);

    // the invitee accepts
    const invitee = await createAccount('new-staff', { email });
    const accepted = await accept(invitee);
    expect(accepted.error).toBeNull();
    expect(accepted.data).toBe(organization);
    expect(await countOf('memberships', 'organization_id = $1', [organization])).toBe(membersBefore + 1);
    const used = await anon.rpc('invitation_preview', { p_token: token });
    expect((used.data as Array<{ state: string }>)[0].state).toBe('accepted');

    // the address passes to a new account later (the first one changed its email): the used link
    // must not make that account a member too
    await testDb().query(`update better_auth."user" set email = $2 where id = $1`, [
      invitee.id,
      uniqueEmail('moved'),
    ]);
    const successor = await createAccount('successor', { email });
    const reused = await accept(successor);
    expectRefused(reused);
    expect(reused.error?.hint).toBe('token');
    expect(await countOf('profiles', 'id = $1', [successor.id])).toBe(0);
    expect(await countOf('memberships', 'organization_id = $1', [organization])).toBe(membersBefore + 1);
  });
});

describe('consents', () => {
  test('a person sees their own consent, nobody else’s (not even their university staff)', async () => {
    const own = await studentX1.client.from('consents').select('profile_id, text_version');
    expect(own.error).toBeNull();
    expect(own.data).toEqual([{ profile_id: studentX1.id, text_version: CONSENT_VERSION }]);

    const pairs: Array<[TestPerson, TestPerson]> = [
      [studentX1, studentX2],
      [employerA, employerB],
      [staffX, studentX1],
      [staffX, staffY],
    ];
    for (const [actor, target] of pairs) {
      expectRefusedOrNoRows(await actor.client.from('consents').select('*').eq('profile_id', target.id));
    }
  });

  test('nobody records, changes or deletes a consent through the API', async () => {
    const before = await countOf('consents');
    expectRefused(
      await studentX1.client
        .from('consents')
        .insert({ profile_id: studentX2.id, text_version: 'поддельная' })
        .select(),
    );
    expect(await countOf('consents')).toBe(before);
    for (const [actor, target] of [
      [studentX1, studentX2],
      [employerA, employerB],
    ] as const) {
      await expectUntouched('consents', 'profile_id = $1', [target.id], () =>
        actor.client
          .from('consents')
          .update({ withdrawn_at: new Date().toISOString() })
          .eq('profile_id', target.id)
          .select(),
      );
      await expectUntouched('consents', 'profile_id = $1', [target.id], () =>
        actor.client.from('consents').delete().eq('profile_id', target.id).select(),
      );
    }
  });
});

describe('saved_searches', () => {
  const save = (person: TestPerson, name: string) =>
    person.client
      .from('saved_searches')
      .insert({
        name,
        query: 'q=%D0%B8%D0%BD%D0%B6%D0%B5%D0%BD%D0%B5%D1%80&kind=internship',
        frequency: 'daily',
      })
      .select('id, profile_id')
      .single();

  test('a student cannot read, change or delete another student’s saved search', async () => {
    const mine = await save(studentX1, 'Мой поиск');
    const theirs = await save(studentX2, 'Чужой поиск');
    expect(mine.error).toBeNull();
    expect(theirs.error).toBeNull();
    expect(mine.data?.profile_id).toBe(studentX1.id);
    const theirId = theirs.data!.id;

    const own = await studentX1.client.from('saved_searches').select('id');
    expect(ids(own)).toContain(mine.data!.id);
    expect(ids(own)).not.toContain(theirId);
    // nobody else sees it either: not the university's staff, an employer, the administration or anon
    for (const actor of [studentX1, staffX, employerA, admin]) {
      expectRefusedOrNoRows(await actor.client.from('saved_searches').select('id').eq('id', theirId));
    }
    expectRefusedOrNoRows(await anon.from('saved_searches').select('id').eq('id', theirId));

    for (const actor of [studentX1, studentY, staffX]) {
      await expectUntouched('saved_searches', 'id = $1', [theirId], () =>
        actor.client
          .from('saved_searches')
          .update({ name: 'Перехвачено', frequency: 'weekly' })
          .eq('id', theirId)
          .select('id'),
      );
      await expectUntouched('saved_searches', 'id = $1', [theirId], () =>
        actor.client.from('saved_searches').delete().eq('id', theirId).select('id'),
      );
    }
    // their own: changed and deleted
    const renamed = await studentX2.client
      .from('saved_searches')
      .update({ frequency: 'weekly' })
      .eq('id', theirId)
      .select('frequency');
    expect(renamed.data).toEqual([{ frequency: 'weekly' }]);
    expect(
      ids(await studentX2.client.from('saved_searches').delete().eq('id', theirId).select('id')),
    ).toEqual([theirId]);
  });

  test('only students and graduates save searches, each for themself', async () => {
    const before = await countOf('saved_searches');
    expectRefused(
      await studentX1.client
        .from('saved_searches')
        .insert({ profile_id: studentX2.id, name: 'Подброшенный', query: '' })
        .select('id'),
    );
    for (const actor of [employerA, staffX, admin]) {
      expectRefused(
        await actor.client.from('saved_searches').insert({ name: 'Не студент', query: '' }).select('id'),
      );
    }
    expectRefused(await untyped(anon).from('saved_searches').insert({ name: 'Аноним', query: '' }));
    expect(await countOf('saved_searches')).toBe(before);
    const graduate = await save(studentY, 'Вакансии для выпускника');
    expect(graduate.error).toBeNull();
  });

  test('the alert time and the unsubscribe token hash belong to the worker', async () => {
    const mine = await save(studentX1, 'Поиск с рассылкой');
    const id = mine.data!.id;
    await expectUntouched('saved_searches', 'id = $1', [id], () =>
      studentX1.client
        .from('saved_searches')
        .update({ last_sent_at: new Date().toISOString() })
        .eq('id', id)
        .select('id'),
    );
    await expectUntouched('saved_searches', 'id = $1', [id], () =>
      studentX1.client
        .from('saved_searches')
        .update({ unsubscribe_token_hash: 'a'.repeat(64) })
        .eq('id', id)
        .select('id'),
    );
    expectRefused(
      await studentX1.client.from('saved_searches').select('unsubscribe_token_hash').eq('id', id),
    );
    // an unknown token unsubscribes nothing
    const before = await countOf('saved_searches');
    const miss = await anon.rpc('unsubscribe_saved_search', {
      p_token: randomBytes(32).toString('base64url'),
    });
    expect(miss.error).toBeNull();
    expect(miss.data).toBeNull();
    expect(await countOf('saved_searches')).toBe(before);
  });
});

describe('anon reads no personal data', () => {
  for (const table of ['profiles', 'memberships', 'invitations', 'consents', 'saved_searches']) {
    test(`${table}`, async () => {
      // there is something to leak, so an empty answer means something
      expect(await countOf(table)).toBeGreaterThan(0);
      expectRefusedOrNoRows(await untyped(anon).from(table).select('*'));
    });
  }

  test('anon calls no registration or trust function', async () => {
    expectRefused(
      await anon.rpc('register_person', {
        p_role: 'student',
        p_full_name: 'Аноним Анонимов',
        p_university_id: universityX,
        p_programme_code: '09.03.01',
        p_year_of_study: 1,
        p_graduation_year: 2030,
        p_consent_version: CONSENT_VERSION,
      }),
    );
    expectRefused(
      await anon.rpc('set_employer_verification', {
        p_organization_id: employerA.organizationId,
        p_status: 'verified',
      }),
    );
  });
});

describe('opportunity contacts', () => {
  /** A posting of the verified employer with contacts, arranged over the direct connection. */
  async function postingOfV(status: 'published' | 'draft', email: string): Promise<string> {
    const { rows } = await testDb().query<{ id: string }>(
      `insert into public.opportunities (organization_id, kind, status, title, contact_name, contact_email,
                                         contact_phone, published_at, expires_at)
       values ($1, 'internship', $2::public.opportunity_status, 'Стажировка в отделе эксплуатации',
               'Ирина Петрова', $3, '+7 (3842) 45-67-89',
               case when $2 = 'published' then now() end, now() + interval '30 days')
       returning id`,
      [employerV.organizationId, status, email],
    );
    return rows[0].id;
  }

  test('anon cannot read the contact columns of published postings in bulk', async () => {
    const published = await postingOfV('published', uniqueEmail('hr'));
    // the public columns stay readable
    const open = await anon.from('opportunities').select('id, title, published_at').eq('id', published);
    expect(ids(open)).toEqual([published]);
    // every way of naming a contact column is refused, not answered without it
    for (const columns of ['contact_email', 'contact_name', 'contact_phone', 'id, contact_email', '*']) {
      expectRefused(await untyped(anon).from('opportunities').select(columns), '42501');
    }
    expectRefused(
      await untyped(anon)
        .from('organizations')
        .select('id, opportunities(contact_email)')
        .eq('id', employerV.organizationId),
      '42501',
    );
    // nor the author or moderation data
    for (const columns of ['created_by', 'moderated_by', 'moderation_note']) {
      expectRefused(await untyped(anon).from('opportunities').select(columns), '42501');
    }
  });

  test('opportunity_contacts gives one public posting’s contacts, nothing for a draft', async () => {
    const email = uniqueEmail('hr');
    const published = await postingOfV('published', email);
    const draft = await postingOfV('draft', uniqueEmail('hr-draft'));
    const shown = await anon.rpc('opportunity_contacts', { p_id: published });
    expect(shown.error).toBeNull();
    expect(shown.data).toEqual([
      { contact_name: 'Ирина Петрова', contact_email: email, contact_phone: '+7 (3842) 45-67-89' },
    ]);
    for (const client of [anon, studentX1.client]) {
      const hidden = await client.rpc('opportunity_contacts', { p_id: draft });
      expect(hidden.error).toBeNull();
      expect(hidden.data).toEqual([]);
    }
    // an expired posting, or one of an employer that is not verified, shows none either
    await testDb().query(
      `update public.opportunities set expires_at = now() - interval '1 minute' where id = $1`,
      [published],
    );
    expect((await anon.rpc('opportunity_contacts', { p_id: published })).data).toEqual([]);
  });

  // Issue 10 item 21: the posting page reads the posting and its contacts in one request.
  test('public_opportunity gives one public posting with its names and contacts, nothing else', async () => {
    const email = uniqueEmail('hr');
    const published = await postingOfV('published', email);
    const draft = await postingOfV('draft', uniqueEmail('hr-draft'));
    const shown = await anon.rpc('public_opportunity', { p_id: published });
    expect(shown.error).toBeNull();
    const posting = shown.data as Record<string, unknown>;
    expect(posting).toMatchObject({
      id: published,
      status: 'published',
      organization_id: employerV.organizationId,
      organizations: { id: employerV.organizationId },
      contact_name: 'Ирина Петрова',
      contact_email: email,
      contact_phone: '+7 (3842) 45-67-89',
    });
    // the public columns only: nothing anon may not select from the table itself
    for (const column of ['created_by', 'moderated_by', 'moderation_note', 'description_markdown']) {
      expect(posting).not.toHaveProperty(column);
    }
    for (const client of [anon, studentX1.client]) {
      const hidden = await client.rpc('public_opportunity', { p_id: draft });
      expect(hidden.error).toBeNull();
      expect(hidden.data).toBeNull();
    }
    await testDb().query(
      `update public.opportunities set expires_at = now() - interval '1 minute' where id = $1`,
      [published],
    );
    expect((await anon.rpc('public_opportunity', { p_id: published })).data).toBeNull();
  });
});

describe('trust columns', () => {
  test('an employer edits its description but not its verification status or ИНН', async () => {
    const own = await employerA.client
      .from('organizations')
      .update({ description: 'Добыча угля открытым способом, 1200 сотрудников' })
      .eq('id', employerA.organizationId)
      .select('id');
    expect(ids(own)).toEqual([employerA.organizationId]);

    const where = 'id = $1';
    const before = await rowsOf('organizations', where, [employerA.organizationId]);
    for (const change of [
      { verification_status: 'verified' },
      { verified_at: new Date().toISOString() },
      { inn: validInn10() },
      { kind: 'university' },
    ]) {
      expectRefused(
        await untyped(employerA.client)
          .from('organizations')
          .update(change)
          .eq('id', employerA.organizationId)
          .select(),
        '42501',
      );
    }
    expect(await rowsOf('organizations', where, [employerA.organizationId])).toEqual(before);
  });

  test('a student edits their profile but not their role or email', async () => {
    const own = await studentX1.client
      .from('profiles')
      .update({ about: 'Ищу практику по разработке ПО' })
      .eq('id', studentX1.id)
      .select('id');
    expect(ids(own)).toEqual([studentX1.id]);

    const before = await rowsOf('profiles', 'id = $1', [studentX1.id]);
    for (const change of [
      { role: 'administrator' },
      { role: 'university_staff' },
      { email_verified: false },
      { email: 'other@example.test' },
    ]) {
      expectRefused(
        await untyped(studentX1.client).from('profiles').update(change).eq('id', studentX1.id).select(),
        '42501',
      );
    }
    expect(await rowsOf('profiles', 'id = $1', [studentX1.id])).toEqual(before);
  });

  test('only the administration verifies employers', async () => {
    const before = await rowsOf('organizations', 'id = $1', [employerB.organizationId]);
    for (const person of [employerB, employerA, staffX, studentX1]) {
      const result = await person.client.rpc('set_employer_verification', {
        p_organization_id: employerB.organizationId,
        p_status: 'verified',
      });
      expectRefused(result, '42501');
    }
    expect(await rowsOf('organizations', 'id = $1', [employerB.organizationId])).toEqual(before);
  });

  test('after the administration verifies an employer, anon and other employers see it', async () => {
    const employer = await createEmployer({ industryCode: 'D' });
    const visible = async (client: Supabase) =>
      ids(await client.from('organizations').select('id').eq('id', employer.organizationId)).length === 1;
    expect(await visible(anon)).toBe(false);
    expect(await visible(employerA.client)).toBe(false);

    const decision = await admin.client.rpc('set_employer_verification', {
      p_organization_id: employer.organizationId,
      p_status: 'verified',
    });
    expect(decision.error).toBeNull();
    // whom to notify: the employer's own people
    expect(decision.data).toEqual([
      { email: employer.email, full_name: employer.fullName, organization_name: employer.organizationName },
    ]);
    expect(await visible(anon)).toBe(true);
    expect(await visible(employerA.client)).toBe(true);
  });
});

describe('register_employer', () => {
  test('validInn10 makes ИНН the database accepts, invalidInn10 ones it refuses', async () => {
    const valid = Array.from({ length: 25 }, validInn10);
    const invalid = Array.from({ length: 25 }, invalidInn10);
    const { rows } = await testDb().query<{ inn: string; ok: boolean }>(
      'select inn, app_private.inn_is_valid(inn) as ok from unnest($1::text[]) inn',
      [[...valid, ...invalid]],
    );
    expect(rows.filter((r) => r.ok).map((r) => r.inn)).toEqual(valid);
  });

  test('an ИНН with a wrong check digit is refused and nothing is written', async () => {
    const person = await createAccount('employer-typo');
    const tables = ['organizations', 'profiles', 'memberships', 'consents'];
    const before = await Promise.all(tables.map((t) => countOf(t)));
    const register = (inn: string) =>
      person.client.rpc('register_employer', {
        p_full_name: person.fullName,
        p_position: 'Директор',
        p_organization_name: 'ООО «Опечатка»',
        p_inn: inn,
        p_industry_code: 'F',
        p_district_code: 'leninsky',
        p_address: 'г. Кемерово, ул. Весенняя, д. 5',
        p_website: 'https://example.test',
        p_consent_version: CONSENT_VERSION,
      });

    const inn = invalidInn10();
    expectRefused(await register(inn));
    expect(await Promise.all(tables.map((t) => countOf(t)))).toEqual(before);
    expect(await countOf('organizations', 'inn = $1', [inn])).toBe(0);

    // the same person then registers with the corrected ИНН: the failed call left no half profile
    const fixed = await register(validInn10());
    expect(fixed.error).toBeNull();
    expect(await countOf('profiles', 'id = $1', [person.id])).toBe(1);
  });

  test('an ИНН already on the platform cannot be registered again', async () => {
    const person = await createAccount('employer-duplicate');
    const before = await countOf('organizations');
    const result = await person.client.rpc('register_employer', {
      p_full_name: person.fullName,
      p_position: 'Директор',
      p_organization_name: 'ООО «Двойник»',
      p_inn: employerB.inn,
      p_industry_code: 'C',
      p_district_code: 'kirovsky',
      p_address: '',
      p_website: '',
      p_consent_version: CONSENT_VERSION,
    });
    expectRefused(result);
    expect(await countOf('organizations')).toBe(before);
    expect(await countOf('memberships', 'organization_id = $1', [employerB.organizationId])).toBe(1);
  });
});
