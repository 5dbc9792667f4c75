/**
 * The drill-down pages in SQL and the indicators' numbers are cached for a short while (issue 9,
 * speed; 20261202001000_page_indicator_records.sql, src/lib/server/indicators/facts-cache.ts):
 *   - a page smaller than the list: the total and the people are those of ALL matching records, as
 *     counted by hand; page 2 continues page 1 without overlap; the pages together are every record
 *     once, in date order; a filter narrows the total and the rows; a page past the end shows the
 *     last one; the exports read every record;
 *   - the cache of the numbers: never older than its TTL (at most 60 s; an injected clock, no
 *     sleeping), and cleared by an import.
 *
 * A programme period of its own, 1996–2003, keeps other test files' records out of the fixture.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createFactsCache, FACTS_TTL_MS } from '../../src/lib/server/indicators/facts-cache.ts';
import { loadDashboard } from '../../src/lib/server/indicators/load-dashboard.ts';
import { loadDrillDown, loadDrillDownRecords } from '../../src/lib/server/indicators/load-drill-down.ts';
import { commitImport } from '../../src/lib/server/registers/commit-import.ts';
import { previewImport } from '../../src/lib/server/registers/preview-import.ts';
import { testDb } from '../factories/db.ts';
import {
  closeFactories,
  createAdministrator,
  createEmployer,
  createStudent,
  verifyEmployer,
  type TestEmployer,
  type TestMember,
  type TestPerson,
} from '../factories/people.ts';

// 2003: the registers take dates from 2000 on
const PERIOD = { name: `Страницы 1996–2003 ${Date.now()}`, starts_on: '1996-01-01', ends_on: '2003-12-31' };

let admin: TestMember;
let kemerovo: TestEmployer;
let uniA: { id: string; short: string };
let uniB: { id: string; short: string };
let period: { id: string; name: string; starts_on: string; ends_on: string };
const a: TestPerson[] = [];
const b: TestPerson[] = [];
/** the placements counted in 1996, as inserted */
const counted: { id: string; starts: string; person: string; university: string }[] = [];

async function insert(table: string, row: Record<string, unknown>): Promise<string> {
  const columns = Object.keys(row);
  const { rows } = await testDb().query<{ id: string }>(
    `insert into public.${table} (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')}) returning id`,
    columns.map((c) => row[c]),
  );
  return rows[0].id;
}

const practice = (person: TestPerson, university: string, starts: string, status = 'confirmed') =>
  insert('practice_placements', {
    student_id: person.id,
    university_id: university,
    organization_id: kemerovo.organizationId,
    practice_type: 'industrial',
    starts_on: starts,
    ends_on: starts.replace(/-\d\d$/, '-28'),
    order_number: status === 'awaiting_university' ? null : `П-${starts}`,
    order_date: status === 'awaiting_university' ? null : starts,
    status,
    cancel_reason: status === 'cancelled' ? 'Студент заболел' : null,
  });

const hire = (person: TestPerson, start: string) =>
  insert('employments', {
    person_id: person.id,
    organization_id: kemerovo.organizationId,
    position: 'Инженер',
    start_date: start,
    document_kind: 'order',
    document_number: `${start}-к`,
    document_date: start,
    status: 'confirmed',
    person_confirmed_at: `${start}T09:00:00Z`,
  });

async function university(): Promise<{ id: string; short: string }> {
  const short = `СТР${randomUUID().slice(0, 5)}`;
  const { data, error } = await admin.client
    .from('organizations')
    .insert({
      kind: 'university',
      name: `Университет ${short}`,
      short_name: short,
      verification_status: 'verified',
    })
    .select('id')
    .single();
  if (error) throw new Error(error.message);
  return { id: data.id, short };
}

