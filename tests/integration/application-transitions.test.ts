/**
 * Every move of an application (supabase/migrations/…_create_applications.sql) through PostgREST
 * with each person's own JWT: each allowed move for the right role appends exactly one event, and
 * for each move the wrong role, the wrong state, another employer, another student and a forged id
 * are refused with a Russian message and change NOTHING (the rows are compared before and after).
 * Accepting an offer creates the outcome record of its kind with the offer's terms; a hire counts
 * once the graduate confirms it (by the emailed one-time token, or signed in).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { anonClient } from '../../src/lib/server/supabase.ts';
import {
  addColleague,
  applyTo,
  createApplicant,
  createApplicationWorld,
  OFFER_TERMS,
  ok,
  publishPosting,
  type ApplicationWorld,
  type Kind,
} from '../factories/applications.ts';
import { testDb } from '../factories/db.ts';
import { closeFactories, type TestPerson } from '../factories/people.ts';

let world: ApplicationWorld;
let student: TestPerson;
let otherStudent: TestPerson;
let graduate: TestPerson;
const postings = {} as Record<Kind, string>;

type Result = PromiseLike<{ data: unknown; error: { message: string } | null }>;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const inDays = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString();

/** Everything a move could touch: the application, its events and outcomes, and global counts. */
async function snapshot(applicationId: string) {
  const q = async (sql: string) => (await testDb().query(sql, [applicationId])).rows;
  return {
    application: await q('select * from public.applications where id = $1'),
    events: await q('select * from public.application_events where application_id = $1 order by id'),
    review: await q('select * from public.application_reviews where application_id = $1'),
    employments: await q('select * from public.employments where application_id = $1'),
    placements: await q('select * from public.practice_placements where application_id = $1'),
    stipends: await q('select * from public.stipend_awards where application_id = $1'),
    agreements: await q('select * from public.target_agreements where application_id = $1'),
    counts: await q(
      `select (select count(*) from public.applications) as applications,
              (select count(*) from public.application_events) as events,
              (select count(*) from public.employments) as employments,
              (select count(*) from public.practice_placements) as placements,
              (select count(*) from public.stipend_awards) as stipends,
              (select count(*) from public.target_agreements) as agreements,
              (select count(*) from public.outcome_events) as outcome_events,
              (select count(*) from public.data_transfer_consents) as consents,
              $1::text is not null as _`,
    ),
  };
}

async function statusOf(applicationId: string): Promise<string> {
  const { rows } = await testDb().query<{ status: string }>(
    'select status from public.applications where id = $1',
    [applicationId],
  );
  return rows[0].status;
}

async function eventsOf(applicationId: string) {
  const { rows } = await testDb().query<{
    from_status: string | null;
    to_status: string;
    actor_id: string | null;
    actor_side: string;
    note: string | null;
    details: Record<string, unknown>;
  }>('select * from public.application_events where application_id = $1 order by id', [applicationId]);
  return rows;
}

/** The move succeeds, appends exactly one event (from → to, by whom) and sets the state. */
async function moves<T>(
  applicationId: string,
  actor: TestPerson,
  side: 'applicant' | 'employer',
  to: string,
  call: PromiseLike<{ data: T; error: { message: string } | null }>,
): Promise<T> {
  const before = await eventsOf(applicationId);
  const from = await statusOf(applicationId);
  const { data, error } = await call;
  expect(error, `${from} → ${to}`).toBeNull();
  const after = await eventsOf(applicationId);
  expect(after).toHaveLength(before.length + 1);
  expect(after.at(-1)).toMatchObject({
    from_status: from,
    to_status: to,
    actor_id: actor.id,
    actor_side: side,
  });
  expect(await statusOf(applicationId)).toBe(to);
  return data;
}

/** The call is refused with a Russian message matching `message`, and nothing changed. */
async function refused(applicationId: string, call: Result, message: RegExp): Promise<void> {
  const before = await snapshot(applicationId);
  const { error } = await call;
  expect(error).not.toBeNull();
  expect(error!.message).toMatch(message);
  expect(error!.message).toMatch(/[а-яё]/i);
  expect(await snapshot(applicationId)).toEqual(before);
}

const NOT_FOUND = /отклик не найден/;
const WRONG_STATE = /нельзя .+: отклик в состоянии «.+»/;

