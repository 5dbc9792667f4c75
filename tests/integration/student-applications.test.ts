/**
 * The student's side of applications below the web pages: applying, the eligibility refusals and
 * the consent, withdrawing, answering an offer and confirming a hire — the operations of
 * src/lib/server/applications called through PostgREST with each person's own JWT, as the routes
 * call them. A direct superuser connection only arranges what no API allows (a passed apply-by
 * date, the worker's one-time link) and counts rows behind the API.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TRANSFER_CONSENT_VERSION } from '../../src/lib/consents/transfer-to-employer.ts';
import { applySchema } from '../../src/lib/schemas/application.ts';
import { opportunitySchema } from '../../src/lib/schemas/opportunity.ts';
import { acceptOffer } from '../../src/lib/server/applications/accept-offer.ts';
import { applyToOpportunity } from '../../src/lib/server/applications/apply.ts';
import {
  confirmEmploymentByToken,
  employmentByToken,
} from '../../src/lib/server/applications/confirm-employment.ts';
import { confirmMyEmployment } from '../../src/lib/server/applications/confirm-my-employment.ts';
import { declineOffer } from '../../src/lib/server/applications/decline-offer.ts';
import { loadApplyBlock } from '../../src/lib/server/applications/load-apply-block.ts';
import { loadStudentApplication } from '../../src/lib/server/applications/load-student-application.ts';
import { loadStudentApplications } from '../../src/lib/server/applications/load-student-applications.ts';
import { withdrawApplication } from '../../src/lib/server/applications/withdraw-application.ts';
import { closeOpportunity } from '../../src/lib/server/opportunities/close-opportunity.ts';
import { createOpportunity } from '../../src/lib/server/opportunities/create-opportunity.ts';
import { publishOpportunity } from '../../src/lib/server/opportunities/publish-opportunity.ts';
import { anonClient } from '../../src/lib/server/supabase.ts';
import { testDb } from '../factories/db.ts';
import {
  closeFactories,
  createAdministrator,
  createEmployer,
  createStudent,
  createUniversity,
  verifyEmployer,
  type TestEmployer,
  type TestPerson,
} from '../factories/people.ts';

const meta = { ip: '203.0.113.7', userAgent: 'vitest student-applications' };

let employer: TestEmployer;
let universityA: string;
let universityB: string;
/** КузГТУ-like: university A, 18.03.01, year 3, with a résumé. */
let student: TestPerson;

