/**
 * The project's indicators computed in SQL (issue 9 items 1, 2, 7): each computed indicator on a
 * fixture full of traps equals the count worked out by hand below; plans keep their history and
 * refuse bad values; the drill-down is for administrators only; the public results are counts only.
 *
 * The fixture lives in a programme period of its own, 01.03.2010–30.06.2012, so that records other
 * test files create (dated around today) never reach it. Its records are historical (they predate any workflow
 * run here), so they are written over a direct connection, as an import of past registers would;
 * everything under test is read through PostgREST with each person's own JWT.
 *
 * Students count only when their university has recognized them: p[1]…p[6] are confirmed (p[3] later
 * marked graduated, which keeps their records counted); p[0] is still «claimed», and each of their
 * records is a trap.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseForm } from '../../src/lib/schemas/form.ts';
import { planField, parsePlansForm, studentNumberSchema } from '../../src/lib/schemas/indicators.ts';
import { loadIndicatorRecords } from '../../src/lib/server/indicators/load-indicator-records.ts';
import { loadIndicatorTable } from '../../src/lib/server/indicators/load-indicator-table.ts';
import { saveIndicatorPlans } from '../../src/lib/server/indicators/save-indicator-plans.ts';
import { saveStudentNumber } from '../../src/lib/server/indicators/save-student-number.ts';
import { anonClient } from '../../src/lib/server/supabase.ts';
import { testDb } from '../factories/db.ts';
import {
  closeFactories,
  createAdministrator,
  createEmployer,
  createStudent,
  createUniversity,
  type TestEmployer,
  type TestMember,
  type TestPerson,
} from '../factories/people.ts';

const PERIOD = {
  name: `Проверка показателей 2010–2012 ${Date.now()}`,
  starts_on: '2010-03-01',
  ends_on: '2012-06-30',
};

let admin: TestMember;
let periodId: string;
let university: string;
/** a second university: no student number for 2010 */
let university2: string;
/** a confirmed student of university2 */
let s2: TestPerson;
let kemerovoA: TestEmployer;
let kemerovoB: TestEmployer;
/** registered without a district of Kemerovo */
let outside: TestEmployer;
/** p[1]…p[6]: students and graduates of the fixture */
const p: TestPerson[] = [];

async function insert(table: string, row: Record<string, unknown>): Promise<string> {
  const columns = Object.keys(row);
  const { rows } = await testDb().query<{ id: string }>(
    `insert into public.${table} (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')}) returning id`,
    columns.map((c) => row[c]),
  );
  return rows[0].id;
}

const hire = (person: TestPerson | null, employer: TestEmployer, start: string, status = 'confirmed') =>
  insert('employments', {
    person_id: person?.id ?? null,
    organization_id: employer.organizationId,
    position: 'Инженер-технолог',
    start_date: start,
    document_kind: 'order',
    document_number: `${start.slice(0, 4)}-к`,
    document_date: start,
    status,
    person_confirmed_at: status === 'confirmed' ? `${start}T09:00:00Z` : null,
  });

const practice = (person: TestPerson, employer: TestEmployer, starts: string, ends: string, status: string) =>
  insert('practice_placements', {
    student_id: person.id,
    university_id: university,
    organization_id: employer.organizationId,
    practice_type: 'industrial',
    starts_on: starts,
    ends_on: ends,
    status,
    // what the workflow leaves on a confirmed placement: the university's order and, once the employer
    // accepted, its supervisor; a cancelled one has its reason
    order_number: ['awaiting_university', 'cancelled'].includes(status) ? null : `П-${starts}`,
    order_date: ['awaiting_university', 'cancelled'].includes(status) ? null : starts,
    employer_supervisor_name: ['awaiting_university', 'confirmed', 'cancelled'].includes(status)
      ? null
      : 'Наставник Петров',
    employer_supervisor_email: ['awaiting_university', 'confirmed', 'cancelled'].includes(status)
      ? null
      : 'mentor@example.test',
    cancel_reason: status === 'cancelled' ? 'студент заболел' : null,
  });

const stipend = (
  person: TestPerson,
  employer: TestEmployer,
  starts: string,
  months: number,
  status: string,
) =>
  insert('stipend_awards', {
    student_id: person.id,
    university_id: university,
    organization_id: employer.organizationId,
    amount_per_month: 10000,
    months,
    starts_on: starts,
    order_number: `С-${starts}`,
    status,
  });

async function agreement(
  person: TestPerson,
  status: string,
  createdAt: string,
  inForceAt?: string,
  employmentId: string | null = null,
) {
  const signed = ['in_force', 'fulfilled'].includes(status) || inForceAt ? (inForceAt ?? createdAt) : null;
  const id = await insert('target_agreements', {
    student_id: person.id,
    university_id: university,
    organization_id: kemerovoA.organizationId,
    work_years: 3,
    status,
    created_at: createdAt,
    employer_signed_at: signed,
    student_signed_at: signed,
    university_signed_at: signed,
    employment_id: employmentId,
  });
  if (inForceAt) {
    await testDb().query(
      `insert into public.outcome_events (record_type, record_id, from_status, to_status, at)
       values ('target_agreement', $1, 'awaiting_signatures', 'in_force', $2)`,
      [id, inForceAt],
    );
  }
  return id;
}