const rpc = (person: TestPerson) => person.client.rpc.bind(person.client);
const shortlist = (p: TestPerson, id: string) => rpc(p)('shortlist_application', { p_id: id });
const view = (p: TestPerson, id: string) => rpc(p)('mark_application_viewed', { p_id: id });
const interview = (p: TestPerson, id: string, at = inDays(3)) =>
  rpc(p)('invite_to_interview', {
    p_id: id,
    p_at: at,
    p_place: 'г. Кемерово, ул. Кирова, 1, каб. 12',
    p_link: 'https://meet.example.ru/room-1',
    p_note: 'Возьмите паспорт',
  });
const offer = (p: TestPerson, id: string, kind: Kind) =>
  rpc(p)('make_offer', { p_id: id, p_terms: OFFER_TERMS[kind], p_answer_by: day(7), p_note: 'Ждём ответа' });
const accept = (p: TestPerson, id: string) => rpc(p)('accept_offer', { p_id: id });
const decline = (p: TestPerson, id: string) => rpc(p)('decline_offer', { p_id: id, p_note: 'Выбрал другое' });
const withdraw = (p: TestPerson, id: string) => rpc(p)('withdraw_application', { p_id: id });
const reject = (p: TestPerson, id: string, reason = 'position_filled') =>
  rpc(p)('reject_application', { p_id: id, p_reason: reason, p_message: 'Спасибо за отклик!' });
const hire = (p: TestPerson, id: string) =>
  rpc(p)('record_hire', {
    p_id: id,
    p_start_date: day(14),
    p_position: 'Инженер-программист',
    p_document_kind: 'order',
    p_document_number: '17-к',
    p_document_date: day(0),
  });

beforeAll(async () => {
  world = await createApplicationWorld();
  [student, otherStudent, graduate] = await Promise.all([
    createApplicant(world.universityA),
    createApplicant(world.universityA),
    createApplicant(world.universityA, 'graduate'),
  ]);
  for (const kind of ['internship', 'practice', 'stipend', 'target_agreement', 'vacancy'] as Kind[]) {
    postings[kind] = await publishPosting(world.employerA, kind);
  }
});

afterAll(async () => {
  await closeFactories();
});

describe('applying', () => {
  test('apply records the consent, the frozen documents and one «submitted» event; a second apply returns the same row', async () => {
    const first = await ok(
      'отклик',
      student.client.rpc('apply_to_opportunity', {
        p_opportunity_id: postings.internship,
        p_cover_letter: 'Письмо',
        p_consent_version: '2026-12',
        p_consent_text:
          'Согласие на передачу персональных данных работодателю для рассмотрения моего отклика.',
      }),
    );
    expect(first![0].created).toBe(true);
    const id = first![0].application_id;
    const events = await eventsOf(id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      from_status: null,
      to_status: 'submitted',
      actor_id: student.id,
      actor_side: 'applicant',
    });
    const { rows } = await testDb().query(
      `select c.organization_id, d.cover_letter, d.resume_snapshot ->> 'full_name' as name
         from public.applications a join public.data_transfer_consents c on c.id = a.consent_id
         join public.application_documents d on d.application_id = a.id where a.id = $1`,
      [id],
    );
    expect(rows[0]).toMatchObject({
      organization_id: world.employerA.organizationId,
      cover_letter: 'Письмо',
      name: student.fullName,
    });

    const before = await snapshot(id);
    const again = await ok(
      'повторный отклик',
      student.client.rpc('apply_to_opportunity', {
        p_opportunity_id: postings.internship,
        p_cover_letter: 'Другое письмо',
        p_consent_version: '2026-12',
        p_consent_text:
          'Согласие на передачу персональных данных работодателю для рассмотрения моего отклика.',
      }),
    );
    expect(again![0]).toEqual({ application_id: id, created: false });
    expect(await snapshot(id)).toEqual(before);
    await ok('отзыв', withdraw(student, id));
  });

  test('who may not apply is refused in Russian and nothing is written', async () => {
    const anchor = await applyTo(otherStudent, postings.vacancy);
    const consent = { p_consent_version: '2026-12', p_consent_text: 'x'.repeat(60), p_cover_letter: '' };
    // an employer, a graduate to a target agreement, a letter of 3 001 characters, no consent, a forged posting
    await refused(
      anchor,
      rpc(world.employerA)('apply_to_opportunity', { p_opportunity_id: postings.vacancy, ...consent }),
      /студенты и выпускники/,
    );
    await refused(
      anchor,
      rpc(graduate)('apply_to_opportunity', { p_opportunity_id: postings.target_agreement, ...consent }),
      /для студентов/,
    );
    await refused(
      anchor,
      rpc(student)('apply_to_opportunity', {
        p_opportunity_id: postings.vacancy,
        ...consent,
        p_cover_letter: 'я'.repeat(3001),
      }),
      /3 000 знаков/,
    );
    await refused(
      anchor,
      rpc(student)('apply_to_opportunity', {
        p_opportunity_id: postings.vacancy,
        ...consent,
        p_consent_text: '',
      }),
      /согласие/,
    );
    await refused(
      anchor,
      rpc(student)('apply_to_opportunity', { p_opportunity_id: randomUUID(), ...consent }),
      /не найдена/,
    );
    await ok('отзыв', withdraw(otherStudent, anchor));
  });
});