async function posting(overrides: Record<string, unknown>): Promise<string> {
  const input = opportunitySchema.parse({
    title: 'Публикация для проверки откликов',
    description: 'Описание',
    districtCode: 'leninsky',
    ...overrides,
  });
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

const vacancy = (title = 'Инженер-технолог (выпускник)') =>
  posting({ kind: 'vacancy', title, employmentType: 'full' });

const practice = () =>
  posting({
    kind: 'practice',
    title: 'Производственная практика в цехе',
    practiceType: 'industrial',
    programmeCodes: ['18.03.01'],
    universityIds: [universityA],
    yearsOfStudy: ['3'],
    seats: '3',
    startsOn: '2031-06-01',
    endsOn: '2031-07-15',
  });

async function withResume(person: TestPerson): Promise<TestPerson> {
  const { error } = await person.client
    .from('resumes')
    .insert({ profile_id: person.id, headline: 'Студент-технолог', skills: ['AutoCAD'] });
  if (error) throw new Error(`резюме: ${error.message}`);
  return person;
}

async function studentOf(
  universityId: string,
  options: { role?: 'student' | 'graduate'; programmeCode?: string; yearOfStudy?: number } = {},
) {
  return withResume(
    await createStudent({ universityId, programmeCode: '18.03.01', yearOfStudy: 3, ...options }),
  );
}

const apply = (person: TestPerson, opportunityId: string, coverLetter = 'Здравствуйте! Хочу к вам.') =>
  applyToOpportunity(person.client, {
    opportunityId,
    coverLetter,
    consent: 'on',
    applicantName: person.fullName,
    meta,
  });

/** What the person has written: applications, consents, events (behind the API). */
async function footprint(personId: string) {
  const { rows } = await testDb().query<{ applications: number; consents: number; events: number }>(
    `select (select count(*)::int from public.applications where applicant_id = $1) as applications,
            (select count(*)::int from public.data_transfer_consents where profile_id = $1) as consents,
            (select count(*)::int from public.application_events e
               join public.applications a on a.id = e.application_id where a.applicant_id = $1) as events`,
    [personId],
  );
  return rows[0];
}

async function statusOf(id: string): Promise<string> {
  const { rows } = await testDb().query<{ status: string }>(
    'select status from public.applications where id = $1',
    [id],
  );
  return rows[0].status;
}

/** The employer moves the application to an offer (the employer's side is tested elsewhere). */
async function offer(id: string, terms: Record<string, unknown> = {}) {
  const viewed = await employer.client.rpc('mark_application_viewed', { p_id: id });
  expect(viewed.error).toBeNull();
  const answerBy = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const made = await employer.client.rpc('make_offer', {
    p_id: id,
    p_terms: { position: 'Инженер-технолог', start_date: answerBy, pay: 60000, ...terms },
    p_answer_by: answerBy,
  });
  expect(made.error).toBeNull();
}

beforeAll(async () => {
  const admin = await createAdministrator();
  employer = await createEmployer();
  await verifyEmployer(admin, employer.organizationId);
  // verified long ago: postings go straight to search, no moderation
  await testDb().query(
    `update public.organizations set verified_at = now() - interval '40 days' where id = $1`,
    [employer.organizationId],
  );
  [universityA, universityB] = await Promise.all([createUniversity(admin), createUniversity(admin)]);
  student = await studentOf(universityA);
});

afterAll(async () => {
  await closeFactories();
});

describe('applying', () => {
  test('a student applies with their own JWT: one application, the frozen letter, the consent with the employer’s ИНН', async () => {
    const id = await vacancy();
    const before = await footprint(student.id);
    const result = await apply(student, id, 'Здравствуйте!\nИнтересует работа технологом.');
    expect(result).toMatchObject({ ok: true, created: true });
    if (!result.ok) return;

    const { rows } = await testDb().query(
      `select a.status, a.applicant_id, d.cover_letter, c.organization_inn, c.organization_name, c.text_version,
              c.consent_text, host(c.ip) as ip, c.user_agent, c.profile_id
         from public.applications a
         join public.application_documents d on d.application_id = a.id
         join public.data_transfer_consents c on c.id = a.consent_id
        where a.id = $1`,
      [result.applicationId],
    );
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row).toMatchObject({
      status: 'submitted',
      applicant_id: student.id,
      cover_letter: 'Здравствуйте!\nИнтересует работа технологом.',
      organization_inn: employer.inn,
      organization_name: employer.organizationName,
      text_version: TRANSFER_CONSENT_VERSION,
      ip: meta.ip,
      user_agent: meta.userAgent,
      profile_id: student.id,
    });
    // the very text shown: this employer by name and ИНН, purpose, data, term and how to withdraw
    expect(row.consent_text).toContain(`${employer.organizationName} (ИНН ${employer.inn}`);
    expect(row.consent_text).toContain('Цель:');
    expect(row.consent_text).toContain('Какие данные:');
    expect(row.consent_text).toContain('Срок:');
    expect(row.consent_text).toContain('Как отозвать:');
    expect(row.consent_text).toContain(student.fullName);
    expect(await footprint(student.id)).toEqual({
      applications: before.applications + 1,
      consents: before.consents + 1,
      events: before.events + 1,
    });

    // the same request again (a double click, a second tab) lands on the same application
    const again = await apply(student, id);
    expect(again).toEqual({ ok: true, applicationId: result.applicationId, created: false });
    expect((await footprint(student.id)).applications).toBe(before.applications + 1);

    // the posting page now shows the application instead of the form
    const block = await loadApplyBlock(student.client, { id: student.id, fullName: student.fullName }, id);
    expect(block).toMatchObject({
      state: 'applied',
      application: { id: result.applicationId, status: 'submitted' },
    });

    // the application page lists the consent with its text, the frozen letter and the timeline
    const page = await loadStudentApplication(student.client, student.id, result.applicationId);
    expect(page?.application.consent?.organization_inn).toBe(employer.inn);
    expect(page?.application.consent?.consent_text).toBe(row.consent_text);
    expect(page?.application.documents?.cover_letter).toBe('Здравствуйте!\nИнтересует работа технологом.');
    expect(page?.events.map((e) => [e.actor_side, e.from_status, e.to_status])).toEqual([
      ['applicant', null, 'submitted'],
    ]);
  });

  test('the form offers the consent worded for this employer; visitors are asked to sign in', async () => {
    const id = await vacancy('Мастер участка');
    const open = await loadApplyBlock(student.client, { id: student.id, fullName: student.fullName }, id);
    expect(open.state).toBe('open');
    if (open.state !== 'open') return;
    expect(open.consent.version).toBe(TRANSFER_CONSENT_VERSION);
    expect(open.consent.employer).toMatchObject({ name: employer.organizationName, inn: employer.inn });
    expect(open.consent.text).toContain(`ИНН ${employer.inn}`);

    expect(await loadApplyBlock(anonClient(), null, id)).toEqual({
      state: 'refused',
      message: 'Войдите как студент или выпускник, чтобы откликнуться.',
      fix: 'sign-in',
    });
  });

  describe('eligibility is refused in Russian, and nothing is written', () => {
    test('a graduate applying to a practice', async () => {
      const graduate = await studentOf(universityA, { role: 'graduate' });
      const id = await practice();
      const before = await footprint(graduate.id);
      expect(await apply(graduate, id)).toMatchObject({
        ok: false,
        message: 'Практика — для студентов: в профиле вы указаны как выпускник.',
      });
      expect(await footprint(graduate.id)).toEqual(before);
    });

    test('a student of another university', async () => {
      const other = await studentOf(universityB);
      const id = await practice();
      const before = await footprint(other.id);
      expect(await apply(other, id)).toMatchObject({
        ok: false,
        status: 400,
        message:
          'Работодатель принимает отклики только от студентов указанных вузов. Проверьте вуз в профиле.',
      });
      expect(await footprint(other.id)).toEqual(before);
    });

    test('a programme the practice is not for', async () => {
      const economist = await studentOf(universityA, { programmeCode: '38.03.01' });
      const id = await practice();
      const before = await footprint(economist.id);
      expect(await apply(economist, id)).toMatchObject({
        ok: false,
        message:
          'Ваше направление подготовки не входит в список направлений этой публикации. Проверьте его в профиле.',
      });
      expect(await footprint(economist.id)).toEqual(before);
      // the right student is welcome
      expect(await apply(student, id)).toMatchObject({ ok: true, created: true });
    });

    test('a closed posting', async () => {
      const id = await vacancy('Закрытая вакансия');
      expect(await closeOpportunity(employer.client, id)).toEqual({ ok: true });
      const before = await footprint(student.id);
      expect(await apply(student, id)).toMatchObject({
        ok: false,
        status: 409,
        message: 'Публикация закрыта: отклики больше не принимаются.',
      });
      expect(await footprint(student.id)).toEqual(before);
    });

    test('a posting whose apply-by date has passed', async () => {
      const id = await vacancy('Вакансия с прошедшим сроком');
      const { rows } = await testDb().query<{ shown: string }>(
        `update public.opportunities set apply_by = (now() at time zone 'Asia/Novokuznetsk')::date - 2
          where id = $1 returning to_char(apply_by, 'DD.MM.YYYY') as shown`,
        [id],
      );
      const before = await footprint(student.id);
      expect(await apply(student, id)).toMatchObject({
        ok: false,
        message: `Приём откликов закончился ${rows[0].shown}.`,
      });
      expect(await footprint(student.id)).toEqual(before);
    });

    test('no résumé yet', async () => {
      const fresh = await createStudent({ universityId: universityA });
      const id = await vacancy('Вакансия без резюме');
      const block = await loadApplyBlock(fresh.client, { id: fresh.id, fullName: fresh.fullName }, id);
      expect(block).toEqual({
        state: 'refused',
        message: 'Сначала заполните резюме: работодатель увидит его вместе с откликом.',
        fix: 'resume',
      });
      expect(await apply(fresh, id)).toMatchObject({
        ok: false,
        message: block.state === 'refused' ? block.message : '',
      });
      expect(await footprint(fresh.id)).toEqual({ applications: 0, consents: 0, events: 0 });
    });
  });

  test('the consent is worded from the posting as it is when applying, also after a recent read', async () => {
    const id = await vacancy('Оператор установки');
    const first = await studentOf(universityA);
    expect(await apply(first, id)).toMatchObject({ ok: true, created: true });
    // the process now words consents for this posting from that read; the title changes meanwhile
    await testDb().query(
      `update public.opportunities set title = 'Старший оператор установки' where id = $1`,
      [id],
    );
    const second = await studentOf(universityA);
    const result = await apply(second, id);
    expect(result).toMatchObject({ ok: true, created: true });
    const { rows } = await testDb().query<{ consent_text: string }>(
      `select c.consent_text from public.applications a join public.data_transfer_consents c on c.id = a.consent_id
        where a.applicant_id = $1`,
      [second.id],
    );
    expect(rows[0].consent_text).toContain('«Старший оператор установки»');

    // the database itself refuses a text worded from values that are not the rows', writing nothing
    const third = await studentOf(universityA);
    const refused = await third.client.rpc('apply_to_opportunity', {
      p_opportunity_id: id,
      p_cover_letter: '',
      p_consent_version: TRANSFER_CONSENT_VERSION,
      p_consent_text:
        'Согласие на передачу данных работодателю, составленное по устаревшим данным публикации.',
      p_posting_title: 'Оператор установки',
      p_employer_name: employer.organizationName,
      p_employer_inn: employer.inn,
    });
    expect(refused.error).toMatchObject({ code: '22023', hint: 'consent_outdated' });
    expect(await footprint(third.id)).toEqual({ applications: 0, consents: 0, events: 0 });
  });

  test('50 concurrent identical requests from one student give exactly one application', async () => {
    const person = await studentOf(universityA);
    const id = await vacancy('Вакансия под нагрузкой');
    const results = await Promise.all(Array.from({ length: 50 }, () => apply(person, id)));
    expect(results.every((r) => r.ok)).toBe(true);
    const ok = results.filter((r): r is Extract<typeof r, { ok: true }> => r.ok);
    expect(new Set(ok.map((r) => r.applicationId)).size).toBe(1);
    expect(ok.filter((r) => r.created)).toHaveLength(1);
    expect(await footprint(person.id)).toEqual({ applications: 1, consents: 1, events: 1 });
  });

  test('a 3 001-character letter is refused at the field and nothing is written', async () => {
    const id = await vacancy('Вакансия с длинным письмом');
    const long = 'я'.repeat(3001);
    const parsed = applySchema.safeParse({ coverLetter: long, consent: 'on' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ['coverLetter'],
      message: 'Сопроводительное письмо — не длиннее 3 000 знаков',
    });
    // 3 000 characters with line breaks as browsers send them (CRLF) are 3 000, not more
    const withBreaks = `${'я'.repeat(1499)}\r\n${'я'.repeat(1500)}`;
    expect(applySchema.parse({ coverLetter: withBreaks, consent: 'on' }).coverLetter).toHaveLength(3000);

    // the database refuses it too, whatever the form did
    const before = await footprint(student.id);
    expect(await apply(student, id, long)).toMatchObject({
      ok: false,
      field: 'coverLetter',
      message: 'Сопроводительное письмо — не длиннее 3 000 знаков',
    });
    expect(await footprint(student.id)).toEqual(before);
  });

  test('without the consent the form is refused', () => {
    const parsed = applySchema.safeParse({ coverLetter: '' });
    expect(parsed.error?.issues[0].path).toEqual(['consent']);
  });
});