async function contract(
  employer: TestEmployer,
  number: string,
  validFrom: string,
  validTo: string | null,
  status: string,
  events: Array<[string, string]> = [],
  statusChangedAt = `${validFrom}T03:00:00Z`,
) {
  const id = await insert('partnership_contracts', {
    employer_id: employer.organizationId,
    university_id: university,
    kind: 'practice',
    number,
    signed_on: validFrom,
    valid_from: validFrom,
    valid_to: validTo,
    status,
    proposed_by_side: 'administration',
    status_changed_at: statusChangedAt,
  });
  for (const [to, at] of events) {
    await testDb().query(
      `insert into public.contract_events (contract_id, actor_side, from_status, to_status, at)
       values ($1, 'system', 'active', $2, $3)`,
      [id, to, at],
    );
  }
  return id;
}

/** An event of `kind` at `startsAt`; `groups` are the pupils who came per school group (null: not recorded). */
async function event(
  kind: string,
  startsAt: string,
  status: string,
  recorded: boolean,
  groups: Array<number | null> = [],
  attendees: Array<[TestPerson, boolean]> = [],
) {
  const id = await insert('events', {
    organization_id: kemerovoA.organizationId,
    kind,
    title: `Встреча ${kind} ${startsAt}`,
    starts_at: startsAt,
    ends_at: new Date(Date.parse(startsAt) + 2 * 3_600_000).toISOString(),
    place: 'Кемерово, ул. Весенняя, 5',
    audience: 'everyone',
    capacity: 100,
    status,
    attendance_recorded_at: recorded ? startsAt : null,
  });
  for (const attended of groups) {
    await insert('event_school_groups', {
      event_id: id,
      teacher_name: 'Учитель Иванова',
      school_name: 'Школа № 1',
      email: `teacher${Math.random().toString(36).slice(2)}@example.test`,
      headcount: 30,
      attended_count: attended,
    });
  }
  for (const [person, attended] of attendees) {
    await insert('event_registrations', {
      event_id: id,
      person_id: person.id,
      person_name: person.fullName,
      status: 'registered',
      attended,
    });
  }
  return id;
}

const signIn = (person: TestPerson, year: number, first: string, last = first) =>
  insert('student_sign_in_years', { profile_id: person.id, year, first_at: first, last_at: last });

type Values = Array<{ indicator_code: string; year: number; fact: number | null; details: unknown }>;

async function values(client = admin.client): Promise<Values> {
  const { data, error } = await client.rpc('indicator_values', { p_period_id: periodId });
  if (error) throw new Error(error.message);
  return data as Values;
}

const factsOf = (rows: Values, code: string) =>
  Object.fromEntries(rows.filter((r) => r.indicator_code === code).map((r) => [r.year, r.fact]));
const recordsOf = (rows: Values, code: string) =>
  Object.fromEntries(
    rows
      .filter((r) => r.indicator_code === code)
      .map((r) => [r.year, (r.details as { records?: number }).records ?? 0]),
  );