beforeAll(async () => {
  admin = await createAdministrator();
  uniA = await university();
  uniB = await university();
  kemerovo = await createEmployer({ districtCode: 'leninsky' });
  await verifyEmployer(admin, kemerovo.organizationId);
  for (let i = 0; i < 7; i++) a.push(await createStudent({ universityId: uniA.id, role: 'graduate' }));
  for (let i = 0; i < 2; i++) b.push(await createStudent({ universityId: uniB.id, role: 'graduate' }));
  const unconfirmed = await createStudent({ universityId: uniA.id, role: 'graduate' });
  await testDb().query(
    `update public.profiles set enrolment_status = 'graduated' where id = any($1::uuid[])`,
    [[...a, ...b].map((x) => x.id)],
  );
  const { data, error } = await admin.client.from('programme_periods').insert(PERIOD).select('*').single();
  if (error) throw new Error(error.message);
  period = data;

  // counted in 1996: a[0] twice, a[1]–a[6] once, b[0] and b[1] once — 10 records, 9 people
  const plan: [TestPerson, { id: string }, string][] = [
    [a[0], uniA, '1996-02-01'],
    [a[0], uniA, '1996-09-01'],
    ...a
      .slice(1)
      .map((x, i): [TestPerson, { id: string }, string] => [x, uniA, `1996-0${(i % 8) + 2}-1${i}`]),
    [b[0], uniB, '1996-03-05'],
    [b[1], uniB, '1996-11-20'],
  ];
  for (const [person, uni, starts] of plan) {
    counted.push({
      id: await practice(person, uni.id, starts),
      starts,
      person: person.id,
      university: uni.id,
    });
  }
  // traps: cancelled, waiting for the university, another year, a student the university never confirmed
  await practice(a[1], uniA.id, '1996-04-01', 'cancelled');
  await practice(a[2], uniA.id, '1996-04-02', 'awaiting_university');
  await practice(a[3], uniA.id, '1997-04-03');
  await practice(unconfirmed, uniA.id, '1996-04-04');
});

afterAll(closeFactories);

const params = (extra: Record<string, string> = {}) =>
  new URLSearchParams({ period: period.id, year: '1996', ...extra });

describe('the drill-down pages in SQL', () => {
  test('a page of 4: total and people over all 10 records; pages follow one another without overlap', async () => {
    const cache = createFactsCache();
    const first = await loadDrillDown(admin.client, 'organized_practices', params(), { pageSize: 4, cache });
    expect(first.summary).toEqual({ total: 10, people: 9 });
    expect(first.paging).toMatchObject({ page: 1, pageCount: 3, pageSize: 4, from: 1 });
    expect(first.records).toHaveLength(4);

    const second = await loadDrillDown(admin.client, 'organized_practices', params({ page: '2' }), {
      pageSize: 4,
      cache,
    });
    expect(second.summary).toEqual({ total: 10, people: 9 });
    expect(second.paging).toMatchObject({ page: 2, from: 5 });
    expect(second.records).toHaveLength(4);
    const third = await loadDrillDown(admin.client, 'organized_practices', params({ page: '3' }), {
      pageSize: 4,
      cache,
    });
    expect(third.records).toHaveLength(2);

    const firstIds = first.records.map((r) => r.record_id);
    const secondIds = second.records.map((r) => r.record_id);
    expect(secondIds.filter((id) => firstIds.includes(id))).toEqual([]);
    const all = [...first.records, ...second.records, ...third.records];
    // every counted record once, none of the traps, by date
    expect(all.map((r) => r.record_id).sort()).toEqual(counted.map((c) => c.id).sort());
    expect(all.map((r) => r.on_date)).toEqual(counted.map((c) => c.starts).sort());
    // page 2 starts where page 1 ended
    expect(second.records[0].on_date >= first.records[3].on_date).toBe(true);

    // a page past the end shows the last one
    const past = await loadDrillDown(admin.client, 'organized_practices', params({ page: '9' }), {
      pageSize: 4,
      cache,
    });
    expect(past.paging.page).toBe(3);
    expect(past.records.map((r) => r.record_id)).toEqual(third.records.map((r) => r.record_id));
  });

  test('a filter narrows the total, the people and the rows', async () => {
    const cache = createFactsCache();
    const byUniversity = await loadDrillDown(
      admin.client,
      'organized_practices',
      params({ university: uniB.short }),
      { pageSize: 4, cache },
    );
    expect(byUniversity.summary).toEqual({ total: 2, people: 2 });
    expect(byUniversity.paging.pageCount).toBe(1);
    expect(byUniversity.records.map((r) => r.person_id).sort()).toEqual(b.map((x) => x.id).sort());
    expect(byUniversity.records.every((r) => r.university_name === uniB.short)).toBe(true);

    // a part of a name, any case: a[0]'s two placements
    const part = a[0].fullName.slice(1).toLocaleLowerCase('ru');
    const byName = await loadDrillDown(admin.client, 'organized_practices', params({ q: part }), {
      pageSize: 4,
      cache,
    });
    expect(byName.summary).toEqual({ total: 2, people: 1 });
    expect(byName.records.map((r) => r.person_name)).toEqual([a[0].fullName, a[0].fullName]);

    // the employer's name finds every record of it
    const byEmployer = await loadDrillDown(
      admin.client,
      'organized_practices',
      params({ q: kemerovo.organizationName }),
      { pageSize: 4, cache },
    );
    expect(byEmployer.summary.total).toBe(10);

    // LIKE's own characters are literal: «%» finds nobody
    const literal = await loadDrillDown(admin.client, 'organized_practices', params({ q: '%' }), {
      pageSize: 4,
      cache,
    });
    expect(literal.summary).toEqual({ total: 0, people: 0 });
    expect(literal.records).toEqual([]);
  });

  test('the exports read every matching record, more than a page', async () => {
    const all = await loadDrillDownRecords(admin.client, 'organized_practices', params());
    expect(all.records.map((r) => r.record_id).sort()).toEqual(counted.map((c) => c.id).sort());
    const filtered = await loadDrillDownRecords(
      admin.client,
      'organized_practices',
      params({ university: uniA.short }),
    );
    expect(filtered.records).toHaveLength(8);
  });

  test('only administrators read a page or its summary; a page of more than 5 000 is refused', async () => {
    const args = { p_indicator_code: 'organized_practices', p_period_id: period.id, p_year: 1996 };
    for (const rpc of ['indicator_records_page', 'indicator_records_summary'] as const) {
      const { data, error } = await a[0].client.rpc(rpc, args);
      expect(data).toBeNull();
      expect(error?.code).toBe('42501');
    }
    const tooMany = await admin.client.rpc('indicator_records_page', { ...args, p_limit: 5001 });
    expect(tooMany.error?.code).toBe('22023');
  });
});

