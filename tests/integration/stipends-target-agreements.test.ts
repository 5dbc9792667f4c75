/**
 * Stipend awards and target-training agreements (issue 8 items 3, 4) through PostgREST with each
 * person's own JWT: every allowed move for the right party, a refused one for each wrong party and
 * wrong state (with nothing changed), who reads what (RLS), the letters of each move (sent once)
 * and the cron that finishes awards. The fixtures are made by the same functions, with the
 * employer's, the student's and the university's own JWTs. A direct connection only looks behind
 * the API, arranges time (an award that started long ago) and one employment (the hiring pipeline
 * is tested elsewhere).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import {
  finishStipendAwards,
  notifyStipendAgreementEvent,
} from '../../src/lib/server/jobs/tasks/stipends-target-agreements.ts';
import { anonClient, type Supabase } from '../../src/lib/server/supabase.ts';
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

let admin: TestMember;
let universityA: string;
let staffA: TestMember;
let staffB: TestMember;
let employerA: TestEmployer;
let employerB: TestEmployer;
let pendingEmployer: TestEmployer;
let studentA: TestPerson;
let studentB: TestPerson;
let anon: Supabase;

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Novokuznetsk' }).format(new Date());
const daysFromToday = (n: number) => {
  const d = new Date(`${today()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

type Rpc = SupabaseClient['rpc'];
/** rpc() without the generated argument types, for calls that are meant to be refused. */
const rpc = (client: Supabase, fn: string, args: Record<string, unknown>) =>
  (client.rpc as unknown as Rpc)(fn, args);

async function award(id: string) {
  const { rows } = await testDb().query<{
    status: string;
    order_number: string | null;
    cancel_reason: string | null;
    student_name: string | null;
    university_id: string | null;
    confirmed_by: string | null;
  }>('select * from public.stipend_awards where id = $1', [id]);
  return rows[0];
}

async function agreement(id: string) {
  const { rows } = await testDb().query<{
    status: string;
    agreement_number: string | null;
    employer_signed_at: Date | null;
    student_signed_at: Date | null;
    university_signed_at: Date | null;
    employment_id: string | null;
    cancel_reason: string | null;
  }>('select * from public.target_agreements where id = $1', [id]);
  return rows[0];
}

async function events(type: string, id: string) {
  const { rows } = await testDb().query<{
    id: string;
    from_status: string | null;
    to_status: string;
    note: string | null;
  }>(
    'select id, from_status, to_status, note from public.outcome_events where record_type = $1 and record_id = $2 order by id',
    [type, id],
  );
  return rows;
}

async function queuedLetterJobs(eventId: string): Promise<number> {
  const { rows } = await testDb().query<{ n: number }>(
    `select count(*)::int as n from graphile_worker._private_jobs j
       join graphile_worker._private_tasks t on t.id = j.task_id
      where t.identifier = 'notify_stipend_agreement_event' and (j.payload ->> 'event_id')::bigint = $1`,
    [eventId],
  );
  return rows[0].n;
}

async function createAward(
  overrides: Record<string, unknown> = {},
  by: TestPerson = employerA,
): Promise<string> {
  const { data, error } = await rpc(by.client, 'create_stipend_award', {
    p_student_email: studentA.email,
    p_amount_per_month: 15000,
    p_months: 10,
    p_starts_on: daysFromToday(10),
    p_order_number: '17-к',
    ...overrides,
  });
  if (error) throw new Error(`стипендия не создана: ${error.message}`);
  return data as string;
}

async function createAgreement(overrides: Record<string, unknown> = {}): Promise<string> {
  const { data, error } = await rpc(employerA.client, 'create_target_agreement', {
    p_student_email: studentA.email,
    p_programme_code: '09.03.01',
    p_work_years: 3,
    p_support_stipend_per_month: 5000,
    p_support_housing: true,
    p_support_other: 'оплата проезда к месту практики',
    p_practice_at_customer: true,
    ...overrides,
  });
  if (error) throw new Error(`договор не создан: ${error.message}`);
  return data as string;
}