describe('the vacancy path: submitted → viewed → shortlisted → interview → offer → accepted → hired → confirmed', () => {
  test('each move by the right person, each refused for everybody else', async () => {
    const { employerA, employerB, staffA, admin } = world;
    const id = await applyTo(student, postings.vacancy);

    // submitted → viewed (the employer opens it); the student, another employer and a forged id cannot
    await refused(id, view(student, id), NOT_FOUND);
    await refused(id, view(employerB, id), NOT_FOUND);
    await refused(id, view(staffA, id), NOT_FOUND);
    await refused(id, view(employerA, randomUUID()), NOT_FOUND);
    expect(await moves(id, employerA, 'employer', 'viewed', view(employerA, id))).toBe('viewed');
    // opening it again is no move
    const before = await snapshot(id);
    expect(await ok('повторный просмотр', view(employerA, id))).toBe('viewed');
    expect(await snapshot(id)).toEqual(before);

    // viewed → shortlisted
    await refused(id, shortlist(student, id), NOT_FOUND);
    await refused(id, shortlist(employerB, id), NOT_FOUND);
    await refused(id, shortlist(admin, id), NOT_FOUND);
    await refused(id, shortlist(employerA, randomUUID()), NOT_FOUND);
    await moves(id, employerA, 'employer', 'shortlisted', shortlist(employerA, id));
    await refused(id, shortlist(employerA, id), WRONG_STATE);

    // shortlisted → interview, and a reschedule (interview → interview)
    await refused(id, interview(student, id), NOT_FOUND);
    await refused(id, interview(employerB, id), NOT_FOUND);
    await refused(id, interview(employerA, id, inDays(-1)), /будущие дату и время/);
    await moves(id, employerA, 'employer', 'interview', interview(employerA, id));
    await moves(id, employerA, 'employer', 'interview', interview(employerA, id, inDays(4)));
    const rescheduled = (await eventsOf(id)).at(-1)!;
    expect(rescheduled.details).toMatchObject({
      rescheduled: true,
      place: 'г. Кемерово, ул. Кирова, 1, каб. 12',
    });

    // interview → offer
    await refused(id, offer(student, id, 'vacancy'), NOT_FOUND);
    await refused(id, offer(employerB, id, 'vacancy'), NOT_FOUND);
    await refused(
      id,
      rpc(employerA)('make_offer', { p_id: id, p_terms: {}, p_answer_by: day(7) }),
      /дату начала/,
    );
    await refused(
      id,
      rpc(employerA)('make_offer', { p_id: id, p_terms: OFFER_TERMS.vacancy, p_answer_by: day(62) }),
      /срок ответа/,
    );
    await moves(id, employerA, 'employer', 'offer', offer(employerA, id, 'vacancy'));
    await refused(id, offer(employerA, id, 'vacancy'), WRONG_STATE);
    // once there is an offer the student answers it: no withdrawing, no new interview
    await refused(id, withdraw(student, id), WRONG_STATE);
    await refused(id, interview(employerA, id), WRONG_STATE);

    // offer → accepted (only the student of the application)
    await refused(id, accept(employerA, id), NOT_FOUND);
    await refused(id, accept(otherStudent, id), NOT_FOUND);
    await refused(id, accept(student, randomUUID()), NOT_FOUND);
    const record = await moves(id, student, 'applicant', 'accepted', accept(student, id));
    expect(record).toBeNull(); // a vacancy's outcome is the hire, recorded next
    await refused(id, accept(student, id), WRONG_STATE);
    await refused(id, decline(student, id), WRONG_STATE);

    // accepted → hired: the employment awaits the graduate's confirmation
    await refused(id, hire(student, id), NOT_FOUND);
    await refused(id, hire(employerB, id), NOT_FOUND);
    await refused(
      id,
      rpc(employerA)('record_hire', {
        p_id: id,
        p_start_date: day(14),
        p_position: 'Инженер',
        p_document_kind: 'order',
        p_document_number: '',
        p_document_date: day(0),
      }),
      /номер документа/,
    );
    const employmentId = (await moves(id, employerA, 'employer', 'hired', hire(employerA, id))) as string;
    const { rows: employments } = await testDb().query('select * from public.employments where id = $1', [
      employmentId,
    ]);
    expect(employments[0]).toMatchObject({
      application_id: id,
      person_id: student.id,
      organization_id: employerA.organizationId,
      position: 'Инженер-программист',
      document_kind: 'order',
      document_number: '17-к',
      status: 'awaiting_confirmation',
      employer_confirmed_by: employerA.id,
      person_confirmed_at: null,
    });
    await refused(id, hire(employerA, id), WRONG_STATE);
    await refused(id, reject(employerA, id), WRONG_STATE);

    // the graduate confirms by the emailed one-time token (the letter's job issues it)
    const { rows: issued } = await testDb().query<{ token: string }>(
      'select app_private.issue_employment_confirmation($1) as token',
      [employmentId],
    );
    const token = issued[0].token;
    const wrong = await anonClient().rpc('confirm_employment', { p_token: 'f'.repeat(48) });
    expect(wrong.error?.message).toMatch(/ссылка недействительна/);
    const seen = await ok(
      'страница подтверждения',
      anonClient().rpc('employment_by_token', { p_token: token }),
    );
    expect(seen![0]).toMatchObject({
      employment_id: employmentId,
      job_title: 'Инженер-программист',
      status: 'awaiting_confirmation',
    });
    const eventsBefore = (await eventsOf(id)).length;
    expect(await ok('подтверждение', anonClient().rpc('confirm_employment', { p_token: token }))).toBe(
      employmentId,
    );
    const { rows: confirmed } = await testDb().query(
      'select status, person_confirmed_at, confirm_token_hash from public.employments where id = $1',
      [employmentId],
    );
    expect(confirmed[0].status).toBe('confirmed');
    expect(confirmed[0].person_confirmed_at).toBeInstanceOf(Date);
    expect(confirmed[0].confirm_token_hash).toBeNull();
    // the outcome's own history has both steps; the application's timeline is unchanged
    const { rows: history } = await testDb().query<{ to_status: string }>(
      `select to_status from public.outcome_events where record_type = 'employment' and record_id = $1 order by id`,
      [employmentId],
    );
    expect(history.map((h) => h.to_status)).toEqual(['awaiting_confirmation', 'confirmed']);
    expect(await eventsOf(id)).toHaveLength(eventsBefore);
    // the link is one-time
    const reused = await anonClient().rpc('confirm_employment', { p_token: token });
    expect(reused.error?.message).toMatch(/ссылка недействительна или уже использована/);
  });

  test('a hire confirmed signed in (confirm_my_employment), only by the person hired', async () => {
    const id = await applyTo(graduate, postings.vacancy);
    await ok('просмотр', view(world.employerA, id));
    await ok('предложение', offer(world.employerA, id, 'vacancy'));
    await ok('принято', accept(graduate, id));
    const employmentId = (await ok('приём', hire(world.employerA, id))) as string;
    for (const other of [student, world.employerA, world.staffA, world.admin]) {
      await refused(
        id,
        rpc(other)('confirm_my_employment', { p_employment_id: employmentId }),
        /запись о приёме не найдена/,
      );
    }
    await refused(
      id,
      rpc(graduate)('confirm_my_employment', { p_employment_id: randomUUID() }),
      /запись о приёме не найдена/,
    );
    expect(
      await ok('подтверждение', rpc(graduate)('confirm_my_employment', { p_employment_id: employmentId })),
    ).toBe(employmentId);
    const { rows } = await testDb().query('select status from public.employments where id = $1', [
      employmentId,
    ]);
    expect(rows[0].status).toBe('confirmed');
  });
});

