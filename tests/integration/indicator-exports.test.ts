/**
 * Exports of the indicators (issue 9 item 5): the passport table as XLSX in the passport's layout
 * and the drill-down lists as XLSX and CSV, built by the same server code the download routes call
 * and read back with exceljs / a CSV parser. The numbers must be the dashboard's.
 *
 * A programme period of its own, 2004–2005, keeps other test files' records out of the fixture.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { kemerovoToday } from '../../src/lib/indicators.ts';
import { buildPassport, PASSPORT_FIRST_DATA_ROW } from '../../src/lib/server/indicators/build-passport.ts';
import { loadDrillDown } from '../../src/lib/server/indicators/load-drill-down.ts';
import { loadIndicatorTable } from '../../src/lib/server/indicators/load-indicator-table.ts';
import { RECORD_COLUMNS } from '../../src/lib/server/indicators/record-columns.ts';
import { csvResponse, toCsv } from '../../src/lib/server/xlsx/csv.ts';
import { streamXlsx } from '../../src/lib/server/xlsx/write-sheet.ts';
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

const PERIOD = { name: `Экспорт 2004–2005 ${Date.now()}`, starts_on: '2004-01-01', ends_on: '2005-12-31' };

let admin: TestMember;
let kemerovo: TestEmployer;
let university: string;
let universityShort: string;
let period: { id: string; name: string; starts_on: string; ends_on: string };
const p: TestPerson[] = [];

async function insert(table: string, row: Record<string, unknown>): Promise<string> {
  const columns = Object.keys(row);
  const { rows } = await testDb().query<{ id: string }>(
    `insert into public.${table} (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')}) returning id`,
    columns.map((c) => row[c]),
  );
  return rows[0].id;
}

const hire = (person: TestPerson, start: string, number: string) =>
  insert('employments', {
    person_id: person.id,
    organization_id: kemerovo.organizationId,
    position: 'Инженер',
    start_date: start,
    document_kind: 'order',
    document_number: number,
    document_date: start,
    status: 'confirmed',
    person_confirmed_at: `${start}T09:00:00Z`,
  });

const practice = (person: TestPerson, starts: string, status = 'confirmed') =>
  insert('practice_placements', {
    student_id: person.id,
    university_id: university,
    organization_id: kemerovo.organizationId,
    practice_type: 'industrial',
    starts_on: starts,
    ends_on: starts.replace(/-\d\d$/, '-28'),
    order_number: status === 'confirmed' ? `П-${starts}` : null,
    order_date: status === 'confirmed' ? starts : null,
    status,
  });

/** A CSV of Russian Excel: BOM, «;», CRLF, quotes doubled. */
function parseCsv(text: string): string[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 1; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += ch;
  }
  return rows;
}

async function readWorkbook(bytes: ArrayBuffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as ArrayBuffer);
  return workbook;
}

beforeAll(async () => {
  admin = await createAdministrator();
  universityShort = `ЭКС${Date.now().toString(36).slice(-4)}`;
  university = await createUniversity(admin);
  await testDb().query('update public.organizations set short_name = $2 where id = $1', [
    university,
    universityShort,
  ]);
  kemerovo = await createEmployer({ districtCode: 'leninsky' });
  for (let i = 0; i < 3; i++) p.push(await createStudent({ universityId: university, role: 'graduate' }));
  // the indicators count only people their university confirmed (here: graduated)
  await testDb().query(
    `update public.profiles set enrolment_status = 'graduated' where id = any($1::uuid[])`,
    [p.map((x) => x.id)],
  );
  const { data, error } = await admin.client.from('programme_periods').insert(PERIOD).select('*').single();
  if (error) throw new Error(error.message);
  period = data;
  const { error: planError } = await admin.client.rpc('save_indicator_plans', {
    p_period_id: period.id,
    p_plans: [
      { code: 'organized_practices', year: null, value: 3 },
      { code: 'organized_practices', year: 2004, value: 4 },
      { code: 'organized_practices', year: 2005, value: 5 },
      { code: 'graduates_hired', year: 2005, value: 2 },
    ],
  });
  if (planError) throw new Error(planError.message);

  await hire(p[0], '2004-03-01', '1-к; серия А'); // 2004: p0 (a «;» in the document)
  await hire(p[1], '2005-04-01', '"2-к"'); //               2005: p0 + p1 (cumulative)
  await practice(p[0], '2004-06-01'); //                             2004: p0, p2 → 2 of 4 = 50 %
  await practice(p[2], '2004-07-01');
  await practice(p[1], '2004-07-01', 'awaiting_university'); //      not counted
});

afterAll(closeFactories);