async function signAll(id: string) {
  for (const [who, client, args] of [
    ['employer', employerA.client, { p_agreement_number: `ЦО-${id.slice(0, 6)}`, p_agreement_date: today() }],
    ['student', studentA.client, {}],
    ['university', staffA.client, {}],
  ] as const) {
    const { error } = await rpc(client, 'sign_target_agreement', { p_id: id, ...args });
    expect(error, who).toBeNull();
  }
}

function expectRefused(
  result: { error: { code?: string; message: string; hint?: string } | null },
  code: string,
  hint?: string,
) {
  expect(result.error, 'the call should have been refused').not.toBeNull();
  expect(result.error!.code).toBe(code);
  if (hint) expect(result.error!.hint).toBe(hint);
  expect(result.error!.message).toMatch(/[а-яё]/i);
}

beforeAll(async () => {
  admin = await createAdministrator();
  universityA = await createUniversity(admin);
  const universityB = await createUniversity(admin);
  staffA = await createUniversityStaff(admin, universityA);
  staffB = await createUniversityStaff(admin, universityB);
  employerA = await createEmployer();
  employerB = await createEmployer();
  pendingEmployer = await createEmployer();
  await verifyEmployer(admin, employerA.organizationId);
  await verifyEmployer(admin, employerB.organizationId);
  studentA = await createStudent({ universityId: universityA, programmeCode: '09.03.01', yearOfStudy: 3 });
  studentB = await createStudent({ universityId: universityA });
  anon = anonClient();
}, 60_000);

afterAll(async () => {
  await closeFactories();
});