describe('accepting an offer creates the outcome record of its kind with the offer’s terms', () => {
  test('practice → a placement awaiting the university', async () => {
    const id = await applyTo(student, postings.practice);
    await moves(id, world.employerA, 'employer', 'viewed', view(world.employerA, id));
    await refused(
      id,
      rpc(world.employerA)('make_offer', {
        p_id: id,
        p_terms: { start_date: '2031-07-01', end_date: '2031-06-01' },
        p_answer_by: day(5),
      }),
      /окончания практики/,
    );
    await moves(id, world.employerA, 'employer', 'offer', offer(world.employerA, id, 'practice'));
    const placementId = await moves(id, student, 'applicant', 'accepted', accept(student, id));
    const { rows } = await testDb().query('select * from public.practice_placements where id = $1', [
      placementId,
    ]);
    expect(rows[0]).toMatchObject({
      application_id: id,
      student_id: student.id,
      university_id: world.universityA,
      organization_id: world.employerA.organizationId,
      programme_code: '09.03.01',
      practice_type: 'industrial',
      status: 'awaiting_university',
    });
    const { rows: dates } = await testDb().query(
      'select starts_on::text, ends_on::text from public.practice_placements where id = $1',
      [placementId],
    );
    expect(dates[0]).toEqual({ starts_on: '2031-06-01', ends_on: '2031-07-15' });
    const lastEvent = (await eventsOf(id)).at(-1)!;
    expect(lastEvent.details).toEqual({ record_type: 'practice_placement', record_id: placementId });
    // a practice is not a hire; an accepted practice cannot be rejected any more
    await refused(id, hire(world.employerA, id), /вакансиям и стажировкам/);
    await refused(id, reject(world.employerA, id), WRONG_STATE);
  });

  test('stipend → an award; target agreement → an agreement awaiting signatures', async () => {
    const stipendApp = await applyTo(student, postings.stipend);
    await ok('просмотр', view(world.employerA, stipendApp));
    await ok('предложение', offer(world.employerA, stipendApp, 'stipend'));
    const awardId = await moves(stipendApp, student, 'applicant', 'accepted', accept(student, stipendApp));
    const { rows: awards } = await testDb().query(
      'select amount_per_month, months, starts_on::text, status, university_id, student_id from public.stipend_awards where id = $1',
      [awardId],
    );
    expect(awards[0]).toEqual({
      amount_per_month: 15000,
      months: 10,
      starts_on: '2031-09-01',
      status: 'awaiting_university',
      university_id: world.universityA,
      student_id: student.id,
    });

    const targetApp = await applyTo(student, postings.target_agreement);
    await ok('в список', shortlist(world.employerA, targetApp));
    await refused(
      targetApp,
      rpc(world.employerA)('make_offer', {
        p_id: targetApp,
        p_terms: { start_date: '2031-09-01', work_years: 2 },
        p_answer_by: day(5),
      }),
      /от 3 до 10 лет/,
    );
    await ok('предложение', offer(world.employerA, targetApp, 'target_agreement'));
    const agreementId = await moves(targetApp, student, 'applicant', 'accepted', accept(student, targetApp));
    const { rows: agreements } = await testDb().query(
      'select work_years, support_measures, programme_code, status from public.target_agreements where id = $1',
      [agreementId],
    );
    expect(agreements[0]).toEqual({
      work_years: 3,
      support_measures: 'Доплата к стипендии 5 000 ₽',
      programme_code: '09.03.01',
      status: 'awaiting_signatures',
    });
    const { rows: history } = await testDb().query(
      `select record_type, to_status from public.outcome_events where record_id in ($1, $2) order by id`,
      [awardId, agreementId],
    );
    expect(history).toEqual([
      { record_type: 'stipend_award', to_status: 'awaiting_university' },
      { record_type: 'target_agreement', to_status: 'awaiting_signatures' },
    ]);
  });

  test('an offer past its answer-by date cannot be accepted', async () => {
    const id = await applyTo(otherStudent, postings.internship);
    await ok('просмотр', view(world.employerA, id));
    await ok('предложение', offer(world.employerA, id, 'internship'));
    await testDb().query('update public.applications set offer_answer_by = current_date - 1 where id = $1', [
      id,
    ]);
    await refused(id, accept(otherStudent, id), /срок ответа на предложение истёк/);
    await moves(id, otherStudent, 'applicant', 'declined', decline(otherStudent, id));
  });
});

