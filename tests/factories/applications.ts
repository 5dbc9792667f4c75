/**
 * Postings, résumés and applications for tests, made through the same paths as real ones: the
 * posting operations and the application functions called through PostgREST with each person's
 * own JWT. A direct connection only arranges time (an employer verified long ago) and reads rows.
 */
import type { Json } from '../../src/lib/database.types.ts';
import { opportunitySchema } from '../../src/lib/schemas/opportunity.ts';
import { createOpportunity } from '../../src/lib/server/opportunities/create-opportunity.ts';
import { publishOpportunity } from '../../src/lib/server/opportunities/publish-opportunity.ts';
import { testDb } from './db.ts';
import {
  createAccount,
  createAdministrator,
  createEmployer,
  createStudent,
  createUniversity,
  createUniversityStaff,
  verifyEmployer,
  type TestEmployer,
  type TestMember,
  type TestPerson,
} from './people.ts';

export type Kind = 'internship' | 'practice' | 'stipend' | 'target_agreement' | 'vacancy';

/** The programme every test student studies and every practice posting asks for. */
export const PROGRAMME = '09.03.01';

const POSTINGS: Record<Kind, Record<string, unknown>> = {
  internship: { title: 'Стажировка: инженер-программист', durationWeeks: '8' },
  practice: {
    title: 'Производственная практика в отделе АСУ ТП',
    practiceType: 'industrial',
    programmeCodes: [PROGRAMME],
    seats: '5',
    startsOn: '2031-06-01',
    endsOn: '2031-07-15',
  },
  stipend: {
    title: 'Именная стипендия для программистов',
    payFrom: '15000',
    startsOn: '2031-09-01',
    endsOn: '2032-06-30',
    stipendCount: '3',
  },
  target_agreement: {
    title: 'Целевое обучение: программная инженерия',
    programmeCode: PROGRAMME,
    workYearsAfter: '3',
  },
  vacancy: { title: 'Инженер-программист (выпускник)', employmentType: 'full' },
};

/** The terms make_offer accepts for each kind (app_private.normalize_offer_terms). */
export const OFFER_TERMS: Record<Kind, { [key: string]: Json }> = {
  internship: { position: 'Стажёр-программист', start_date: '2031-02-01', pay: 30000 },
  vacancy: { position: 'Инженер-программист', start_date: '2031-02-01', pay: 90000 },
  practice: { start_date: '2031-06-01', end_date: '2031-07-15', position: 'Практикант' },
  stipend: { start_date: '2031-09-01', amount_per_month: 15000, months: 10 },
  target_agreement: {
    start_date: '2031-09-01',
    work_years: 3,
    support_measures: 'Доплата к стипендии 5 000 ₽',
  },
};

/** An employer verified 40 days ago: its postings are published at once. */
export async function createVerifiedEmployer(admin: TestPerson): Promise<TestEmployer> {
  const employer = await createEmployer();
  await verifyEmployer(admin, employer.organizationId);
  await testDb().query(
    `update public.organizations set verified_at = now() - interval '40 days' where id = $1`,
    [employer.organizationId],
  );
  return employer;
}

/** A colleague of an employer's representative (inviting is tested elsewhere). */
export async function addColleague(employer: TestEmployer): Promise<TestMember> {
  const colleague = await createAccount('colleague');
  await testDb().query(
    `insert into public.profiles (id, role, full_name, email, email_verified)
     values ($1, 'employer_staff', $2, $3, true)`,
    [colleague.id, colleague.fullName, colleague.email],
  );
  await testDb().query(
    `insert into public.memberships (organization_id, profile_id, role) values ($1, $2, 'member')`,
    [employer.organizationId, colleague.id],
  );
  return { ...colleague, organizationId: employer.organizationId };
}

/** A published posting of the kind. */
export async function publishPosting(
  employer: TestEmployer,
  kind: Kind,
  overrides: Record<string, unknown> = {},
) {
  const input = opportunitySchema.parse({
    kind,
    description: 'Описание для теста.',
    districtCode: 'leninsky',
    ...POSTINGS[kind],
    ...overrides,
  });
  const created = await createOpportunity(
    employer.client,
    { userId: employer.id, organizationId: employer.organizationId },
    input,
  );
  if (!created.ok) throw new Error(`публикация не создана: ${created.message}`);
  const published = await publishOpportunity(employer.client, created.id, 30);
  if (!published.ok || published.status !== 'published') {
    throw new Error(`публикация не опубликована: ${JSON.stringify(published)}`);
  }
  return created.id;
}

/** A student (or graduate) of the university with a résumé, ready to apply. */
export async function createApplicant(
  universityId: string,
  role: 'student' | 'graduate' = 'student',
): Promise<TestPerson> {
  const person = await createStudent({ universityId, role, programmeCode: PROGRAMME, yearOfStudy: 3 });
  const { error } = await person.client
    .from('resumes')
    .insert({ profile_id: person.id, headline: 'Начинающий разработчик', skills: ['SQL', 'TypeScript'] });
  if (error) throw new Error(`резюме не сохранено: ${error.message}`);
  return person;
}

export const CONSENT_TEXT =
  'Я даю согласие на передачу моих персональных данных (ФИО, контакты, резюме) работодателю для рассмотрения отклика.';

/** Applies through apply_to_opportunity; returns the application id. */
export async function applyTo(student: TestPerson, opportunityId: string): Promise<string> {
  const { data, error } = await student.client.rpc('apply_to_opportunity', {
    p_opportunity_id: opportunityId,
    p_cover_letter: 'Здравствуйте! Хочу к вам.',
    p_consent_version: '2026-12',
    p_consent_text: CONSENT_TEXT,
  });
  if (error) throw new Error(`отклик не отправлен: ${error.message}`);
  return data![0].application_id;
}

/** Calls a function through PostgREST and throws with its message when it fails. */
export async function ok<T>(what: string, call: PromiseLike<{ data: T; error: { message: string } | null }>) {
  const { data, error } = await call;
  if (error) throw new Error(`${what}: ${error.message}`);
  return data;
}

export interface ApplicationWorld {
  admin: TestMember;
  universityA: string;
  universityB: string;
  staffA: TestMember;
  staffB: TestMember;
  employerA: TestEmployer;
  employerB: TestEmployer;
}

/** Two universities with a staff member each, two verified employers, an administrator. */
export async function createApplicationWorld(): Promise<ApplicationWorld> {
  const admin = await createAdministrator();
  const [universityA, universityB] = await Promise.all([createUniversity(admin), createUniversity(admin)]);
  const [staffA, staffB, employerA, employerB] = await Promise.all([
    createUniversityStaff(admin, universityA),
    createUniversityStaff(admin, universityB),
    createVerifiedEmployer(admin),
    createVerifiedEmployer(admin),
  ]);
  return { admin, universityA, universityB, staffA, staffB, employerA, employerB };
}