describe('stipend awards', () => {
  test('the employer awards a stipend to a student named by email: awaiting the university, event and letter queued', async () => {
    const id = await createAward();
    const row = await award(id);
    expect(row).toMatchObject({
      status: 'awaiting_university',
      order_number: '17-к',
      student_name: studentA.fullName,
      university_id: universityA,
    });
    const history = await events('stipend_award', id);
    expect(history).toMatchObject([{ from_status: null, to_status: 'awaiting_university' }]);
    expect(await queuedLetterJobs(history[0].id)).toBe(1);
  });

  test('bad input and wrong creators are refused with the field named, nothing written', async () => {
    const count = async () =>
      (await testDb().query<{ n: number }>('select count(*)::int as n from public.stipend_awards')).rows[0].n;
    const before = await count();
    const base = {
      p_student_email: studentA.email,
      p_amount_per_month: 1000,
      p_months: 3,
      p_starts_on: today(),
    };
    for (const [args, hint] of [
      [{ p_amount_per_month: 0 }, 'amount_per_month'],
      [{ p_months: 73 }, 'months'],
      [{ p_starts_on: null }, 'starts_on'],
      [{ p_student_email: 'nobody-here@example.test' }, 'student_email'],
      [{ p_student_email: null }, 'student_email'],
      // a student who never applied to this employer cannot be picked by id
      [{ p_student_email: null, p_student_id: studentB.id }, 'student_id'],
      [{ p_order_number: 'x'.repeat(51) }, 'order_number'],
    ] as const) {
      expectRefused(await rpc(employerA.client, 'create_stipend_award', { ...base, ...args }), '22023', hint);
    }
    for (const who of [pendingEmployer, studentA, staffA, admin]) {
      expectRefused(await rpc(who.client, 'create_stipend_award', base), '42501');
    }
    // anon may not even call it (PostgREST's own refusal)
    expect((await rpc(anon, 'create_stipend_award', base)).error?.code).toBe('42501');
    expect(await count()).toBe(before);
  });

  test('only the student’s university confirms, and only while it waits', async () => {
    const id = await createAward();
    for (const [who, client] of [
      ['student', studentA.client],
      ['another student', studentB.client],
      ['employer party', employerA.client],
      ['other employer', employerB.client],
      ['other university', staffB.client],
      ['administrator', admin.client],
      ['anon', anon],
    ] as const) {
      const result = await rpc(client, 'confirm_stipend_award', { p_id: id });
      expect(result.error?.code, who).toBe('42501');
    }
    expect((await award(id)).status).toBe('awaiting_university');
    expect(await events('stipend_award', id)).toHaveLength(1);

    expect((await rpc(staffA.client, 'confirm_stipend_award', { p_id: id })).error).toBeNull();
    expect(await award(id)).toMatchObject({ status: 'active', confirmed_by: staffA.id });
    const history = await events('stipend_award', id);
    expect(history.at(-1)).toMatchObject({ from_status: 'awaiting_university', to_status: 'active' });
    expect(await queuedLetterJobs(history.at(-1)!.id)).toBe(1);

    // wrong state: a second confirmation
    expectRefused(await rpc(staffA.client, 'confirm_stipend_award', { p_id: id }), '22023', 'status');
    expect(await events('stipend_award', id)).toHaveLength(2);
  });

  test('the employer or the university cancels with a reason; nobody else, never twice', async () => {
    const waiting = await createAward();
    for (const [who, client] of [
      ['student', studentA.client],
      ['another student', studentB.client],
      ['other employer', employerB.client],
      ['other university', staffB.client],
      ['administrator', admin.client],
    ] as const) {
      const result = await rpc(client, 'cancel_stipend_award', { p_id: waiting, p_reason: 'передумали' });
      expect(result.error?.code, who).toBe('42501');
    }
    expectRefused(
      await rpc(employerA.client, 'cancel_stipend_award', { p_id: waiting, p_reason: ' ' }),
      '22023',
      'reason',
    );
    expect((await award(waiting)).status).toBe('awaiting_university');

    expect(
      (
        await rpc(employerA.client, 'cancel_stipend_award', {
          p_id: waiting,
          p_reason: 'Студент перевёлся в другой вуз',
        })
      ).error,
    ).toBeNull();
    expect(await award(waiting)).toMatchObject({
      status: 'cancelled',
      cancel_reason: 'Студент перевёлся в другой вуз',
    });
    expectRefused(
      await rpc(staffA.client, 'cancel_stipend_award', { p_id: waiting, p_reason: 'ещё раз' }),
      '22023',
      'status',
    );

    const active = await createAward();
    expect((await rpc(staffA.client, 'confirm_stipend_award', { p_id: active })).error).toBeNull();
    expect(
      (
        await rpc(staffA.client, 'cancel_stipend_award', {
          p_id: active,
          p_reason: 'Отчислен за академическую задолженность',
        })
      ).error,
    ).toBeNull();
    expect((await award(active)).status).toBe('cancelled');
    expect((await events('stipend_award', active)).map((e) => e.to_status)).toEqual([
      'awaiting_university',
      'active',
      'cancelled',
    ]);
  });

  test('the employer enters the order number later; others cannot', async () => {
    const id = await createAward({ p_order_number: null });
    for (const who of [studentA, staffA, employerB]) {
      expectRefused(
        await rpc(who.client, 'set_stipend_order_number', { p_id: id, p_order_number: '99' }),
        '42501',
      );
    }
    expectRefused(
      await rpc(employerA.client, 'set_stipend_order_number', { p_id: id, p_order_number: '' }),
      '22023',
      'order_number',
    );
    expect(
      (await rpc(employerA.client, 'set_stipend_order_number', { p_id: id, p_order_number: '45-ст' })).error,
    ).toBeNull();
    expect((await award(id)).order_number).toBe('45-ст');
  });

  test('the cron finishes an active award whose months have passed, once, however often it runs', async () => {
    const past = await createAward({ p_starts_on: daysFromToday(-100), p_months: 1 });
    const current = await createAward({ p_starts_on: daysFromToday(-10), p_months: 2 });
    const waiting = await createAward({ p_starts_on: daysFromToday(-100), p_months: 1 });
    for (const id of [past, current]) {
      expect((await rpc(staffA.client, 'confirm_stipend_award', { p_id: id })).error).toBeNull();
    }
    const first = await finishStipendAwards(testDb());
    expect(first).toBeGreaterThanOrEqual(1);
    expect(await finishStipendAwards(testDb())).toBe(0);
    expect((await award(past)).status).toBe('finished');
    expect((await award(current)).status).toBe('active');
    expect((await award(waiting)).status).toBe('awaiting_university');
    const finished = (await events('stipend_award', past)).filter((e) => e.to_status === 'finished');
    expect(finished).toHaveLength(1);
    expect(await queuedLetterJobs(finished[0].id)).toBe(1);
  });

  test('the letters of a move go to the parties who wait on it, once even when the job runs twice', async () => {
    const id = await createAward();
    const [created] = await events('stipend_award', id);
    const sent = await notifyStipendAgreementEvent(testDb(), created.id, 'http://127.0.0.1:3100');
    expect(await notifyStipendAgreementEvent(testDb(), created.id, 'http://127.0.0.1:3100')).toBe(0);
    const { rows } = await testDb().query<{ to_address: string; subject: string; text_body: string }>(
      `select to_address, subject, text_body from app_private.outbound_emails
        where template = 'stipend_award_step' and text_body like '%' || $1 || '%' and created_at > now() - interval '1 minute'`,
      [studentA.fullName],
    );
    expect(sent).toBe(2);
    expect(rows.map((r) => r.to_address).sort()).toEqual([staffA.email, studentA.email].sort());
    const toUniversity = rows.find((r) => r.to_address === staffA.email)!;
    expect(toUniversity.subject).toContain('Подтвердите стипендию');
    expect(toUniversity.text_body).toContain('http://127.0.0.1:3100/university/stipends');
    expect(rows.some((r) => r.to_address === employerA.email)).toBe(false);
  });
});