beforeAll(async () => {
  admin = await createAdministrator();
  university = await createUniversity(admin);
  kemerovoA = await createEmployer({ districtCode: 'zavodsky' });
  // a residential area counts as Kemerovo too (Кедровка lies in Рудничный district)
  kemerovoB = await createEmployer({ districtCode: 'kedrovka' });
  outside = await createEmployer();
  await testDb().query('update public.organizations set district_code = null where id = $1', [
    outside.organizationId,
  ]);
  for (let i = 0; i <= 6; i++) p.push(await createStudent({ universityId: university, role: 'graduate' }));
  // the university confirmed p1…p6 (p3 has graduated since); p0 is still a claim
  await testDb().query(
    `update public.profiles set enrolment_status = case when id = $2 then 'graduated' else 'confirmed' end::public.enrolment_status
      where id = any($1)`,
    [p.slice(1).map((x) => x.id), p[3].id],
  );
  university2 = await createUniversity(admin);
  s2 = await createStudent({ universityId: university2 });
  await testDb().query(`update public.profiles set enrolment_status = 'confirmed' where id = $1`, [s2.id]);
  const { data, error } = await admin.client.from('programme_periods').insert(PERIOD).select('id').single();
  if (error) throw new Error(error.message);
  periodId = data.id;

  // graduates_hired (cumulative from 01.03.2010):
  await hire(p[1], kemerovoA, '2010-05-10'); //             2010: p1
  await hire(p[1], kemerovoB, '2011-03-01'); //             p1's second hire: still one person
  const p2Hire = await hire(p[2], kemerovoA, '2011-07-01'); // 2011: + p2
  await hire(p[2], kemerovoB, '2012-01-10'); //             p2 again
  await hire(null, kemerovoA, '2012-03-03'); //             2012: + a person whose account was deleted
  await hire(p[3], outside, '2011-02-01'); //               trap: employer outside Kemerovo
  await hire(p[4], kemerovoA, '2010-06-01', 'awaiting_confirmation'); // trap: the graduate has not confirmed
  await testDb().query(
    `update public.employments set status = 'cancelled', cancelled_at = now(), cancel_reason = 'ошибка'
      where id = $1`,
    [await hire(p[4], kemerovoA, '2010-07-01', 'awaiting_confirmation')],
  ); //                                                      trap: cancelled
  await hire(p[5], kemerovoA, '2010-02-15'); //             trap: before the period starts
  await hire(p[6], kemerovoA, '2012-07-15'); //             trap: after the period ends (same year)

  // organized_practices (by the year of the start date, a student once a year):
  await practice(p[1], kemerovoA, '2010-04-01', '2010-04-28', 'confirmed'); //          2010: p1
  await practice(p[1], kemerovoB, '2010-09-01', '2010-09-28', 'completed'); //          p1 again in 2010
  await practice(p[2], kemerovoA, '2010-12-20', '2011-01-20', 'in_progress'); //        2010: p2 (starts in 2010)
  await practice(p[3], kemerovoA, '2010-05-01', '2010-05-30', 'awaiting_university'); // trap: unconfirmed
  await practice(p[4], kemerovoA, '2010-05-01', '2010-05-30', 'cancelled'); //          trap: cancelled
  await practice(p[5], kemerovoA, '2010-02-10', '2010-03-10', 'closed'); //             trap: starts before the period
  await practice(p[6], kemerovoA, '2011-06-01', '2011-06-30', 'accepted_by_employer'); // 2011: p6
  await practice(p[1], kemerovoA, '2011-06-01', '2011-06-30', 'closed'); //             2011: p1
  await practice(p[2], kemerovoA, '2012-07-01', '2012-07-30', 'confirmed'); //          trap: after the period
  await practice(p[3], outside, '2012-02-01', '2012-02-28', 'confirmed'); //            2012: p3 (any employer)
  await practice(p[0], kemerovoA, '2010-04-01', '2010-04-28', 'confirmed'); //          trap: p0 not confirmed by the university

  // employer_stipend_students (paid from the start month for `months` months):
  await stipend(p[1], kemerovoA, '2009-10-01', 6, 'active'); //    Oct 2009–Mar 2010: 2010 (March is in the period)
  await stipend(p[2], kemerovoA, '2009-10-01', 5, 'active'); //    trap: Oct 2009–Feb 2010, before the period
  await stipend(p[3], kemerovoB, '2010-11-15', 3, 'finished'); //  Nov 2010–Jan 2011: 2010 and 2011
  await stipend(p[4], kemerovoA, '2010-05-01', 6, 'awaiting_university'); // trap: unconfirmed
  await stipend(p[5], kemerovoA, '2010-05-01', 6, 'cancelled'); // trap: cancelled
  await stipend(p[6], outside, '2010-05-01', 10, 'active'); //     trap: employer outside Kemerovo
  await stipend(p[3], kemerovoA, '2011-09-01', 12, 'active'); //   2011 (p3 twice: once) and 2012
  await stipend(p[1], kemerovoA, '2012-07-01', 2, 'active'); //    trap: after the period
  await stipend(p[0], kemerovoA, '2010-05-01', 6, 'active'); //     trap: p0 not confirmed by the university

  // student_employer_agreements (the year they came into force, Kemerovo time):
  await agreement(p[1], 'in_force', '2010-03-20T00:00:00Z', '2010-04-10T10:00:00Z'); // 2010: p1
  await agreement(p[1], 'in_force', '2010-07-01T00:00:00Z', '2010-08-01T10:00:00Z'); // p1 again
  await agreement(p[2], 'fulfilled', '2011-05-05T00:00:00Z', undefined, p2Hire); //      2011: p2 (no event: created)
  await agreement(p[3], 'awaiting_signatures', '2010-05-01T00:00:00Z'); //              trap: not signed
  await agreement(p[4], 'terminated', '2010-06-01T00:00:00Z'); //                       trap: never in force
  await agreement(p[5], 'terminated', '2010-12-01T00:00:00Z', '2011-02-01T10:00:00Z'); // 2011: p5, in force then
  await agreement(p[6], 'in_force', '2010-12-01T00:00:00Z', '2010-12-31T18:00:00Z'); // 2011: p6 (01.01.2011 in Kemerovo)
  await agreement(p[2], 'in_force', '2012-07-20T00:00:00Z', '2012-08-01T10:00:00Z'); // trap: after the period
  await agreement(p[0], 'in_force', '2010-04-01T00:00:00Z', '2010-04-10T10:00:00Z'); // trap: p0 not confirmed

  // employer_university_contracts (in force on a day of the year, within 01.03.2010–30.06.2012):
  await contract(kemerovoA, 'К-1', '2009-09-01', '2011-08-31', 'expired', [
    ['expired', '2011-09-01T05:00:00Z'],
  ]); // 2010, 2011
  await contract(kemerovoB, 'К-2', '2010-05-01', null, 'terminated', [
    ['terminated', '2011-02-10T03:00:00Z'],
  ]); // 2010, 2011
  await contract(kemerovoA, 'К-3', '2011-01-01', '2013-12-31', 'active'); //           2011, 2012
  // terminated without a history row: its status change, 31.12.2010 20:00 UTC = 01.01.2011 in Kemerovo
  await contract(kemerovoB, 'К-4', '2010-04-01', null, 'terminated', [], '2010-12-31T20:00:00Z'); // 2010, 2011
  await contract(outside, 'К-5', '2010-01-01', null, 'active'); //                     trap: employer outside Kemerovo
  await contract(kemerovoA, 'К-6', '2010-06-01', null, 'proposed'); //                 trap: never in force
  await contract(kemerovoA, 'К-7', '2010-06-01', '2011-06-01', 'declined'); //        trap: declined
  await contract(kemerovoA, 'К-8', '2008-01-01', '2010-02-28', 'expired'); //          trap: ended before the period
  await contract(kemerovoB, 'К-9', '2012-03-01', null, 'terminated', [
    ['terminated', '2012-02-20T03:00:00Z'],
  ]); // trap: ended before it began
  await contract(kemerovoA, 'К-10', '2012-07-01', null, 'active'); //                  trap: after the period

  // employer_meetings_grade11 (held, attendance recorded, someone came; Kemerovo date of the start):
  await event('school_meeting', '2010-04-15T03:00:00Z', 'held', true, [25]); //          2010
  await event('school_meeting', '2010-10-01T03:00:00Z', 'held', true, [0], [[p[1], true]]); // 2010: a student came
  await event('school_meeting', '2010-05-01T03:00:00Z', 'planned', false, [null]); //   trap: planned
  await event('school_meeting', '2010-05-02T03:00:00Z', 'cancelled', false, [null]); //  trap: cancelled
  await event('school_meeting', '2010-06-01T03:00:00Z', 'held', false, [null]); //       trap: attendance not recorded
  await event('school_meeting', '2010-06-02T03:00:00Z', 'held', true, [0], [[p[6], false]]); // trap: nobody came
  await event(
    'employer_day',
    '2010-05-05T03:00:00Z',
    'held',
    true,
    [10],
    [
      [p[1], true],
      [p[0], true],
    ],
  ); //                                                                                 trap: another kind
  await event('school_meeting', '2010-12-31T18:00:00Z', 'held', true, [12], [[p[4], true]]); // 2011 (01.01 in Kemerovo)
  await event('school_meeting', '2012-07-05T03:00:00Z', 'held', true, [20]); //          trap: after the period

  // students_informed_pct: student numbers — university 2010: 100, 2011: 50; university2 2011: 50; 2012: none
  await testDb().query(
    `insert into public.university_student_numbers (university_id, year, students)
     values ($1, 2010, 100), ($1, 2011, 50), ($2, 2011, 50)`,
    [university, university2],
  );
  await signIn(p[1], 2010, '2010-03-05T03:00:00Z'); //       2010: p1 (and at two events: still once)
  await signIn(p[2], 2010, '2010-09-01T03:00:00Z', '2010-11-01T03:00:00Z'); // 2010: p2
  await signIn(p[0], 2010, '2010-04-01T03:00:00Z'); //       trap: p0 not confirmed (also came to an event)
  await signIn(p[3], 2010, '2010-01-15T03:00:00Z', '2010-02-10T03:00:00Z'); // trap: only before the period
  await signIn(s2, 2010, '2010-04-01T03:00:00Z'); //         not counted: university2 has no number for 2010
  await signIn(s2, 2011, '2011-04-01T03:00:00Z'); //         2011: s2
  await signIn(p[4], 2011, '2011-02-01T03:00:00Z'); //       2011: p4 (and at the meeting of 01.01.2011)
  await signIn(p[5], 2012, '2012-02-01T03:00:00Z'); //       2012: no student numbers at all
});