describe('the passport as XLSX', () => {
  test('title block, years as column groups, one row per indicator with the dashboard numbers', async () => {
    const table = await loadIndicatorTable(admin.client, period, 'indicator_values', kemerovoToday());
    const book = await readWorkbook(await buildPassport(period, table, kemerovoToday()).xlsx.writeBuffer());
    const sheet = book.getWorksheet('Паспорт')!;
    expect(sheet.getCell('A1').value).toBe('Показатели муниципального проекта #КемероVоПРОФИ');
    expect(String(sheet.getCell('A2').value)).toBe(
      `Программа: ${period.name}; период: 01.01.2004 – 31.12.2005`,
    );
    // header: fixed columns, then Plan / Fact / % per year, then the direction
    const h1 = PASSPORT_FIRST_DATA_ROW - 2;
    expect([1, 2, 3, 4].map((c) => sheet.getCell(h1, c).value)).toEqual([
      '№',
      'Показатель',
      'Ед. изм.',
      'Базовое значение',
    ]);
    expect([5, 8].map((c) => sheet.getCell(h1, c).value)).toEqual([2004, 2005]);
    expect(sheet.getCell(h1, 6).isMerged).toBe(true);
    expect([5, 6, 7, 8, 9, 10].map((c) => sheet.getCell(h1 + 1, c).value)).toEqual([
      'План',
      'Факт',
      '% плана',
      'План',
      'Факт',
      '% плана',
    ]);
    expect(sheet.getCell(h1, 11).value).toBe('Рост / снижение');

    const rows = new Map<string, ExcelJS.CellValue[]>();
    for (let r = PASSPORT_FIRST_DATA_ROW; r <= sheet.rowCount; r += 1) {
      const values = (sheet.getRow(r).values as ExcelJS.CellValue[]).slice(1);
      rows.set(String(values[1]), values);
    }
    expect(rows.size).toBe(8);
    const practices = table.find((i) => i.code === 'organized_practices')!;
    expect(rows.get(practices.name)).toEqual([3, practices.name, 'ед.', 3, 4, 2, 50, 5, 0, 0, 'рост']);
    const hires = table.find((i) => i.code === 'graduates_hired')!;
    const hireRow = rows.get(hires.name)!;
    expect(hireRow.slice(3)).toEqual([undefined, undefined, 1, undefined, 2, 2, 100, 'рост']);
    const vacancies = table.find((i) => i.code === 'vacancy_reduction_pct')!;
    expect(rows.get(vacancies.name)!.at(-1)).toBe('снижение');

    const rules = book.getWorksheet('Как считается')!;
    expect(rules.getRow(1).values).toEqual([
      undefined,
      '№',
      'Показатель',
      'Код',
      'Как считается',
      'Статус по годам',
    ]);
    const practiceRule = rules.getRows(2, 8)!.find((r) => r.getCell(3).value === 'organized_practices')!;
    expect(practiceRule.getCell(4).value).toBe(practices.rule);
    expect(practiceRule.getCell(5).value).toBe('2004: план не выполнен; 2005: план не выполнен');
  });
});

describe('a drill-down list as XLSX and CSV', () => {
  const params = (extra: Record<string, string> = {}) =>
    new URLSearchParams({ period: period.id, year: '2005', ...extra });

  test('CSV: BOM, «;», the page columns, the same records and filters as the page', async () => {
    const all = await loadDrillDown(admin.client, 'graduates_hired', params());
    expect(all.year).toBe(2005);
    const csv = parseCsv(toCsv(RECORD_COLUMNS, all.records));
    expect(csv[0]).toEqual([
      'Кто',
      'Запись',
      'Работодатель',
      'Вуз',
      'Начало',
      'Окончание',
      'Учтено на',
      'Документ',
      'Статус',
      'Источник',
    ]);
    expect(csv.slice(1)).toEqual([
      [
        p[0].fullName,
        'Приём на работу',
        kemerovo.organizationName,
        universityShort,
        '01.03.2004',
        '',
        '01.03.2004',
        'Приказ № 1-к; серия А от 01.03.2004',
        'подтверждено',
        'платформа',
      ],
      [
        p[1].fullName,
        'Приём на работу',
        kemerovo.organizationName,
        universityShort,
        '01.04.2005',
        '',
        '01.04.2005',
        'Приказ № "2-к" от 01.04.2005',
        'подтверждено',
        'платформа',
      ],
    ]);
    // the page's filter by name gives the same one row in the file (the whole name: a surname alone
    // is also part of another generated one, «Новиков» of «Новикова»)
    const filtered = await loadDrillDown(admin.client, 'graduates_hired', params({ q: p[1].fullName }));
    const response = csvResponse('записи.csv', RECORD_COLUMNS, filtered.records);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer()));
    expect(rows.map((r) => r[0])).toEqual(['Кто', p[1].fullName]);
  });

  test('XLSX: the same rows, dates as Excel dates, filtered by university', async () => {
    const view = await loadDrillDown(
      admin.client,
      'organized_practices',
      new URLSearchParams({ period: period.id, year: '2004', university: universityShort }),
    );
    const response = streamXlsx('записи.xlsx', {
      name: 'Записи 2004',
      columns: RECORD_COLUMNS,
      rows: view.records,
    });
    const book = await readWorkbook(await response.arrayBuffer());
    const sheet = book.getWorksheet('Записи 2004')!;
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(1).getCell(1).value).toBe('Кто');
    const names = [2, 3].map((r) => sheet.getRow(r).getCell(1).value).sort();
    expect(names).toEqual([p[0].fullName, p[2].fullName].sort());
    const start = sheet.getRow(2).getCell(5);
    expect(start.value).toBeInstanceOf(Date);
    expect(start.numFmt).toBe('dd.mm.yyyy');
    expect(sheet.getRow(2).getCell(10).value).toBe('платформа');
  });

  test('only administrators read the records behind a number', async () => {
    await expect(loadDrillDown(kemerovo.client, 'graduates_hired', params())).rejects.toThrow(
      'записи показателей видит только администрация',
    );
  });
});
