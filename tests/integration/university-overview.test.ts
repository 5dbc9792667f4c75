/**
 * University staff's read-only overviews (issue 7 item 6): their own students' applications to
 * practice postings and every outcome record of their students — through PostgREST with the staff
 * member's own JWT, as /university/applications and /university/outcomes read them. Never another
 * university's, never an application to another kind, never cover letters, résumés or notes.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { opportunitySchema } from '../../src/lib/schemas/opportunity.ts';
import { parseUniversityApplicationsQuery } from '../../src/lib/schemas/university.ts';
import { applyToOpportunity } from '../../src/lib/server/applications/apply.ts';
import { loadStudentOutcomes } from '../../src/lib/server/applications/university/load-student-outcomes.ts';
import { loadStudentPracticeApplications } from '../../src/lib/server/applications/university/load-student-practice-applications.ts';
import { closeOpportunity } from '../../src/lib/server/opportunities/close-opportunity.ts';
import { createOpportunity } from '../../src/lib/server/opportunities/create-opportunity.ts';
import { publishOpportunity } from '../../src/lib/server/opportunities/publish-opportunity.ts';
import { testDb } from '../factories/db.ts';
import {
  closeFactories,
  createAdministrator,
  createEmployer,
  createStudent,
  createUniversity,
  createUniversityStaff,
  verifyEmployer,
  type TestEmployer,
  type TestMember,
  type TestPerson,
} from '../factories/people.ts';

const meta = { ip: '203.0.113.9', userAgent: 'vitest university-overview' };
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const filters = (query = '') => parseUniversityApplicationsQuery(new URLSearchParams(query)).filters;

let employer: TestEmployer;
let universityA: string;
let universityB: string;
let staffA: TestMember;
let staffB: TestMember;
let studentA: TestPerson;
let studentB: TestPerson;
let graduateA: TestPerson;
let practiceId: string;
const PRACTICE_TITLE = `Производственная практика на участке ${Date.now().toString(36)}`;
const ids = {} as {
  practiceA: string;
  practiceB: string;
  vacancyA: string;
  hireA: string;
};

async function posting(overrides: Record<string, unknown>): Promise<string> {
  const input = opportunitySchema.parse({ description: 'Описание', districtCode: 'leninsky', ...overrides });
  const created = await createOpportunity(
    employer.client,
    { userId: employer.id, organizationId: employer.organizationId },
    input,
  );
  if (!created.ok) throw new Error(`публикация не создана: ${created.message}`);
  const published = await publishOpportunity(employer.client, created.id, 30);
  if (!published.ok || published.status !== 'published') throw new Error('публикация не опубликована');
  return created.id;
}

async function apply(person: TestPerson, opportunityId: string): Promise<string> {
  await person.client
    .from('resumes')
    .insert({ profile_id: person.id, headline: 'Резюме', skills: ['Excel'] });
  const result = await applyToOpportunity(person.client, {
    opportunityId,
    coverLetter: 'Секретное сопроводительное письмо',
    consent: 'on',
    applicantName: person.fullName,
    meta,
  });
  if (!result.ok) throw new Error(`отклик не создан: ${result.message}`);
  return result.applicationId;
}

async function rpc(what: string, call: PromiseLike<{ error: { message: string } | null }>) {
  const { error } = await call;
  if (error) throw new Error(`${what}: ${error.message}`);
}

/** The employer makes an offer with these terms and the person accepts it. */
async function offerAccepted(person: TestPerson, id: string, terms: Record<string, string | number>) {
  await rpc('просмотр', employer.client.rpc('mark_application_viewed', { p_id: id }));
  await rpc(
    'предложение',
    employer.client.rpc('make_offer', { p_id: id, p_terms: terms, p_answer_by: day(7) }),
  );
  await rpc('согласие', person.client.rpc('accept_offer', { p_id: id }));
}

beforeAll(async () => {
  const admin = await createAdministrator();
  employer = await createEmployer();
  await verifyEmployer(admin, employer.organizationId);
  await testDb().query(
    `update public.organizations set verified_at = now() - interval '40 days' where id = $1`,
    [employer.organizationId],
  );
  [universityA, universityB] = await Promise.all([createUniversity(admin), createUniversity(admin)]);
  [staffA, staffB] = await Promise.all([
    createUniversityStaff(admin, universityA),
    createUniversityStaff(admin, universityB),
  ]);
  [studentA, studentB, graduateA] = await Promise.all([
    createStudent({ universityId: universityA, programmeCode: '18.03.01', yearOfStudy: 3 }),
    createStudent({ universityId: universityB, programmeCode: '18.03.01', yearOfStudy: 3 }),
    createStudent({ universityId: universityA, role: 'graduate', programmeCode: '18.03.01' }),
  ]);
  practiceId = await posting({
    kind: 'practice',
    title: PRACTICE_TITLE,
    practiceType: 'industrial',
    programmeCodes: ['18.03.01'],
    universityIds: [universityA, universityB],
    yearsOfStudy: ['3'],
    seats: '3',
    startsOn: '2031-06-01',
    endsOn: '2031-07-15',
  });
  const vacancyId = await posting({ kind: 'vacancy', title: 'Инженер (выпускник)', employmentType: 'full' });
  ids.practiceA = await apply(studentA, practiceId);
  ids.practiceB = await apply(studentB, practiceId);
  ids.vacancyA = await apply(studentA, vacancyId);
  ids.hireA = await apply(graduateA, vacancyId);
  // the employer's internal notes on the practice application
  await rpc(
    'заметки',
    employer.client.rpc('review_application', {
      p_id: ids.practiceA,
      p_rating: 4,
      p_notes: 'Внутренняя заметка',
    }),
  );
  const practiceTerms = { start_date: '2031-06-01', end_date: '2031-07-15', position: 'Участок сборки' };
  await offerAccepted(studentA, ids.practiceA, practiceTerms);
  await offerAccepted(studentB, ids.practiceB, practiceTerms);
  await offerAccepted(graduateA, ids.hireA, { position: 'Инженер', start_date: day(10), pay: 60000 });
  await rpc(
    'приём',
    employer.client.rpc('record_hire', {
      p_id: ids.hireA,
      p_start_date: day(10),
      p_position: 'Инженер',
      p_document_kind: 'order',
      p_document_number: '12-к',
      p_document_date: day(0),
    }),
  );
  // the practice posting is closed afterwards: the university's list still names it
  const closed = await closeOpportunity(employer.client, practiceId);
  if (!closed.ok) throw new Error(`публикация не закрыта: ${closed.message}`);
});