afterAll(async () => {
  await closeFactories();
});

describe('indicators on the fixture', () => {
  test('graduates_hired: distinct people with a confirmed hire at a Kemerovo employer, cumulative', async () => {
    const rows = await values();
    expect(factsOf(rows, 'graduates_hired')).toEqual({ 2010: 1, 2011: 2, 2012: 3 });
    // records behind: 2010 p1; 2011 p1 ×2 + p2; 2012 p1 ×2 + p2 ×2 + deleted
    expect(recordsOf(rows, 'graduates_hired')).toEqual({ 2010: 1, 2011: 3, 2012: 5 });
    const added = rows
      .filter((r) => r.indicator_code === 'graduates_hired')
      .map((r) => (r.details as { new: number }).new);
    expect(added).toEqual([1, 1, 1]);
  });

  test('organized_practices: confirmed placements by start year within the period, a student once a year', async () => {
    const rows = await values();
    expect(factsOf(rows, 'organized_practices')).toEqual({ 2010: 2, 2011: 2, 2012: 1 });
    expect(recordsOf(rows, 'organized_practices')).toEqual({ 2010: 3, 2011: 2, 2012: 1 });
  });

  test('employer_stipend_students: confirmed awards of Kemerovo employers paid in a month of the year', async () => {
    const rows = await values();
    expect(factsOf(rows, 'employer_stipend_students')).toEqual({ 2010: 2, 2011: 1, 2012: 1 });
    expect(recordsOf(rows, 'employer_stipend_students')).toEqual({ 2010: 2, 2011: 2, 2012: 1 });
  });

  test('student_employer_agreements: in force in the year (history first, creation otherwise)', async () => {
    const rows = await values();
    expect(factsOf(rows, 'student_employer_agreements')).toEqual({ 2010: 1, 2011: 3, 2012: 0 });
    expect(recordsOf(rows, 'student_employer_agreements')).toEqual({ 2010: 2, 2011: 3, 2012: 0 });
  });

  test('employer_university_contracts: contracts in force on a day of the year, with a Kemerovo employer', async () => {
    const rows = await values();
    expect(factsOf(rows, 'employer_university_contracts')).toEqual({ 2010: 3, 2011: 4, 2012: 1 });
    expect(recordsOf(rows, 'employer_university_contracts')).toEqual({ 2010: 3, 2011: 4, 2012: 1 });
  });

  test('employer_meetings_grade11: meetings with 11th-graders held with attendance, as event_indicators counts them', async () => {
    const rows = await values();
    expect(factsOf(rows, 'employer_meetings_grade11')).toEqual({ 2010: 2, 2011: 1, 2012: 0 });
    const y2010 = rows.find((r) => r.indicator_code === 'employer_meetings_grade11' && r.year === 2010);
    expect(y2010?.details).toEqual({ records: 2, pupils: 25, students: 1 });
    // the calendar's own rule agrees (the fixture's 2010 lies wholly inside the period from March on)
    const { data } = await anonClient().rpc('event_indicators', { p_year: 2010 });
    expect(data?.find((k) => k.kind === 'school_meeting')?.events_held).toBe(2);
  });

  test('students_informed_pct: each reached student once ÷ the student numbers; no number, no percentage', async () => {
    const rows = await values();
    expect(factsOf(rows, 'students_informed_pct')).toEqual({ 2010: 2, 2011: 2, 2012: null });
    const details = Object.fromEntries(
      rows.filter((r) => r.indicator_code === 'students_informed_pct').map((r) => [r.year, r.details]),
    );
    expect(details[2010]).toEqual({
      records: 4,
      identified: 2,
      imported: 0,
      students: 100,
      universities: 1,
      without_number: 1,
    });
    expect(details[2011]).toMatchObject({
      records: 3,
      identified: 2,
      imported: 0,
      students: 100,
      universities: 2,
    });
    expect(details[2012]).toEqual({
      records: 0,
      identified: 0,
      imported: 0,
      universities: 0,
      without_number: 1,
      reason: 'no_student_numbers',
    });
    const table = await loadIndicatorTable(
      admin.client,
      { id: periodId, ...PERIOD },
      'indicator_values',
      '2013-01-01',
    );
    const informed = table.find((i) => i.code === 'students_informed_pct')!;
    expect(informed.years.map((y) => [y.year, y.fact, y.status, y.note])).toEqual([
      [2010, 2, 'no_plan', null],
      [2011, 2, 'no_plan', null],
      [2012, null, 'no_data', 'Численность студентов вузов на 2012 год не внесена — процент не считается'],
    ]);
    expect(informed.years[0].breakdown).toEqual({
      identified: 2,
      imported: 0,
      students: 100,
      withoutNumber: 1,
    });
  });

  test('students_informed_pct: imported head-counts are added to the identified people and shown apart', async () => {
    const { rows } = await testDb().query<{ def: string }>(
      `select pg_get_functiondef('app_private.indicator_informed_imported(uuid)'::regprocedure) as def`,
    );
    try {
      // what the registers import will do: replace the hook with its head-counts
      await testDb().query(
        `create or replace function app_private.indicator_informed_imported(p_period_id uuid)
         returns table (year int, university_id uuid, headcount bigint, source text)
         language sql stable set search_path = '' as $$
           select 2011, null::uuid, 30::bigint, 'ведомость.xlsx' where p_period_id = '${periodId}'::uuid
         $$`,
      );
      const v = await values();
      expect(factsOf(v, 'students_informed_pct')).toEqual({ 2010: 2, 2011: 32, 2012: null });
      expect(
        v.find((r) => r.indicator_code === 'students_informed_pct' && r.year === 2011)?.details,
      ).toMatchObject({ identified: 2, imported: 30, students: 100 });
    } finally {
      await testDb().query(rows[0].def);
    }
    expect(factsOf(await values(), 'students_informed_pct')).toEqual({ 2010: 2, 2011: 2, 2012: null });
  });

  test('every indicator is computed and shows its rule; without a vacancy snapshot there is no reduction %', async () => {
    const rows = await values();
    expect(factsOf(rows, 'vacancy_reduction_pct')).toEqual({ 2010: null, 2011: null, 2012: null });
    const { data } = await anonClient()
      .from('indicators')
      .select('code, rule, pending_note')
      .order('sort_order');
    expect(data?.length).toBe(8);
    for (const i of data ?? []) expect(i.rule).toMatch(/[а-яё]{10}/i);
    expect(data?.filter((i) => i.pending_note).map((i) => i.code)).toEqual([]);
  });

  test('a new record in a counted state shows at once (nothing cached)', async () => {
    const extra = await createStudent({ universityId: university, role: 'graduate' });
    const id = await hire(extra, kemerovoA, '2011-11-11', 'awaiting_confirmation');
    expect(factsOf(await values(), 'graduates_hired')).toEqual({ 2010: 1, 2011: 2, 2012: 3 });
    await testDb().query(
      `update public.employments set status = 'confirmed', person_confirmed_at = now() where id = $1`,
      [id],
    );
    expect(factsOf(await values(), 'graduates_hired')).toEqual({ 2010: 1, 2011: 3, 2012: 4 });
    await testDb().query(`update public.employments set status = 'cancelled' where id = $1`, [id]);
    expect(factsOf(await values(), 'graduates_hired')).toEqual({ 2010: 1, 2011: 2, 2012: 3 });
  });

  test('the dashboard table: plan, fact, % of plan and status per year', async () => {
    await saveIndicatorPlans(admin.client, periodId, [
      { code: 'graduates_hired', year: 2012, value: 3 },
      { code: 'organized_practices', year: 2010, value: 4 },
    ]);
    const table = await loadIndicatorTable(
      admin.client,
      { id: periodId, ...PERIOD },
      'indicator_values',
      '2013-01-01',
    );
    const hired = table.find((i) => i.code === 'graduates_hired')!;
    expect(hired.years.map((y) => [y.year, y.plan, y.fact, y.percent, y.status])).toEqual([
      [2010, null, 1, null, 'no_plan'],
      [2011, null, 2, null, 'no_plan'],
      [2012, 3, 3, 100, 'met'],
    ]);
    const practices = table.find((i) => i.code === 'organized_practices')!;
    expect(practices.years[0]).toMatchObject({
      plan: 4,
      fact: 2,
      percent: 50,
      status: 'not_met',
      records: 3,
    });
    expect(table.find((i) => i.code === 'vacancy_reduction_pct')!.years[0].status).toBe('no_data');
  });
});