describe('target-training agreements', () => {
  test('the customer signs first with a number and date, then the student and the university: in force', async () => {
    const id = await createAgreement();
    expect((await agreement(id)).status).toBe('awaiting_signatures');

    // the student and the university cannot sign before the customer
    expectRefused(await rpc(studentA.client, 'sign_target_agreement', { p_id: id }), '22023', 'status');
    expectRefused(await rpc(staffA.client, 'sign_target_agreement', { p_id: id }), '22023', 'status');
    // the customer must number and date it
    expectRefused(
      await rpc(employerA.client, 'sign_target_agreement', { p_id: id }),
      '22023',
      'agreement_number',
    );
    expectRefused(
      await rpc(employerA.client, 'sign_target_agreement', {
        p_id: id,
        p_agreement_number: '5',
        p_agreement_date: daysFromToday(3),
      }),
      '22023',
      'agreement_date',
    );
    // no other party signs at all
    for (const [who, client] of [
      ['another student', studentB.client],
      ['other employer', employerB.client],
      ['other university', staffB.client],
      ['administrator', admin.client],
      ['anon', anon],
    ] as const) {
      const result = await rpc(client, 'sign_target_agreement', {
        p_id: id,
        p_agreement_number: '1',
        p_agreement_date: today(),
      });
      expect(result.error?.code, who).toBe('42501');
    }
    expect(await agreement(id)).toMatchObject({
      employer_signed_at: null,
      student_signed_at: null,
      agreement_number: null,
    });

    const employer = await rpc(employerA.client, 'sign_target_agreement', {
      p_id: id,
      p_agreement_number: 'ЦО-12/2026',
      p_agreement_date: today(),
    });
    expect(employer.error).toBeNull();
    expect(employer.data).toBe('awaiting_signatures');
    expectRefused(await rpc(employerA.client, 'sign_target_agreement', { p_id: id }), '22023', 'status');

    const student = await rpc(studentA.client, 'sign_target_agreement', { p_id: id });
    expect(student.data).toBe('awaiting_signatures');
    expectRefused(await rpc(studentA.client, 'sign_target_agreement', { p_id: id }), '22023', 'status');

    const university = await rpc(staffA.client, 'sign_target_agreement', { p_id: id });
    expect(university.data).toBe('in_force');
    const row = await agreement(id);
    expect(row.status).toBe('in_force');
    expect(row.agreement_number).toBe('ЦО-12/2026');
    expect((await events('target_agreement', id)).map((e) => [e.to_status, e.note])).toEqual([
      ['awaiting_signatures', null],
      ['awaiting_signatures', 'signed:employer'],
      ['awaiting_signatures', 'signed:student'],
      ['awaiting_signatures', 'signed:university'],
      ['in_force', null],
    ]);
    // a fourth signature: the wrong state
    expectRefused(await rpc(staffA.client, 'sign_target_agreement', { p_id: id }), '22023', 'status');
  });

  test('bad terms are refused with the field named; nothing written', async () => {
    const count = async () =>
      (await testDb().query<{ n: number }>('select count(*)::int as n from public.target_agreements')).rows[0]
        .n;
    const before = await count();
    const base = { p_student_email: studentA.email, p_programme_code: '09.03.01', p_work_years: 3 };
    for (const [args, hint] of [
      [{ p_work_years: 2 }, 'work_years'],
      [{ p_programme_code: '99.99.99' }, 'programme_code'],
      [{ p_support_stipend_per_month: 0 }, 'support_stipend_per_month'],
      [{ p_agreement_number: '1', p_agreement_date: daysFromToday(5) }, 'agreement_date'],
      [{ p_student_email: 'nobody-here@example.test' }, 'student_email'],
    ] as const) {
      expectRefused(
        await rpc(employerA.client, 'create_target_agreement', { ...base, ...args }),
        '22023',
        hint,
      );
    }
    for (const who of [pendingEmployer, studentA, staffA, admin]) {
      expectRefused(await rpc(who.client, 'create_target_agreement', base), '42501');
    }
    expect(await count()).toBe(before);
  });

  test('fulfilled by the graduate’s confirmed hire at the customer: by the trigger, or by the customer for an earlier hire', async () => {
    const first = await createAgreement();
    await signAll(first);
    expectRefused(await rpc(employerA.client, 'fulfil_target_agreement', { p_id: first }), '22023', 'status');

    // The hire itself (record_hire and its letter) is the hiring pipeline's; here it is arranged.
    const { rows } = await testDb().query<{ id: string }>(
      `insert into public.employments (person_id, organization_id, position, start_date, document_kind, document_number, document_date)
       values ($1, $2, 'Инженер-программист', current_date, 'order', '12-лс', current_date) returning id`,
      [studentA.id, employerA.organizationId],
    );
    const employmentId = rows[0].id;
    // the graduate confirms the hire: the agreement in force is fulfilled in the same transaction
    expect(
      (await rpc(studentA.client, 'confirm_my_employment', { p_employment_id: employmentId })).error,
    ).toBeNull();
    expect(await agreement(first)).toMatchObject({ status: 'fulfilled', employment_id: employmentId });
    const fulfilled = (await events('target_agreement', first)).at(-1)!;
    expect(fulfilled).toMatchObject({ from_status: 'in_force', to_status: 'fulfilled' });
    expect(await queuedLetterJobs(fulfilled.id)).toBe(1);

    // an agreement that comes in force after the hire was confirmed: the customer marks it
    const second = await createAgreement();
    await signAll(second);
    for (const who of [studentA, staffA, employerB]) {
      expectRefused(await rpc(who.client, 'fulfil_target_agreement', { p_id: second }), '42501');
    }
    expect((await agreement(second)).status).toBe('in_force');
    const marked = await rpc(employerA.client, 'fulfil_target_agreement', { p_id: second });
    expect(marked.error).toBeNull();
    expect(await agreement(second)).toMatchObject({ status: 'fulfilled', employment_id: employmentId });
    // fulfilled is final
    expectRefused(
      await rpc(employerA.client, 'fulfil_target_agreement', { p_id: second }),
      '22023',
      'status',
    );
    expectRefused(
      await rpc(studentA.client, 'terminate_target_agreement', { p_id: second, p_reason: 'передумал' }),
      '22023',
      'status',
    );
  });

  test('any party terminates with a reason; other parties cannot', async () => {
    const id = await createAgreement();
    for (const [who, client] of [
      ['another student', studentB.client],
      ['other employer', employerB.client],
      ['other university', staffB.client],
      ['administrator', admin.client],
    ] as const) {
      const result = await rpc(client, 'terminate_target_agreement', { p_id: id, p_reason: 'ошибка' });
      expect(result.error?.code, who).toBe('42501');
    }
    expectRefused(
      await rpc(studentA.client, 'terminate_target_agreement', { p_id: id, p_reason: '' }),
      '22023',
      'reason',
    );
    expect((await agreement(id)).status).toBe('awaiting_signatures');
    expect(
      (
        await rpc(studentA.client, 'terminate_target_agreement', {
          p_id: id,
          p_reason: 'Перевожусь на заочное обучение',
        })
      ).error,
    ).toBeNull();
    expect(await agreement(id)).toMatchObject({
      status: 'terminated',
      cancel_reason: 'Перевожусь на заочное обучение',
    });

    const inForce = await createAgreement();
    await signAll(inForce);
    expect(
      (
        await rpc(staffA.client, 'terminate_target_agreement', {
          p_id: inForce,
          p_reason: 'Студент отчислен',
        })
      ).error,
    ).toBeNull();
    expect((await agreement(inForce)).status).toBe('terminated');
    expectRefused(await rpc(employerA.client, 'sign_target_agreement', { p_id: inForce }), '22023', 'status');
  });

  test('the customer’s signature asks the student and the university to sign, by letter, once', async () => {
    const id = await createAgreement({ p_agreement_number: 'ЦО-77', p_agreement_date: today() });
    expect((await rpc(employerA.client, 'sign_target_agreement', { p_id: id })).error).toBeNull();
    const signed = (await events('target_agreement', id)).find((e) => e.note === 'signed:employer')!;
    expect(await notifyStipendAgreementEvent(testDb(), signed.id, 'http://127.0.0.1:3100')).toBe(2);
    expect(await notifyStipendAgreementEvent(testDb(), signed.id, 'http://127.0.0.1:3100')).toBe(0);
    const { rows } = await testDb().query<{ to_address: string; text_body: string }>(
      `select to_address, text_body from app_private.outbound_emails
        where template = 'target_agreement_step' and text_body like '%№ ЦО-77%'`,
    );
    expect(rows.map((r) => r.to_address).sort()).toEqual([staffA.email, studentA.email].sort());
    expect(rows.find((r) => r.to_address === studentA.email)!.text_body).toContain(
      'http://127.0.0.1:3100/student/target-agreements',
    );
  });
});