describe('the student’s moves', () => {
  test('accept, decline and withdraw from a wrong state are refused and change nothing', async () => {
    const person = await studentOf(universityA);
    const id = await vacancy('Вакансия для ответов');
    const applied = await apply(person, id);
    if (!applied.ok) throw new Error(applied.message);
    const app = applied.applicationId;
    const before = await footprint(person.id);

    expect(await acceptOffer(person.client, app)).toMatchObject({
      ok: false,
      field: 'form',
      message: 'Нельзя принять предложение: отклик в состоянии «отправлен»',
    });
    expect(await declineOffer(person.client, app, null)).toMatchObject({
      ok: false,
      message: 'Нельзя отклонить предложение: отклик в состоянии «отправлен»',
    });
    expect(await statusOf(app)).toBe('submitted');
    expect(await footprint(person.id)).toEqual(before);

    // someone else's application looks like a missing one
    expect(await withdrawApplication(student.client, app, null)).toMatchObject({
      ok: false,
      status: 404,
      message: 'Отклик не найден',
    });
    expect(await acceptOffer(student.client, app)).toMatchObject({ ok: false, status: 404 });

    await offer(app);
    expect(await withdrawApplication(person.client, app, null)).toMatchObject({
      ok: false,
      message: 'Нельзя отозвать отклик: отклик в состоянии «предложение»',
    });
    expect(await statusOf(app)).toBe('offer');

    expect(await declineOffer(person.client, app, 'Выбрал другое предложение')).toEqual({ ok: true });
    expect(await statusOf(app)).toBe('declined');
    const afterDecline = await footprint(person.id);
    expect(await acceptOffer(person.client, app)).toMatchObject({
      ok: false,
      message: 'Нельзя принять предложение: отклик в состоянии «предложение отклонено»',
    });
    expect(await withdrawApplication(person.client, app, null)).toMatchObject({ ok: false });
    expect(await declineOffer(person.client, app, null)).toMatchObject({ ok: false });
    expect(await footprint(person.id)).toEqual(afterDecline);

    const page = await loadStudentApplication(person.client, person.id, app);
    expect(page?.events.map((e) => e.to_status)).toEqual(['submitted', 'viewed', 'offer', 'declined']);
    expect(page?.events.at(-1)).toMatchObject({ actor_side: 'applicant', note: 'Выбрал другое предложение' });
  });

  test('withdraw before an offer; then applying again is allowed', async () => {
    const person = await studentOf(universityA);
    const id = await vacancy('Вакансия для отзыва');
    const applied = await apply(person, id);
    if (!applied.ok) throw new Error(applied.message);
    expect(await withdrawApplication(person.client, applied.applicationId, 'Передумал')).toEqual({
      ok: true,
    });
    expect(await statusOf(applied.applicationId)).toBe('withdrawn');
    expect(await withdrawApplication(person.client, applied.applicationId, null)).toMatchObject({
      ok: false,
      message: 'Нельзя отозвать отклик: отклик в состоянии «отозван»',
    });
    const again = await apply(person, id);
    expect(again).toMatchObject({ ok: true, created: true });
  });

  test('an accepted practice offer makes a placement awaiting the university', async () => {
    const person = await studentOf(universityA);
    const id = await practice();
    const applied = await apply(person, id);
    if (!applied.ok) throw new Error(applied.message);
    await offer(applied.applicationId, { start_date: '2031-06-01', end_date: '2031-07-15' });
    const accepted = await acceptOffer(person.client, applied.applicationId);
    expect(accepted).toMatchObject({ ok: true });
    const page = await loadStudentApplication(person.client, person.id, applied.applicationId);
    expect(page?.application.status).toBe('accepted');
    expect(page?.outcome).toMatchObject({
      type: 'practice_placement',
      status: 'awaiting_university',
      startsOn: '2031-06-01',
    });
  });

  test('the list is the person’s own, last changed first, and keeps a closed posting’s title', async () => {
    const person = await studentOf(universityA);
    const first = await vacancy('Первая вакансия');
    const second = await vacancy('Вторая вакансия');
    const a1 = await apply(person, first);
    const a2 = await apply(person, second);
    if (!a1.ok || !a2.ok) throw new Error('отклики не созданы');
    await withdrawApplication(person.client, a1.applicationId, null);
    await closeOpportunity(employer.client, first);
    const list = await loadStudentApplications(person.client, person.id);
    expect(list.map((a) => [a.id, a.status, a.opportunity?.title])).toEqual([
      [a1.applicationId, 'withdrawn', 'Первая вакансия'],
      [a2.applicationId, 'submitted', 'Вторая вакансия'],
    ]);
    expect(list[0].organization?.name).toBe(employer.organizationName);
    // nobody else's
    expect(await loadStudentApplications(person.client, student.id)).toEqual([]);
    expect(await loadStudentApplication(student.client, student.id, a1.applicationId)).toBeNull();
  });
});

