/**
 * The project's indicators computed in SQL (issue 9 items 1, 2, 7): each computed indicator on a
 * fixture full of traps equals the count worked out by hand below; plans keep their history and
 * refuse bad values; the drill-down is for administrators only; the public results are counts only.
 *
 * The fixture lives in a programme period of its own, 01.03.2010–30.06.2012, so that records other
 * test files create (dated around today) never reach it. Its records are historical (they predate any workflow
 * run here), so they are written over a direct connection, as an import of past registers would;
 * everything under test is read through PostgREST with each person's own JWT.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { planField, parsePlansForm } from '../../src/lib/schemas/indicators.ts';
import { loadIndicatorRecords } from '../../src/lib/server/indicators/load-indicator-records.ts';
import { loadIndicatorTable } from '../../src/lib/server/indicators/load-indicator-table.ts';
import { saveIndicatorPlans } from '../../src/lib/server/indicators/save-indicator-plans.ts';
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

async function agreement(person: TestPerson, status: string, createdAt: string, inForceAt?: string) {
  const id = await insert('target_agreements', {
    student_id: person.id,
    university_id: university,
    organization_id: kemerovoA.organizationId,
    work_years: 3,
    status,
    created_at: createdAt,
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
  const { data, error } = await admin.client.from('programme_periods').insert(PERIOD).select('id').single();
  if (error) throw new Error(error.message);
  periodId = data.id;

  // graduates_hired (cumulative from 01.03.2010):
  await hire(p[1], kemerovoA, '2010-05-10'); //             2010: p1
  await hire(p[1], kemerovoB, '2011-03-01'); //             p1's second hire: still one person
  await hire(p[2], kemerovoA, '2011-07-01'); //             2011: + p2
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

  // employer_stipend_students (paid from the start month for `months` months):
  await stipend(p[1], kemerovoA, '2009-10-01', 6, 'active'); //    Oct 2009–Mar 2010: 2010 (March is in the period)
  await stipend(p[2], kemerovoA, '2009-10-01', 5, 'active'); //    trap: Oct 2009–Feb 2010, before the period
  await stipend(p[3], kemerovoB, '2010-11-15', 3, 'finished'); //  Nov 2010–Jan 2011: 2010 and 2011
  await stipend(p[4], kemerovoA, '2010-05-01', 6, 'awaiting_university'); // trap: unconfirmed
  await stipend(p[5], kemerovoA, '2010-05-01', 6, 'cancelled'); // trap: cancelled
  await stipend(p[6], outside, '2010-05-01', 10, 'active'); //     trap: employer outside Kemerovo
  await stipend(p[3], kemerovoA, '2011-09-01', 12, 'active'); //   2011 (p3 twice: once) and 2012
  await stipend(p[1], kemerovoA, '2012-07-01', 2, 'active'); //    trap: after the period

  // student_employer_agreements (the year they came into force, Kemerovo time):
  await agreement(p[1], 'in_force', '2010-03-20T00:00:00Z', '2010-04-10T10:00:00Z'); // 2010: p1
  await agreement(p[1], 'in_force', '2010-07-01T00:00:00Z', '2010-08-01T10:00:00Z'); // p1 again
  await agreement(p[2], 'fulfilled', '2011-05-05T00:00:00Z'); //                        2011: p2 (no event: created)
  await agreement(p[3], 'awaiting_signatures', '2010-05-01T00:00:00Z'); //              trap: not signed
  await agreement(p[4], 'terminated', '2010-06-01T00:00:00Z'); //                       trap: never in force
  await agreement(p[5], 'terminated', '2010-12-01T00:00:00Z', '2011-02-01T10:00:00Z'); // 2011: p5, in force then
  await agreement(p[6], 'in_force', '2010-12-01T00:00:00Z', '2010-12-31T18:00:00Z'); // 2011: p6 (01.01.2011 in Kemerovo)
  await agreement(p[2], 'in_force', '2012-07-20T00:00:00Z', '2012-08-01T10:00:00Z'); // trap: after the period
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

  test('indicators not computed yet have no fact, each with its rule and what it waits for', async () => {
    const rows = await values();
    for (const code of [
      'employer_university_contracts',
      'students_informed_pct',
      'employer_meetings_grade11',
    ]) {
      expect(factsOf(rows, code)).toEqual({ 2010: null, 2011: null, 2012: null });
    }
    const { data } = await anonClient()
      .from('indicators')
      .select('code, rule, pending_note')
      .order('sort_order');
    expect(data?.length).toBe(8);
    for (const i of data ?? []) expect(i.rule).toMatch(/[а-яё]{10}/i);
    expect(
      data
        ?.filter((i) => i.pending_note)
        .map((i) => i.code)
        .sort(),
    ).toEqual(['employer_meetings_grade11', 'employer_university_contracts', 'students_informed_pct']);
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