describe('declining, withdrawing and rejecting', () => {
  test('decline: only the student, only an offer; a declined posting can be applied to again', async () => {
    const id = await applyTo(student, postings.internship);
    await ok('в список', shortlist(world.employerA, id));
    await refused(id, decline(student, id), WRONG_STATE);
    await ok('собеседование', interview(world.employerA, id));
    await ok('предложение', offer(world.employerA, id, 'internship'));
    await refused(id, decline(world.employerA, id), NOT_FOUND);
    await refused(id, decline(otherStudent, id), NOT_FOUND);
    await moves(id, student, 'applicant', 'declined', decline(student, id));
    const again = await applyTo(student, postings.internship);
    expect(again).not.toBe(id);
    await ok('отзыв', withdraw(student, again));
  });

  test.each(['submitted', 'viewed', 'shortlisted', 'interview'])('withdraw from «%s»', async (state) => {
    const id = await applyTo(otherStudent, postings.vacancy);
    if (state !== 'submitted') await ok('просмотр', view(world.employerA, id));
    if (state === 'shortlisted') await ok('в список', shortlist(world.employerA, id));
    if (state === 'interview') await ok('собеседование', interview(world.employerA, id));
    expect(await statusOf(id)).toBe(state);
    await refused(id, withdraw(world.employerA, id), NOT_FOUND);
    await refused(id, withdraw(student, id), NOT_FOUND);
    await moves(id, otherStudent, 'applicant', 'withdrawn', withdraw(otherStudent, id));
    await refused(id, withdraw(otherStudent, id), WRONG_STATE);
    await refused(id, shortlist(world.employerA, id), WRONG_STATE);
    await refused(id, reject(world.employerA, id), WRONG_STATE);
  });

  test.each(['submitted', 'viewed', 'shortlisted', 'interview', 'offer', 'accepted'])(
    'reject from «%s» with a reason from the list',
    async (state) => {
      const id = await applyTo(otherStudent, postings.vacancy);
      if (state !== 'submitted') await ok('просмотр', view(world.employerA, id));
      if (state === 'shortlisted') await ok('в список', shortlist(world.employerA, id));
      if (state === 'interview') await ok('собеседование', interview(world.employerA, id));
      if (state === 'offer' || state === 'accepted')
        await ok('предложение', offer(world.employerA, id, 'vacancy'));
      if (state === 'accepted') await ok('принято', accept(otherStudent, id));
      expect(await statusOf(id)).toBe(state);
      await refused(id, reject(otherStudent, id), NOT_FOUND);
      await refused(id, reject(world.employerB, id), NOT_FOUND);
      await refused(id, reject(world.employerA, randomUUID()), NOT_FOUND);
      await refused(id, reject(world.employerA, id, 'не нравится'), /причину отказа из списка/);
      await moves(
        id,
        world.employerA,
        'employer',
        'rejected',
        reject(world.employerA, id, 'not_enough_experience'),
      );
      const { rows } = await testDb().query(
        'select rejection_reason, first_answer_at from public.applications where id = $1',
        [id],
      );
      expect(rows[0].rejection_reason).toBe('not_enough_experience');
      expect(rows[0].first_answer_at).toBeInstanceOf(Date);
      expect((await eventsOf(id)).at(-1)).toMatchObject({
        note: 'Спасибо за отклик!',
        details: { reason: 'not_enough_experience' },
      });
      await refused(id, reject(world.employerA, id), WRONG_STATE);
      await refused(id, withdraw(otherStudent, id), WRONG_STATE);
      await refused(id, accept(otherStudent, id), WRONG_STATE);
    },
  );

  test('bulk reject: rejects what it may, reports the rest, writes one event each', async () => {
    const posting = await publishPosting(world.employerA, 'vacancy');
    const a = await applyTo(student, posting);
    const b = await applyTo(otherStudent, posting);
    await ok('отзыв', withdraw(otherStudent, b));
    const forged = randomUUID();
    const result = await ok(
      'массовый отказ',
      rpc(world.employerA)('reject_applications', {
        p_ids: [a, b, forged],
        p_reason: 'position_filled',
        p_message: 'Место занято',
      }),
    );
    expect(result).toEqual([
      { application_id: a, rejected: true, message: null },
      { application_id: b, rejected: false, message: expect.stringMatching(WRONG_STATE) },
      { application_id: forged, rejected: false, message: 'отклик не найден' },
    ]);
    expect((await eventsOf(a)).map((e) => e.to_status)).toEqual(['submitted', 'rejected']);
    expect((await eventsOf(b)).map((e) => e.to_status)).toEqual(['submitted', 'withdrawn']);
    // another employer's bulk reject touches nothing
    const c = await applyTo(otherStudent, posting);
    const before = await snapshot(c);
    const other = await ok(
      'чужой массовый отказ',
      rpc(world.employerB)('reject_applications', { p_ids: [c], p_reason: 'position_filled' }),
    );
    expect(other).toEqual([{ application_id: c, rejected: false, message: 'отклик не найден' }]);
    expect(await snapshot(c)).toEqual(before);
    await ok('отзыв', withdraw(otherStudent, c));
  });

  test('notes and rating stay the employer’s: another employer and the student cannot write them', async () => {
    const id = await applyTo(student, await publishPosting(world.employerA, 'vacancy'));
    await refused(
      id,
      rpc(student)('review_application', { p_id: id, p_rating: 5, p_notes: 'Себе пятёрку' }),
      NOT_FOUND,
    );
    await refused(
      id,
      rpc(world.employerB)('review_application', { p_id: id, p_rating: 1, p_notes: 'x' }),
      NOT_FOUND,
    );
    await refused(
      id,
      rpc(world.employerA)('review_application', { p_id: id, p_rating: 6, p_notes: 'x' }),
      /от 1 до 5/,
    );
    await ok(
      'оценка',
      rpc(world.employerA)('review_application', { p_id: id, p_rating: 4, p_notes: 'Сильный кандидат' }),
    );
    const { rows } = await testDb().query(
      'select rating, notes from public.application_reviews where application_id = $1',
      [id],
    );
    expect(rows[0]).toEqual({ rating: 4, notes: 'Сильный кандидат' });
    // a review is no move: the timeline has only the application
    expect((await eventsOf(id)).map((e) => e.to_status)).toEqual(['submitted']);
    await ok('отзыв', withdraw(student, id));
  });
});