describe('confirming a hire', () => {
  async function hired(person: TestPerson) {
    const id = await vacancy('Вакансия с приёмом');
    const applied = await apply(person, id);
    if (!applied.ok) throw new Error(applied.message);
    await offer(applied.applicationId);
    expect(await acceptOffer(person.client, applied.applicationId)).toEqual({ ok: true, recordId: null });
    const today = new Date().toISOString().slice(0, 10);
    const { data: employmentId, error } = await employer.client.rpc('record_hire', {
      p_id: applied.applicationId,
      p_start_date: today,
      p_position: 'Инженер-технолог',
      p_document_kind: 'order',
      p_document_number: '15-к',
      p_document_date: today,
    });
    if (error) throw new Error(error.message);
    return { applicationId: applied.applicationId, employmentId: employmentId };
  }

  async function employmentStatus(id: string) {
    const { rows } = await testDb().query<{ status: string; person_confirmed_at: Date | null }>(
      'select status, person_confirmed_at from public.employments where id = $1',
      [id],
    );
    return rows[0];
  }

  test('by the emailed link, without signing in: once; a used or wrong link changes nothing', async () => {
    const person = await studentOf(universityA, { role: 'graduate' });
    const { employmentId } = await hired(person);
    const { rows } = await testDb().query<{ token: string }>(
      'select app_private.issue_employment_confirmation($1) as token',
      [employmentId],
    );
    const token = rows[0].token;

    const anon = anonClient();
    // reading shows what is confirmed and changes nothing
    expect(await employmentByToken(anon, token)).toMatchObject({
      employmentId,
      organizationName: employer.organizationName,
      position: 'Инженер-технолог',
      status: 'awaiting_confirmation',
    });
    expect((await employmentStatus(employmentId)).status).toBe('awaiting_confirmation');

    const wrong = await confirmEmploymentByToken(anon, 'ab'.repeat(24));
    expect(wrong).toEqual({
      ok: false,
      field: 'form',
      message: 'Ссылка недействительна или уже использована.',
      status: 404,
    });
    expect((await employmentStatus(employmentId)).status).toBe('awaiting_confirmation');

    expect(await confirmEmploymentByToken(anon, token)).toMatchObject({
      ok: true,
      employment: { organizationName: employer.organizationName, status: 'confirmed' },
    });
    const after = await employmentStatus(employmentId);
    expect(after.status).toBe('confirmed');
    expect(after.person_confirmed_at).not.toBeNull();

    // the link is used up
    expect(await employmentByToken(anon, token)).toBeNull();
    expect(await confirmEmploymentByToken(anon, token)).toMatchObject({ ok: false, status: 404 });
    expect((await employmentStatus(employmentId)).person_confirmed_at).toEqual(after.person_confirmed_at);
  });

  test('signed in, from the application page; nobody else can', async () => {
    const person = await studentOf(universityA, { role: 'graduate' });
    const { applicationId, employmentId } = await hired(person);
    const page = await loadStudentApplication(person.client, person.id, applicationId);
    expect(page?.outcome).toMatchObject({
      type: 'employment',
      id: employmentId,
      status: 'awaiting_confirmation',
      documentKind: 'order',
      documentNumber: '15-к',
    });
    expect(await confirmMyEmployment(student.client, employmentId)).toMatchObject({ ok: false, status: 404 });
    expect((await employmentStatus(employmentId)).status).toBe('awaiting_confirmation');
    expect(await confirmMyEmployment(person.client, employmentId)).toEqual({ ok: true });
    expect((await employmentStatus(employmentId)).status).toBe('confirmed');
  });
});