describe('the drill-down', () => {
  test('lists the records behind a number, with person, employer, university, dates and document', async () => {
    const rows = await loadIndicatorRecords(admin.client, 'graduates_hired', periodId, 2011);
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.person_name).sort()).toEqual(
      [p[1].fullName, p[1].fullName, p[2].fullName].sort(),
    );
    expect(rows[0]).toMatchObject({
      record_type: 'employment',
      organization_name: kemerovoA.organizationName,
      starts_on: '2010-05-10',
      document: 'Приказ № 2010-к от 10.05.2010',
      source: 'platform',
    });
    expect(rows[0].university_name).toBeTruthy();
    const filtered = await loadIndicatorRecords(admin.client, 'graduates_hired', periodId, 2011, {
      q: p[2].fullName.split(' ')[1],
    });
    expect(filtered.every((r) => r.person_name?.includes(p[2].fullName.split(' ')[1]))).toBe(true);
    const agreements = await loadIndicatorRecords(
      admin.client,
      'student_employer_agreements',
      periodId,
      2011,
    );
    expect(agreements.map((r) => r.on_date).sort()).toEqual(['2011-01-01', '2011-02-01', '2011-05-05']);
  });

  test('contracts, meetings and reached students have their records too', async () => {
    const contracts = await loadIndicatorRecords(
      admin.client,
      'employer_university_contracts',
      periodId,
      2011,
    );
    expect(contracts.map((r) => r.document).sort()).toEqual([
      'Договор о практической подготовке № К-1 от 01.09.2009',
      'Договор о практической подготовке № К-2 от 01.05.2010',
      'Договор о практической подготовке № К-3 от 01.01.2011',
      'Договор о практической подготовке № К-4 от 01.04.2010',
    ]);
    expect(contracts.find((r) => r.document?.includes('К-1'))).toMatchObject({
      record_type: 'partnership_contract',
      person_id: null,
      organization_name: kemerovoA.organizationName,
      starts_on: '2009-09-01',
      ends_on: '2011-08-31',
      on_date: '2011-01-01',
      status: 'expired',
      source: 'platform',
    });
    expect(contracts[0].university_name).toBeTruthy();

    const meetings = await loadIndicatorRecords(admin.client, 'employer_meetings_grade11', periodId, 2010);
    expect(meetings.map((r) => [r.on_date, r.document?.replace(/^.* — /, '')])).toEqual([
      ['2010-04-15', 'пришли: школьников 25, студентов 0'],
      ['2010-10-01', 'пришли: школьников 0, студентов 1'],
    ]);

    const informed = await loadIndicatorRecords(admin.client, 'students_informed_pct', periodId, 2010);
    expect(informed.map((r) => [r.person_name, r.record_type]).sort()).toEqual(
      [
        [p[1].fullName, 'sign_in'],
        [p[1].fullName, 'event_attendance'],
        [p[1].fullName, 'event_attendance'],
        [p[2].fullName, 'sign_in'],
      ].sort(),
    );
    expect(new Set(informed.map((r) => r.person_id)).size).toBe(2);
    const fact = await admin.client.rpc('indicator_fact', {
      p_indicator_code: 'students_informed_pct',
      p_period_id: periodId,
      p_year: 2010,
    });
    expect(fact.data).toEqual([
      { fact: 2, details: expect.objectContaining({ identified: 2, students: 100 }) },
    ]);
    const refused = await p[1].client.rpc('indicator_fact', {
      p_indicator_code: 'students_informed_pct',
      p_period_id: periodId,
      p_year: 2010,
    });
    expect(refused.error?.code).toBe('42501');
  });

  test('the drill-down summary agrees with the fact of every indicator and year (the rules are the same)', async () => {
    const rows = await values();
    // every computed indicator's years (a percentage without its denominator has details still)
    const checked = rows.filter((r) => (r.details as { records?: number }).records !== undefined);
    expect(new Set(checked.map((r) => r.indicator_code)).size).toBe(8);
    for (const row of checked) {
      const { data, error } = await admin.client.rpc('indicator_records_summary', {
        p_indicator_code: row.indicator_code,
        p_period_id: periodId,
        p_year: row.year,
      });
      if (error) throw new Error(error.message);
      const details = row.details as Record<string, number | undefined>;
      const where = `${row.indicator_code} ${row.year}`;
      expect(Number(data[0].total), where).toBe(details.records ?? 0);
      // the people behind the number: the fact itself, or the numerator of a percentage
      const people =
        row.indicator_code === 'students_informed_pct'
          ? (details.identified ?? 0)
          : row.indicator_code === 'vacancy_reduction_pct'
            ? (details.hires ?? 0)
            : row.fact;
      expect(Number(data[0].people), where).toBe(people);
    }
  });

  test('only administrators read it', async () => {
    for (const person of [kemerovoA, p[1]]) {
      const { data, error } = await person.client.rpc('indicator_records', {
        p_indicator_code: 'graduates_hired',
        p_period_id: periodId,
        p_year: 2011,
      });
      expect(data).toBeNull();
      expect(error?.code).toBe('42501');
    }
    const anon = await anonClient().rpc('indicator_records', {
      p_indicator_code: 'graduates_hired',
      p_period_id: periodId,
      p_year: 2011,
    });
    expect(anon.data).toBeNull();
    expect(anon.error).not.toBeNull();
    // nor the per-record values through the dispatcher, nor the plan history
    expect((await anonClient().rpc('indicator_values', { p_period_id: periodId })).error).not.toBeNull();
    expect((await anonClient().from('indicator_plan_history').select('*')).data ?? []).toEqual([]);
    const { data: employerView } = await kemerovoA.client.from('indicator_plan_history').select('*');
    expect(employerView).toEqual([]);
  });
});

