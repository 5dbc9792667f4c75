/**
 * vacancy_reduction_pct (issue 9 item 2): confirmed hires of graduates at Kemerovo employers in the
 * year ÷ open vacancies of Kemerovo employers in the vacancy-bank snapshot nearest to 1 January of
 * that year × 100, on a fixture with traps, equals the numbers worked out by hand below; a year
 * without a snapshot has no percentage and says so; the dashboard counts % of plan and the status
 * the way a reduction indicator wants.
 *
 * A programme period of its own, 01.03.2006–31.12.2008, and snapshots of 2005–2007 that no other
 * test file takes; the historical records are written over a direct connection, as the fixture of
 * indicators.test.ts does, and read through PostgREST with the administrator's own JWT.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadIndicatorRecords } from '../../src/lib/server/indicators/load-indicator-records.ts';
import { loadIndicatorTable } from '../../src/lib/server/indicators/load-indicator-table.ts';
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

const CODE = 'vacancy_reduction_pct';
const PERIOD = {
  name: `Снижение вакансий 2006–2008 ${Date.now()}`,
  starts_on: '2006-03-01',
  ends_on: '2008-12-31',
};

let admin: TestMember;
let period: { id: string; name: string; starts_on: string; ends_on: string };
let kemerovoA: TestEmployer;
let kemerovoB: TestEmployer;
let outside: TestEmployer;
const p: TestPerson[] = [];

async function hire(person: TestPerson, employer: TestEmployer, start: string, status = 'confirmed') {
  await testDb().query(
    `insert into public.employments (person_id, organization_id, position, start_date, document_kind,
                                     document_number, document_date, status, person_confirmed_at)
     values ($1, $2, 'Инженер', $3, 'order', $4, $3, $5, $6)`,
    [
      person.id,
      employer.organizationId,
      start,
      `${start}-к`,
      status,
      status === 'confirmed' ? `${start}T09:00:00Z` : null,
    ],
  );
}

async function snapshot(takenOn: string, total: number, source: 'manual' | 'file' | 'trudvsem_api') {
  await testDb().query(
    `insert into public.vacancy_snapshots (taken_on, total, source, source_note) values ($1, $2, $3, 'тест')
     on conflict (taken_on, source) do update set total = excluded.total`,
    [takenOn, total, source],
  );
}

type Row = { indicator_code: string; year: number; fact: number | null; details: Record<string, unknown> };

async function values(): Promise<Row[]> {
  const { data, error } = await admin.client.rpc('indicator_values', { p_period_id: period.id });
  if (error) throw new Error(error.message);
  return (data as Row[]).filter((r) => r.indicator_code === CODE);
}

beforeAll(async () => {
  admin = await createAdministrator();
  const university = await createUniversity(admin);
  kemerovoA = await createEmployer({ districtCode: 'leninsky' });
  kemerovoB = await createEmployer({ districtCode: 'rudnichny' });
  outside = await createEmployer();
  await testDb().query('update public.organizations set district_code = null where id = $1', [
    outside.organizationId,
  ]);
  for (let i = 0; i <= 5; i++) p.push(await createStudent({ universityId: university, role: 'graduate' }));
  const { data, error } = await admin.client.from('programme_periods').insert(PERIOD).select('*').single();
  if (error) throw new Error(error.message);
  period = data;
  const { error: planError } = await admin.client.rpc('save_indicator_plans', {
    p_period_id: period.id,
    p_plans: [
      { code: CODE, year: 2006, value: 2 },
      { code: CODE, year: 2007, value: 0.5 },
      { code: CODE, year: 2008, value: 2 },
    ],
  });
  if (planError) throw new Error(planError.message);

  // snapshots for 1 January 2006: one 31 days before, one 19 days after → the later one is nearer: 400
  await snapshot('2005-12-01', 1000, 'file');
  await snapshot('2006-01-20', 400, 'file');
  // for 1 January 2007: 3 days before and 3 days after → the earlier one; on that date the
  // administration's number (250) before the file's (500)
  await snapshot('2006-12-29', 500, 'file');
  await snapshot('2006-12-29', 250, 'manual');
  await snapshot('2007-01-04', 9999, 'manual');
  // for 1 January 2008: nothing within half a year (2007-01-04 is 362 days before) → no percentage
  await snapshot('2008-08-15', 700, 'file'); // trap: 227 days after, too far

  // 2006: p1 (twice: counts once), p2 → 2 people
  await hire(p[1], kemerovoA, '2006-04-01');
  await hire(p[1], kemerovoB, '2006-09-01');
  await hire(p[2], kemerovoA, '2006-05-05');
  await hire(p[3], outside, '2006-06-01'); //                         trap: not a Kemerovo employer
  await hire(p[4], kemerovoA, '2006-07-01', 'awaiting_confirmation'); // trap: not confirmed
  await hire(p[5], kemerovoA, '2006-02-01'); //                       trap: before the period starts
  // 2007: p1 again (a new year counts again), p3 → 2 people
  await hire(p[1], kemerovoA, '2007-02-02');
  await hire(p[3], kemerovoB, '2007-03-01');
  // 2008: p2 → 1 person, but no snapshot
  await hire(p[2], kemerovoA, '2008-05-01');
});

afterAll(closeFactories);

test('hires ÷ vacancies of the snapshot nearest to 1 January × 100, both numbers in the details', async () => {
  const rows = await values();
  expect(rows.map((r) => [r.year, r.fact, r.details])).toEqual([
    [
      2006,
      0.5, // 2 ÷ 400 × 100
      { records: 3, hires: 2, vacancies: 400, snapshot_on: '2006-01-20', snapshot_source: 'file' },
    ],
    [
      2007,
      0.8, // 2 ÷ 250 × 100
      { records: 2, hires: 2, vacancies: 250, snapshot_on: '2006-12-29', snapshot_source: 'manual' },
    ],
    [2008, null, { records: 1, hires: 1, no_snapshot: true }],
  ]);
  const { data } = await anonClient()
    .from('indicators')
    .select('pending_note, rule')
    .eq('code', CODE)
    .single();
  expect(data?.pending_note).toBeNull();
  expect(data?.rule).toMatch(/ближайшем к 1 января/);
});

test('the dashboard: % of plan is plan ÷ fact, a fact within the plan is met, no snapshot is said', async () => {
  const table = await loadIndicatorTable(admin.client, period, 'indicator_values', '2026-12-01');
  const row = table.find((i) => i.code === CODE)!;
  expect(row.direction).toBe('reduction');
  expect(row.computed).toBe(true);
  expect(row.years.map((y) => [y.year, y.plan, y.fact, y.percent, y.status, y.note])).toEqual([
    [2006, 2, 0.5, 400, 'met', '2 чел. ÷ 400 вакансий (снимок банка вакансий на 20.01.2006) × 100'],
    [2007, 0.5, 0.8, 62.5, 'not_met', '2 чел. ÷ 250 вакансий (снимок банка вакансий на 29.12.2006) × 100'],
    [
      2008,
      2,
      null,
      null,
      'no_data',
      'нет снимка банка вакансий за полгода до или после 1 января: процент не считается',
    ],
  ]);
  // while a year runs, a fact within the plan may still rise: not met yet
  const during = await loadIndicatorTable(admin.client, period, 'indicator_values', '2006-10-01');
  expect(during.find((i) => i.code === CODE)!.years[0].status).toBe('in_progress');
});

test('the records behind a number are the hires of the year', async () => {
  const records = await loadIndicatorRecords(admin.client, CODE, period.id, 2006);
  expect(records.map((r) => [r.person_id, r.organization_id, r.on_date])).toEqual([
    [p[1].id, kemerovoA.organizationId, '2006-04-01'],
    [p[2].id, kemerovoA.organizationId, '2006-05-05'],
    [p[1].id, kemerovoB.organizationId, '2006-09-01'],
  ]);
});

test('the public results give the same percentages without the records', async () => {
  const { data, error } = await anonClient().rpc('indicator_results', { p_period_id: period.id });
  expect(error).toBeNull();
  expect(data?.filter((r) => r.indicator_code === CODE).map((r) => [r.year, r.fact])).toEqual([
    [2006, 0.5],
    [2007, 0.8],
    [2008, null],
  ]);
});