describe('letters are queued with the move', () => {
  test('every move but «submitted» and «viewed» queues notify_application_event for its event', async () => {
    const id = await applyTo(otherStudent, postings.vacancy);
    await ok('просмотр', view(world.employerA, id));
    await ok('в список', shortlist(world.employerA, id));
    await ok('отзыв', withdraw(otherStudent, id));
    const { rows } = await testDb().query<{ to_status: string; jobs: number }>(
      `select e.to_status,
              (select count(*)::int from graphile_worker._private_jobs j
                 join graphile_worker._private_tasks t on t.id = j.task_id
                where t.identifier = 'notify_application_event' and (j.payload ->> 'event_id')::bigint = e.id) as jobs
         from public.application_events e where e.application_id = $1 order by e.id`,
      [id],
    );
    expect(rows).toEqual([
      { to_status: 'submitted', jobs: 0 },
      { to_status: 'viewed', jobs: 0 },
      { to_status: 'shortlisted', jobs: 1 },
      { to_status: 'withdrawn', jobs: 1 },
    ]);
  });
});

describe('outcome records outlive the person’s account', () => {
  test('a student with a placement and a hire can delete their account; the records stay, without them', async () => {
    const leaving = await createApplicant(world.universityA);
    const placed = await applyTo(leaving, await publishPosting(world.employerA, 'practice'));
    await ok('просмотр', view(world.employerA, placed));
    await ok('предложение', offer(world.employerA, placed, 'practice'));
    const placementId = (await ok('принято', accept(leaving, placed))) as string;
    const hiredApp = await applyTo(leaving, await publishPosting(world.employerA, 'internship'));
    await ok('просмотр', view(world.employerA, hiredApp));
    await ok('предложение', offer(world.employerA, hiredApp, 'internship'));
    await ok('принято', accept(leaving, hiredApp));
    const employmentId = (await ok('приём', hire(world.employerA, hiredApp))) as string;

    // what better-auth's deleteUser does (the account page's «Удалить аккаунт», 152-ФЗ)
    await testDb().query('delete from better_auth."user" where id = $1', [leaving.id]);

    const { rowCount } = await testDb().query('select from public.applications where applicant_id = $1', [
      leaving.id,
    ]);
    expect(rowCount).toBe(0);
    const { rows: placement } = await testDb().query(
      'select application_id, student_id, status from public.practice_placements where id = $1',
      [placementId],
    );
    expect(placement).toEqual([{ application_id: null, student_id: null, status: 'awaiting_university' }]);
    const { rows: employment } = await testDb().query(
      'select application_id, person_id, status from public.employments where id = $1',
      [employmentId],
    );
    expect(employment).toEqual([{ application_id: null, person_id: null, status: 'awaiting_confirmation' }]);
  });
});