describe('who reads awards and agreements (RLS), and nobody writes them directly', () => {
  let awardId: string;
  let agreementId: string;

  beforeAll(async () => {
    awardId = await createAward();
    agreementId = await createAgreement();
  });

  const parties = () =>
    [
      ['anon', anon, false],
      ['student', studentA.client, true],
      ['another student', studentB.client, false],
      ['employer party', employerA.client, true],
      ['other employer', employerB.client, false],
      ['university party', staffA.client, true],
      ['other university', staffB.client, false],
      ['administrator', admin.client, true],
    ] as const;

  for (const [table, type] of [
    ['stipend_awards', 'stipend_award'],
    ['target_agreements', 'target_agreement'],
  ] as const) {
    test(`${table} and their events: the three parties and the administration, nobody else`, async () => {
      const id = table === 'stipend_awards' ? awardId : agreementId;
      for (const [who, client, sees] of parties()) {
        const rows = await (client as unknown as SupabaseClient)
          .from(table)
          .select('id, status')
          .eq('id', id);
        if (who === 'anon') {
          expect(rows.data ?? [], who).toEqual([]);
        } else {
          expect(rows.error, who).toBeNull();
          expect(rows.data, who).toHaveLength(sees ? 1 : 0);
        }
        const history = await (client as unknown as SupabaseClient)
          .from('outcome_events')
          .select('id')
          .eq('record_type', type)
          .eq('record_id', id);
        expect(history.data ?? [], who).toHaveLength(sees ? 1 : 0);
      }
    });

    test(`${table}: no direct insert, update or delete, even by a party`, async () => {
      const id = table === 'stipend_awards' ? awardId : agreementId;
      const before = JSON.stringify(table === 'stipend_awards' ? await award(id) : await agreement(id));
      for (const [who, client] of parties()) {
        const c = client as unknown as SupabaseClient;
        const update = await c
          .from(table)
          .update({ status: table === 'stipend_awards' ? 'active' : 'in_force' })
          .eq('id', id)
          .select();
        expect(update.data ?? [], who).toEqual([]);
        const del = await c.from(table).delete().eq('id', id).select();
        expect(del.data ?? [], who).toEqual([]);
        const insert = await c
          .from(table)
          .insert({
            organization_id: employerA.organizationId,
            student_id: studentA.id,
            work_years: 3,
            amount_per_month: 1,
            months: 1,
            starts_on: today(),
          })
          .select();
        expect(insert.error, who).not.toBeNull();
        const ev = await c
          .from('outcome_events')
          .insert({ record_type: type, record_id: id, to_status: 'active' })
          .select();
        expect(ev.error, who).not.toBeNull();
      }
      expect(JSON.stringify(table === 'stipend_awards' ? await award(id) : await agreement(id))).toBe(before);
    });
  }
});
