/**
 * Who reads what of applications and their outcomes, through PostgREST with each person's own JWT:
 * anonymous, the student, another student, the posting's employer, another employer, the student's
 * university staff, another university's staff and the administration, for every table of the
 * applications migration. University staff follow their students' practice applications and every
 * outcome, never the documents (cover letter, résumé) nor the employer's notes. The hire's
 * confirmation token hash is unreadable to everyone, and nobody writes these tables directly: every
 * write goes through the move functions.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { anonClient, type Supabase } from '../../src/lib/server/supabase.ts';
import {
  applyTo,
  createApplicant,
  createApplicationWorld,
  OFFER_TERMS,
  ok,
  publishPosting,
  type ApplicationWorld,
} from '../factories/applications.ts';
import { testDb } from '../factories/db.ts';
import { closeFactories, type TestPerson } from '../factories/people.ts';

let world: ApplicationWorld;
let student: TestPerson;
let otherStudent: TestPerson;
const apps = { practice: '', vacancy: '', stipend: '', target: '' };
const outcomes = { employment: '', placement: '', award: '', agreement: '' };

type Viewer =
  | 'anon'
  | 'student'
  | 'otherStudent'
  | 'employer'
  | 'otherEmployer'
  | 'university'
  | 'otherUniversity'
  | 'admin';
const VIEWERS: Viewer[] = [
  'anon',
  'student',
  'otherStudent',
  'employer',
  'otherEmployer',
  'university',
  'otherUniversity',
  'admin',
];

function clientOf(viewer: Viewer): Supabase {
  switch (viewer) {
    case 'anon':
      return anonClient();
    case 'student':
      return student.client;
    case 'otherStudent':
      return otherStudent.client;
    case 'employer':
      return world.employerA.client;
    case 'otherEmployer':
      return world.employerB.client;
    case 'university':
      return world.staffA.client;
    case 'otherUniversity':
      return world.staffB.client;
    case 'admin':
      return world.admin.client;
  }
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  world = await createApplicationWorld();
  [student, otherStudent] = await Promise.all([
    createApplicant(world.universityA),
    createApplicant(world.universityA),
  ]);
  const { employerA } = world;
  const rpc = employerA.client.rpc.bind(employerA.client);
  const offered = async (kind: 'practice' | 'vacancy' | 'stipend' | 'target_agreement') => {
    const id = await applyTo(student, await publishPosting(employerA, kind));
    await ok('просмотр', rpc('mark_application_viewed', { p_id: id }));
    await ok('предложение', rpc('make_offer', { p_id: id, p_terms: OFFER_TERMS[kind], p_answer_by: day(7) }));
    return id;
  };
  apps.practice = await offered('practice');
  apps.vacancy = await offered('vacancy');
  apps.stipend = await offered('stipend');
  apps.target = await offered('target_agreement');
  outcomes.placement = (await ok(
    'принято',
    student.client.rpc('accept_offer', { p_id: apps.practice }),
  )) as string;
  outcomes.award = (await ok(
    'принято',
    student.client.rpc('accept_offer', { p_id: apps.stipend }),
  )) as string;
  outcomes.agreement = (await ok(
    'принято',
    student.client.rpc('accept_offer', { p_id: apps.target }),
  )) as string;
  await ok('принято', student.client.rpc('accept_offer', { p_id: apps.vacancy }));
  outcomes.employment = (await ok(
    'приём',
    rpc('record_hire', {
      p_id: apps.vacancy,
      p_start_date: day(10),
      p_position: 'Инженер-программист',
      p_document_kind: 'contract',
      p_document_number: 'ТД-5',
      p_document_date: day(0),
    }),
  )) as string;
  await testDb().query('select app_private.issue_employment_confirmation($1)', [outcomes.employment]);
  for (const id of [apps.practice, apps.vacancy]) {
    await ok('заметка', rpc('review_application', { p_id: id, p_rating: 5, p_notes: 'Внутренняя заметка' }));
  }
  // something of other people in the same tables, so "sees nothing" is not "the table is empty"
  await applyTo(otherStudent, await publishPosting(world.employerB, 'vacancy'));
});

afterAll(async () => {
  await closeFactories();
});

const ALL_APPS = () => Object.values(apps).sort();
const ALL_OUTCOMES = () => Object.values(outcomes).sort();

interface Case {
  table: string;
  /** The column that names the student's rows, and their values. */
  column: string;
  values: () => string[];
  /** What each viewer sees of them (the column's values, sorted). */
  sees: Partial<Record<Viewer, () => string[]>>;
}