describe('concurrency', () => {
  test('50 identical apply requests at once from one student give exactly one application', async () => {
    const eager = await createApplicant(world.universityA);
    const posting = await publishPosting(world.employerA, 'vacancy');
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        eager.client.rpc('apply_to_opportunity', {
          p_opportunity_id: posting,
          p_cover_letter: 'Двойной щелчок',
          p_consent_version: '2026-12',
          p_consent_text:
            'Согласие на передачу персональных данных работодателю для рассмотрения моего отклика.',
        }),
      ),
    );
    for (const answer of answers) expect(answer.error).toBeNull();
    const ids = new Set(answers.map((a) => a.data![0].application_id));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => a.data![0].created)).toHaveLength(1);
    const { rows } = await testDb().query<{ applications: number; consents: number; events: number }>(
      `select (select count(*)::int from public.applications where opportunity_id = $1) as applications,
              (select count(*)::int from public.data_transfer_consents where profile_id = $2) as consents,
              (select count(*)::int from public.application_events e join public.applications a on a.id = e.application_id
                where a.opportunity_id = $1) as events`,
      [posting, eager.id],
    );
    expect(rows[0]).toEqual({ applications: 1, consents: 1, events: 1 });
  });

  test('two members moving the same application at once: one move, one event', async () => {
    const colleague = await addColleague(world.employerA);
    const id = await applyTo(student, await publishPosting(world.employerA, 'vacancy'));
    const [a, b] = await Promise.all([shortlist(world.employerA, id), shortlist(colleague, id)]);
    expect([a.error, b.error].filter((e) => e === null)).toHaveLength(1);
    expect((a.error ?? b.error)!.message).toMatch(WRONG_STATE);
    expect((await eventsOf(id)).map((e) => e.to_status)).toEqual(['submitted', 'shortlisted']);
    await ok('отзыв', withdraw(student, id));
  });
});