describe('student numbers', () => {
  const form = (fields: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.set(k, v);
    return f;
  };

  test('a number that is not a positive integer is refused at its field, in Russian', () => {
    const cases: Array<[string, string]> = [
      ['0', 'Численность должна быть больше нуля'],
      ['-5', 'Численность должна быть больше нуля'],
      ['12,5', 'Численность — целое число, без дробной части'],
      ['много', 'Численность — целое число, например 12500'],
      ['', 'Укажите численность студентов'],
    ];
    for (const [students, message] of cases) {
      const parsed = parseForm(
        studentNumberSchema,
        form({ universityId: university, year: '2011', students }),
      );
      expect(parsed).toMatchObject({ ok: false, errors: { students: message } });
    }
    expect(
      parseForm(studentNumberSchema, form({ universityId: university, year: '2011', students: '12 500' })),
    ).toEqual({ ok: true, data: { universityId: university, year: 2011, students: 12500 } });
  });

  test('the administration saves and changes a number; the database refuses a bad one with its field; others cannot', async () => {
    const count = async () =>
      (
        await testDb().query(
          `select count(*)::int as n from public.university_student_numbers where university_id = $1`,
          [university2],
        )
      ).rows[0].n as number;
    const before = await count();
    expect(
      await saveStudentNumber(admin.client, { universityId: university2, year: 2012, students: 0 }),
    ).toEqual({
      ok: false,
      status: 400,
      field: 'students',
      message: 'Численность студентов — целое число от 1 до 1 000 000',
    });
    expect(
      await saveStudentNumber(admin.client, {
        universityId: kemerovoA.organizationId,
        year: 2012,
        students: 10,
      }),
    ).toMatchObject({
      ok: false,
      status: 400,
      field: 'universityId',
    });
    expect(await count()).toBe(before);
    expect(
      await saveStudentNumber(p[1].client, { universityId: university2, year: 2012, students: 10 }),
    ).toMatchObject({
      ok: false,
      status: 403,
    });
    const direct = await kemerovoA.client
      .from('university_student_numbers')
      .insert({ university_id: university2, year: 2012, students: 10 });
    expect(direct.error).not.toBeNull();
    expect(await count()).toBe(before);
    // nobody but the administration reads them, nor the sign-in log
    for (const client of [kemerovoA.client, p[1].client, anonClient()]) {
      expect((await client.from('university_student_numbers').select('*')).data ?? []).toEqual([]);
      expect((await client.from('student_sign_in_years').select('*')).data ?? []).toEqual([]);
    }

    expect(
      await saveStudentNumber(admin.client, { universityId: university2, year: 2012, students: 400 }),
    ).toEqual({
      ok: true,
    });
    expect(factsOf(await values(), 'students_informed_pct')).toEqual({ 2010: 2, 2011: 2, 2012: 0 });
    expect(
      await saveStudentNumber(admin.client, { universityId: university, year: 2012, students: 100 }),
    ).toEqual({
      ok: true,
    });
    // 2012: p5 (university, 100) reached; university2 (400) nobody → 1 ÷ 500
    expect(factsOf(await values(), 'students_informed_pct')).toEqual({ 2010: 2, 2011: 2, 2012: 0.2 });
    await saveStudentNumber(admin.client, { universityId: university, year: 2012, students: 50 });
    expect(factsOf(await values(), 'students_informed_pct')).toEqual({ 2010: 2, 2011: 2, 2012: 0.2 });
    const { data } = await admin.client
      .from('university_student_numbers')
      .select('students, updated_by')
      .eq('university_id', university)
      .eq('year', 2012)
      .single();
    expect(data).toEqual({ students: 50, updated_by: admin.id });
    await testDb().query(
      `delete from public.university_student_numbers where year = 2012 and university_id = any($1)`,
      [[university, university2]],
    );
  });

  test('a student signing in is logged once for the year, a new session changing nothing', async () => {
    const student = await createStudent({ universityId: university2 });
    const { rows } = await testDb().query<{ n: number }>(
      `select count(*)::int as n from public.student_sign_in_years where profile_id = $1`,
      [student.id],
    );
    expect(rows[0].n).toBe(1);
    await testDb().query(
      `insert into better_auth."session" ("expiresAt", token, "updatedAt", "userId")
       values (now() + interval '1 day', $1, now(), $2)`,
      [`t-${Date.now()}`, student.id],
    );
    const again = await testDb().query<{ n: number }>(
      `select count(*)::int as n from public.student_sign_in_years where profile_id = $1`,
      [student.id],
    );
    expect(again.rows[0].n).toBe(1);
  });
});