const everyone = (values: () => string[], viewers: Viewer[]) =>
  Object.fromEntries(viewers.map((v) => [v, values])) as Partial<Record<Viewer, () => string[]>>;

const CASES: Case[] = [
  {
    table: 'applications',
    column: 'id',
    values: ALL_APPS,
    sees: { ...everyone(ALL_APPS, ['student', 'employer', 'admin']), university: () => [apps.practice] },
  },
  {
    table: 'application_documents',
    column: 'application_id',
    values: ALL_APPS,
    sees: everyone(ALL_APPS, ['student', 'employer', 'admin']),
  },
  {
    table: 'application_reviews',
    column: 'application_id',
    values: () => [apps.practice, apps.vacancy].sort(),
    sees: everyone(() => [apps.practice, apps.vacancy].sort(), ['employer', 'admin']),
  },
  {
    table: 'application_events',
    column: 'application_id',
    values: ALL_APPS,
    sees: { ...everyone(ALL_APPS, ['student', 'employer', 'admin']), university: () => [apps.practice] },
  },
  {
    table: 'data_transfer_consents',
    column: 'profile_id',
    values: () => [student.id],
    sees: everyone(() => [student.id], ['student', 'employer', 'admin']),
  },
  {
    table: 'employments',
    column: 'id',
    values: () => [outcomes.employment],
    sees: everyone(() => [outcomes.employment], ['student', 'employer', 'university', 'admin']),
  },
  {
    table: 'practice_placements',
    column: 'id',
    values: () => [outcomes.placement],
    sees: everyone(() => [outcomes.placement], ['student', 'employer', 'university', 'admin']),
  },
  {
    table: 'stipend_awards',
    column: 'id',
    values: () => [outcomes.award],
    sees: everyone(() => [outcomes.award], ['student', 'employer', 'university', 'admin']),
  },
  {
    table: 'target_agreements',
    column: 'id',
    values: () => [outcomes.agreement],
    sees: everyone(() => [outcomes.agreement], ['student', 'employer', 'university', 'admin']),
  },
  {
    table: 'outcome_events',
    column: 'record_id',
    values: ALL_OUTCOMES,
    sees: everyone(ALL_OUTCOMES, ['student', 'employer', 'university', 'admin']),
  },
];

/** The distinct values of `column` the viewer can read among the student's rows; [] when refused. */
async function visible(viewer: Viewer, c: Case): Promise<string[]> {
  // (only the column asked for: `select *` on employments is refused by the column grants)
  const { data, error } = await clientOf(viewer)
    .from(c.table as 'applications')
    .select(c.column as 'id')
    .in(c.column as 'id', c.values());
  if (error) {
    // anonymous visitors have no grant on these tables at all
    expect(viewer, `${c.table}: ${error.message}`).toBe('anon');
    expect(error.code).toBe('42501');
    return [];
  }
  return [...new Set((data as Record<string, string>[]).map((row) => row[c.column]))].sort();
}