describe('dates are Kemerovo dates', () => {
  // Kemerovo is UTC+7: from 17:00 to 24:00 UTC its date is already tomorrow's, and the answer-by
  // date, the hire's document date and «today» must follow the Kemerovo calendar (as apply_by does).
  const kemerovoDate = async (offset: number) => {
    const { rows } = await testDb().query<{ d: string }>(
      `select ((now() at time zone 'Asia/Novokuznetsk')::date + $1::int)::text as d`,
      [offset],
    );
    return rows[0].d;
  };

  test('an offer whose answer-by date was yesterday in Kemerovo is closed; a hire document of today is not in the future', async () => {
    const id = await applyTo(otherStudent, await publishPosting(world.employerA, 'vacancy'));
    await ok('просмотр', view(world.employerA, id));
    await ok(
      'предложение до сегодня',
      rpc(world.employerA)('make_offer', {
        p_id: id,
        p_terms: OFFER_TERMS.vacancy,
        p_answer_by: await kemerovoDate(0),
      }),
    );
    await testDb().query('update public.applications set offer_answer_by = $2 where id = $1', [
      id,
      await kemerovoDate(-1),
    ]);
    await refused(id, accept(otherStudent, id), /срок ответа на предложение истёк/);
    await testDb().query('update public.applications set offer_answer_by = $2 where id = $1', [
      id,
      await kemerovoDate(0),
    ]);
    await ok('принято', accept(otherStudent, id));
    const today = await kemerovoDate(0);
    await moves(
      id,
      world.employerA,
      'employer',
      'hired',
      rpc(world.employerA)('record_hire', {
        p_id: id,
        p_start_date: today,
        p_position: 'Инженер',
        p_document_kind: 'contract',
        p_document_number: 'ТД-1',
        p_document_date: today,
      }),
    );
  });
});