describe('public results', () => {
  test('anyone gets the counts, and only the counts', async () => {
    const { data, error } = await anonClient().rpc('indicator_results', { p_period_id: periodId });
    expect(error).toBeNull();
    expect(data).toHaveLength(8 * 3);
    for (const row of data ?? []) {
      expect(Object.keys(row).sort()).toEqual(['baseline', 'fact', 'indicator_code', 'plan', 'year']);
    }
    const hired = (data ?? []).filter((r) => r.indicator_code === 'graduates_hired').map((r) => r.fact);
    expect(hired).toEqual([1, 2, 3]);
    const timeline = await anonClient().rpc('graduates_hired_by_month', { p_period_id: periodId });
    expect(timeline.error).toBeNull();
    const months = timeline.data ?? [];
    expect(months[0]).toEqual({ month: '2010-03-01', hired: 0 });
    expect(months.find((m) => m.month === '2010-05-01')?.hired).toBe(1);
    expect(months.find((m) => m.month === '2011-07-01')?.hired).toBe(2);
    expect(months.at(-1)).toEqual({ month: '2012-06-01', hired: 3 });
    for (const m of months) expect(Object.keys(m).sort()).toEqual(['hired', 'month']);
    // the records themselves stay closed to a visitor
    const direct = await anonClient().from('employments').select('id');
    expect(direct.data ?? []).toEqual([]);
  });
});