afterAll(async () => {
  await closeFactories();
});

describe('the university’s students’ practice applications', () => {
  test('its own students’ practice applications, with the closed posting’s title; not other kinds, not another university’s', async () => {
    const a = await loadStudentPracticeApplications(staffA.client, universityA, filters());
    expect(a.rows.map((r) => r.id)).toEqual([ids.practiceA]);
    expect(a.total).toBe(1);
    expect(a.rows[0]).toMatchObject({
      studentName: studentA.fullName,
      postingTitle: PRACTICE_TITLE,
      employer: expect.stringContaining(employer.organizationName.slice(0, 10)),
      status: 'accepted',
      yearOfStudy: 3,
    });
    expect(a.programmes.map((p) => p.value)).toContain('18.03.01');

    const b = await loadStudentPracticeApplications(staffB.client, universityB, filters());
    expect(b.rows.map((r) => r.id)).toEqual([ids.practiceB]);
    // asking for the other university's students gives nothing: RLS, not the query, decides
    const foreign = await loadStudentPracticeApplications(staffA.client, universityB, filters());
    expect(foreign.rows).toEqual([]);
    expect(foreign.total).toBe(0);
  });

  test('filters by state and programme', async () => {
    const accepted = await loadStudentPracticeApplications(
      staffA.client,
      universityA,
      filters('state=accepted'),
    );
    expect(accepted.rows.map((r) => r.id)).toEqual([ids.practiceA]);
    const submitted = await loadStudentPracticeApplications(
      staffA.client,
      universityA,
      filters('state=submitted'),
    );
    expect(submitted.rows).toEqual([]);
    const programme = await loadStudentPracticeApplications(
      staffA.client,
      universityA,
      filters('programme=18.03.01'),
    );
    expect(programme.rows.map((r) => r.id)).toEqual([ids.practiceA]);
    const other = await loadStudentPracticeApplications(
      staffA.client,
      universityA,
      filters('programme=09.03.01'),
    );
    expect(other.rows).toEqual([]);
    // nonsense in the URL is dropped and named, never an error
    expect(parseUniversityApplicationsQuery(new URLSearchParams('state=hacked&programme=1&page=0'))).toEqual({
      filters: { state: null, programme: null, page: 1 },
      ignored: ['state', 'programme', 'page'],
    });
  });

  test('never cover letters, résumés or the employer’s notes, and no applications to other kinds', async () => {
    for (const table of ['application_documents', 'application_reviews'] as const) {
      const { data, error } = await staffA.client.from(table).select('*').eq('application_id', ids.practiceA);
      expect(error).toBeNull();
      expect(data).toEqual([]);
    }
    const { data: vacancy } = await staffA.client
      .from('applications')
      .select('id')
      .in('id', [ids.vacancyA, ids.hireA]);
    expect(vacancy).toEqual([]);
    // the rows exist: it is RLS that hides them
    const { rows } = await testDb().query<{ n: number }>(
      `select (select count(*)::int from public.application_documents where application_id = $1)
            + (select count(*)::int from public.application_reviews where application_id = $1) as n`,
      [ids.practiceA],
    );
    expect(rows[0].n).toBe(2);
  });
});

describe('the university’s students’ outcomes', () => {
  test('every outcome record of its own students and graduates, none of another university', async () => {
    const a = await loadStudentOutcomes(staffA.client, universityA);
    expect(a.placements.rows.map((p) => p.person)).toEqual([studentA.fullName]);
    expect(a.placements.rows[0]).toMatchObject({
      status: 'awaiting_university',
      startsOn: '2031-06-01',
      endsOn: '2031-07-15',
      practiceType: 'industrial',
    });
    expect(a.employments.rows.map((e) => e.person)).toEqual([graduateA.fullName]);
    expect(a.employments.rows[0]).toMatchObject({
      status: 'awaiting_confirmation',
      position: 'Инженер',
      document: { kind: 'order', number: '12-к' },
    });
    expect(a.stipends.rows).toEqual([]);
    expect(a.agreements.rows).toEqual([]);

    const b = await loadStudentOutcomes(staffB.client, universityB);
    expect(b.placements.rows.map((p) => p.person)).toEqual([studentB.fullName]);
    expect(b.employments.rows).toEqual([]);
    // asking for the other university by id gives nothing either
    const foreign = await loadStudentOutcomes(staffA.client, universityB);
    expect(foreign.placements.rows).toEqual([]);
  });
});