describe('the cache of the numbers', () => {
  const practicesOf1996 = async (dashboard: Awaited<ReturnType<typeof loadDashboard>>) =>
    dashboard.indicators.find((i) => i.code === 'organized_practices')!.years.find((y) => y.year === 1996)!
      .fact;

  test('is never older than its TTL, at most 60 s (an injected clock)', async () => {
    expect(FACTS_TTL_MS).toBeLessThanOrEqual(60_000);
    expect(() => createFactsCache({ ttlMs: 60_001 })).toThrow();
    let now = 1_000_000;
    const cache = createFactsCache({ now: () => now });
    const before = await practicesOf1996(
      await loadDashboard(admin.client, period.id, 'indicator_values', cache),
    );
    const extra = await createStudent({ universityId: uniA.id, role: 'graduate' });
    await testDb().query(`update public.profiles set enrolment_status = 'graduated' where id = $1`, [
      extra.id,
    ]);
    await practice(extra, uniA.id, '1996-12-01');

    now += FACTS_TTL_MS - 1;
    expect(
      await practicesOf1996(await loadDashboard(admin.client, period.id, 'indicator_values', cache)),
    ).toBe(before);
    now += 1;
    expect(
      await practicesOf1996(await loadDashboard(admin.client, period.id, 'indicator_values', cache)),
    ).toBe(before! + 1);
    // and the drill-down's summary the same way
    const summary = async () =>
      (await loadDrillDown(admin.client, 'organized_practices', params(), { cache })).summary.total;
    const total = await summary();
    await practice(extra, uniA.id, '1996-12-02');
    now += FACTS_TTL_MS - 1;
    expect(await summary()).toBe(total);
    now += 1;
    expect(await summary()).toBe(total + 1);
  });

  test('an import clears it at once', async () => {
    const hiresOf2003 = async () =>
      (await loadDashboard(admin.client, period.id, 'indicator_values')).indicators
        .find((i) => i.code === 'graduates_hired')!
        .years.find((y) => y.year === 2003)!.fact!;
    const before = await hiresOf2003();
    // a record written behind the process's back waits for the TTL …
    await hire(a[4], '2003-03-01');
    expect(await hiresOf2003()).toBe(before);
    // … an import through this process shows at once, with it
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Реестр');
    sheet.addRow([
      'ФИО',
      'Дата рождения',
      'Вуз',
      'Код ОКСО',
      'Год выпуска',
      'ИНН работодателя',
      'Должность',
      'Дата приёма',
      'Документ',
    ]);
    sheet.addRow([
      `Страницев Импорт ${randomUUID().slice(0, 6).replace(/\d/g, 'а')}`,
      new Date(Date.UTC(1980, 4, 14)),
      uniA.short,
      '18.03.01',
      2002,
      kemerovo.inn,
      'Инженер-технолог',
      new Date(Date.UTC(2003, 8, 1)),
      'Приказ № 45-к от 01.09.2003',
    ]);
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const preview = await previewImport(admin.client, { register: 'hires', fileName: 'реестр.xlsx', bytes });
    if (!preview.ok) throw new Error(preview.message);
    expect(await commitImport(admin.client, preview.id)).toEqual({ ok: true, count: 1 });
    expect(await hiresOf2003()).toBe(before + 2);
  });
});