describe('periods and plans', () => {
  test('the passport programme is seeded with its baseline and plans per year', async () => {
    const { data: period } = await anonClient()
      .from('programme_periods')
      .select('id, starts_on, ends_on')
      .eq('name', '#КемероVоПРОФИ 2023–2025')
      .single();
    expect(period).toMatchObject({ starts_on: '2023-02-01', ends_on: '2025-08-31' });
    const { data: plans } = await anonClient()
      .from('indicator_plans')
      .select('indicator_code, year, value')
      .eq('period_id', period!.id)
      .eq('indicator_code', 'organized_practices')
      .order('year', { nullsFirst: true });
    expect(plans).toEqual([
      { indicator_code: 'organized_practices', year: null, value: 578 },
      { indicator_code: 'organized_practices', year: 2023, value: 600 },
      { indicator_code: 'organized_practices', year: 2024, value: 612 },
      { indicator_code: 'organized_practices', year: 2025, value: 624 },
    ]);
    const { data: goal } = await anonClient()
      .from('indicator_plans')
      .select('value')
      .eq('period_id', period!.id)
      .eq('indicator_code', 'graduates_hired')
      .eq('year', 2025)
      .single();
    expect(goal?.value).toBe(30);
  });

  test('the administration adds a period and its plans; every change is in the history with who and when', async () => {
    const { data: period, error } = await admin.client
      .from('programme_periods')
      .insert({ name: `Программа 2026–2028 ${Date.now()}`, starts_on: '2026-01-01', ends_on: '2028-12-31' })
      .select('id')
      .single();
    expect(error).toBeNull();
    const saved = await saveIndicatorPlans(admin.client, period!.id, [
      { code: 'graduates_hired', year: 2028, value: 60 },
      { code: 'organized_practices', year: null, value: 624 },
      { code: 'organized_practices', year: 2026, value: 640 },
    ]);
    expect(saved).toEqual({ ok: true });
    await saveIndicatorPlans(admin.client, period!.id, [
      { code: 'organized_practices', year: 2026, value: 650 },
      { code: 'organized_practices', year: null, value: 624 }, // unchanged: no history row
      { code: 'graduates_hired', year: 2028, value: null }, //    removed
    ]);
    const { data: history } = await admin.client
      .from('indicator_plan_history')
      .select('indicator_code, year, old_value, new_value, changed_by, changed_at')
      .eq('period_id', period!.id)
      .order('id');
    expect(history?.map((h) => [h.indicator_code, h.year, h.old_value, h.new_value])).toEqual([
      ['graduates_hired', 2028, null, 60],
      ['organized_practices', null, null, 624],
      ['organized_practices', 2026, null, 640],
      ['organized_practices', 2026, 640, 650],
      ['graduates_hired', 2028, 60, null],
    ]);
    expect(new Set(history?.map((h) => h.changed_by))).toEqual(new Set([admin.id]));
  });

  test('a negative or non-numeric plan is refused at its field, and nothing is written', async () => {
    const before = await testDb().query('select count(*)::int as n from public.indicator_plan_history');
    const form = new FormData();
    form.set(planField('organized_practices', 2010), '-5');
    form.set(planField('organized_practices', null), 'много');
    form.set(planField('graduates_hired', 2011), '12');
    const parsed = parsePlansForm(form, ['organized_practices', 'graduates_hired'], [2010, 2011, 2012]);
    expect(parsed).toEqual({
      ok: false,
      errors: {
        'plan:organized_practices:2010': 'План не может быть отрицательным',
        'plan:organized_practices:base': 'Введите число, например 24 или 2,5',
      },
    });
    // the database refuses on its own too, naming the field, and writes nothing of the batch
    const refused = await saveIndicatorPlans(admin.client, periodId, [
      { code: 'graduates_hired', year: 2011, value: 12 },
      { code: 'organized_practices', year: 2010, value: -5 },
    ]);
    expect(refused).toEqual({
      ok: false,
      status: 400,
      field: 'plan:organized_practices:2010',
      message: 'План не может быть отрицательным',
    });
    const after = await testDb().query('select count(*)::int as n from public.indicator_plan_history');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  test('only the administration writes periods and plans', async () => {
    const period = await kemerovoA.client
      .from('programme_periods')
      .insert({ name: 'Чужой период', starts_on: '2030-01-01', ends_on: '2031-01-01' })
      .select('id');
    expect(period.error?.code).toBe('42501');
    const plans = await saveIndicatorPlans(p[1].client, periodId, [
      { code: 'graduates_hired', year: 2011, value: 1 },
    ]);
    expect(plans).toMatchObject({ ok: false, status: 403 });
    const direct = await kemerovoA.client
      .from('indicator_plans')
      .update({ value: 1 })
      .eq('period_id', periodId)
      .select('id');
    expect(direct.data ?? []).toEqual([]);
    const anon = await anonClient()
      .from('indicator_plans')
      .insert({ period_id: periodId, indicator_code: 'graduates_hired', year: 2011, value: 1 });
    expect(anon.error).not.toBeNull();
    const { rows } = await testDb().query(
      `select count(*)::int as n from public.indicator_plans where period_id = $1 and year = 2011`,
      [periodId],
    );
    expect(rows[0].n).toBe(0);
  });

  test('a plan for a year outside its period is refused', async () => {
    const result = await saveIndicatorPlans(admin.client, periodId, [
      { code: 'graduates_hired', year: 2015, value: 1 },
    ]);
    expect(result).toMatchObject({ ok: false, status: 400 });
  });
});