describe('who reads what', () => {
  for (const c of CASES) {
    test(`${c.table}`, async () => {
      // the rows exist (as the database holds them) …
      const { rows } = await testDb().query(
        `select distinct ${c.column}::text as v from public.${c.table} where ${c.column}::text = any ($1)`,
        [c.values()],
      );
      expect(rows.map((r) => r.v).sort()).toEqual(c.values());
      // … and each viewer sees exactly their share
      for (const viewer of VIEWERS) {
        const expected = c.sees[viewer]?.() ?? [];
        expect(await visible(viewer, c), `${c.table} глазами ${viewer}`).toEqual(expected);
      }
    });
  }

  test('the hire’s confirmation token hash is unreadable to everyone, even to filter by', async () => {
    const { rows } = await testDb().query('select confirm_token_hash from public.employments where id = $1', [
      outcomes.employment,
    ]);
    expect(rows[0].confirm_token_hash).toMatch(/^[0-9a-f]{64}$/);
    for (const viewer of VIEWERS) {
      const client = clientOf(viewer);
      const read = await client
        .from('employments')
        .select('id, confirm_token_hash')
        .eq('id', outcomes.employment);
      expect(read.error?.code, viewer).toBe('42501');
      const filtered = await client
        .from('employments')
        .select('id')
        .eq('confirm_token_hash' as 'id', rows[0].confirm_token_hash);
      expect(filtered.error?.code, viewer).toBe('42501');
    }
  });

  test('university staff see their students’ practice application with its timeline, not the letter or the notes', async () => {
    const staff = world.staffA.client;
    const { data: application } = await staff
      .from('applications')
      .select('id, status, kind')
      .eq('id', apps.practice);
    expect(application).toEqual([{ id: apps.practice, status: 'accepted', kind: 'practice' }]);
    const { data: events } = await staff
      .from('application_events')
      .select('to_status')
      .eq('application_id', apps.practice)
      .order('id');
    expect(events!.map((e) => e.to_status)).toEqual(['submitted', 'viewed', 'offer', 'accepted']);
    const { data: documents } = await staff
      .from('application_documents')
      .select('cover_letter')
      .eq('application_id', apps.practice);
    expect(documents).toEqual([]);
    const { data: reviews } = await staff
      .from('application_reviews')
      .select('notes')
      .eq('application_id', apps.practice);
    expect(reviews).toEqual([]);
  });
});

/** Every row of the student's in these tables, as the database holds them. */
async function allRows() {
  const out: Record<string, unknown[]> = {};
  for (const c of CASES) {
    const { rows } = await testDb().query(
      `select * from public.${c.table} where ${c.column}::text = any ($1) order by 1`,
      [c.values()],
    );
    out[c.table] = rows;
  }
  return out;
}

const CHANGES: Record<string, { set: Record<string, unknown>; insert: Record<string, unknown> }> = {
  applications: { set: { status: 'hired' }, insert: { status: 'hired' } },
  application_documents: {
    set: { cover_letter: 'подделка' },
    insert: { cover_letter: 'подделка', resume_snapshot: {} },
  },
  application_reviews: { set: { notes: 'подделка', rating: 1 }, insert: { notes: 'подделка' } },
  application_events: { set: { note: 'подделка' }, insert: { to_status: 'hired', actor_side: 'employer' } },
  data_transfer_consents: { set: { withdrawn_at: new Date().toISOString() }, insert: { text_version: 'x' } },
  employments: {
    set: { status: 'confirmed', person_confirmed_at: new Date().toISOString() },
    insert: { position: 'x' },
  },
  practice_placements: {
    set: { status: 'completed' },
    insert: { starts_on: '2031-01-01', ends_on: '2031-02-01' },
  },
  stipend_awards: {
    set: { status: 'active' },
    insert: { amount_per_month: 1, months: 1, starts_on: '2031-01-01' },
  },
  target_agreements: { set: { status: 'in_force' }, insert: { work_years: 3 } },
  outcome_events: {
    set: { note: 'подделка' },
    insert: { record_type: 'employment', to_status: 'confirmed' },
  },
};

describe('nobody writes these tables directly', () => {
  test('INSERT, UPDATE and DELETE by every signed-in party are refused and change nothing', async () => {
    const before = await allRows();
    const writers: Viewer[] = ['anon', 'student', 'employer', 'university', 'admin'];
    for (const c of CASES) {
      const { set, insert } = CHANGES[c.table];
      const first = c.values()[0];
      for (const viewer of writers) {
        const table = clientOf(viewer).from(c.table as 'applications');
        const inserted = await table.insert({ [c.column]: first, ...insert } as never).select();
        expect(inserted.error, `${viewer} INSERT ${c.table}`).not.toBeNull();
        const updated = await table
          .update(set as never)
          .in(c.column as 'id', c.values())
          .select();
        expect(updated.error !== null || updated.data?.length === 0, `${viewer} UPDATE ${c.table}`).toBe(
          true,
        );
        const deleted = await table
          .delete()
          .in(c.column as 'id', c.values())
          .select();
        expect(deleted.error !== null || deleted.data?.length === 0, `${viewer} DELETE ${c.table}`).toBe(
          true,
        );
      }
    }
    expect(await allRows()).toEqual(before);
  });
});
