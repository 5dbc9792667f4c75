/**
 * Registers imported from Excel/CSV (issue 9 item 4): files are read and checked by the server code
 * the page calls (previewImport), kept as a preview, and written only by public.commit_import with
 * the administrator's own JWT, in one transaction. A direct connection only counts rows behind the API.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readTable } from '../../src/lib/server/registers/read-table.ts';
import { formatIssue, type Issue } from '../../src/lib/server/registers/check-register.ts';
import { commitImport, undoImport } from '../../src/lib/server/registers/commit-import.ts';
import { loadImport } from '../../src/lib/server/registers/load-imports.ts';
import { previewImport } from '../../src/lib/server/registers/preview-import.ts';
import { testDb } from '../factories/db.ts';
import { invalidInn10, validInn10 } from '../factories/inn.ts';
import {
  closeFactories,
  createAccount,
  createAdministrator,
  createEmployer,
  verifyEmployer,
  type TestEmployer,
  type TestMember,
} from '../factories/people.ts';
import { CONSENT_VERSION } from '../../src/lib/schemas/auth.ts';

const HIRE_HEADERS = [
  'ФИО',
  'Дата рождения',
  'Вуз',
  'Код ОКСО',
  'Год выпуска',
  'ИНН работодателя',
  'Должность',
  'Дата приёма',
  'Документ',
];

let admin: TestMember;
let employer: TestEmployer;
let universityId: string;
let uni: string;

async function xlsx(rows: unknown[][], edit?: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Реестр');
  for (const r of rows) sheet.addRow(r);
  edit?.(sheet);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/** A unique person per call: the tests share one database. */
function personName(tag: string) {
  return `Тестов ${tag} ${randomUUID().slice(0, 6).replace(/\d/g, 'а')}`;
}

function hireRow(name: string, overrides: Partial<Record<string, unknown>> = {}): unknown[] {
  const row: Record<string, unknown> = {
    ФИО: name,
    'Дата рождения': utc(2001, 5, 14),
    Вуз: uni,
    'Код ОКСО': '18.03.01',
    'Год выпуска': 2023,
    'ИНН работодателя': employer.inn,
    Должность: 'Инженер-технолог',
    'Дата приёма': utc(2023, 9, 1),
    Документ: 'Приказ № 45-к от 01.09.2023',
    ...overrides,
  };
  return HIRE_HEADERS.map((h) => row[h]);
}

async function preview(bytes: Uint8Array, register = 'hires', fileName = 'реестр.xlsx') {
  const result = await previewImport(admin.client, { register, fileName, bytes });
  if (!result.ok) throw new Error(`предпросмотр не создан: ${result.message}`);
  const loaded = await loadImport(admin.client, result.id);
  if (!loaded) throw new Error('предпросмотр не читается');
  return loaded;
}

const messages = (issues: Issue[]) => issues.map(formatIssue);

async function importedEmployments(importId: string) {
  const { rows } = await testDb().query<{
    status: string;
    source: string;
    import_row: number;
    person_id: string | null;
  }>(
    `select status, source, import_row, person_id from public.employments where import_id = $1 order by import_row`,
    [importId],
  );
  return rows;
}

async function employmentsOf(organizationId: string): Promise<number> {
  const { rows } = await testDb().query<{ n: number }>(
    `select count(*)::int as n from public.employments where organization_id = $1 and status <> 'cancelled'`,
    [organizationId],
  );
  return rows[0].n;
}

beforeAll(async () => {
  admin = await createAdministrator();
  uni = `ТГУ${randomUUID().slice(0, 5)}`;
  const { data, error } = await admin.client
    .from('organizations')
    .insert({
      kind: 'university',
      name: `Тестовый государственный университет ${uni}`,
      short_name: uni,
      verification_status: 'verified',
    })
    .select('id')
    .single();
  if (error) throw new Error(error.message);
  universityId = data.id;
  employer = await createEmployer();
  await verifyEmployer(admin, employer.organizationId);
});

afterAll(closeFactories);

describe('hires register', () => {
  test('a valid file: preview first, nothing written; then one import with import ids and rows', async () => {
    const a = personName('А');
    const b = personName('Б');
    const bytes = await xlsx([
      HIRE_HEADERS,
      hireRow(a),
      hireRow(b, { 'Дата приёма': utc(2024, 2, 5), Документ: 'Трудовой договор 17/2024' }),
    ]);
    const before = await employmentsOf(employer.organizationId);
    const p = await preview(bytes);
    expect(p.issues).toEqual([]);
    expect(p).toMatchObject({ state: 'preview', row_count: 2, error_count: 0, existing_count: null });
    expect(await employmentsOf(employer.organizationId)).toBe(before);

    const committed = await commitImport(admin.client, p.id);
    expect(committed).toEqual({ ok: true, count: 2 });
    const rows = await importedEmployments(p.id);
    expect(rows).toEqual([
      { status: 'confirmed', source: 'import', import_row: 2, person_id: null },
      { status: 'confirmed', source: 'import', import_row: 3, person_id: null },
    ]);
    const { rows: docs } = await testDb().query(
      `select document_kind, document_number, to_char(document_date, 'YYYY-MM-DD') as d from public.employments
        where import_id = $1 order by import_row`,
      [p.id],
    );
    expect(docs).toEqual([
      { document_kind: 'order', document_number: 'Приказ № 45-к от 01.09.2023', d: '2023-09-01' },
      { document_kind: 'contract', document_number: 'Трудовой договор 17/2024', d: '2024-02-05' },
    ]);
    const { rows: people } = await testDb().query(
      `select rp.full_name, to_char(rp.birth_date, 'DD.MM.YYYY') as birth, rp.programme_code, rp.match_status
         from public.register_people rp join public.employments e on e.register_person_id = rp.id
        where e.import_id = $1 order by e.import_row`,
      [p.id],
    );
    expect(people).toEqual([
      { full_name: a, birth: '14.05.2001', programme_code: '18.03.01', match_status: 'unmatched' },
      { full_name: b, birth: '14.05.2001', programme_code: '18.03.01', match_status: 'unmatched' },
    ]);
    expect(await loadImport(admin.client, p.id)).toMatchObject({
      state: 'imported',
      created_count: 2,
      existing_count: 0,
    });
  });

  test('a file with errors: every row named with its column in Russian, nothing written, import refused', async () => {
    const badInn = invalidInn10();
    const unknownInn = validInn10();
    const dup = personName('Д');
    const bytes = await xlsx([
      HIRE_HEADERS,
      hireRow(personName('В'), { 'ИНН работодателя': badInn }),
      hireRow(personName('Г'), { 'ИНН работодателя': unknownInn }),
      hireRow(personName('Е'), { 'Код ОКСО': '99.03.01' }),
      hireRow(dup),
      hireRow(dup),
      hireRow(personName('Ж'), { 'Дата приёма': '31.02.2024', Вуз: 'Неизвестный вуз' }),
      hireRow('', { Должность: '' }),
    ]);
    const before = await employmentsOf(employer.organizationId);
    const p = await preview(bytes);
    expect(messages(p.issues)).toEqual([
      `Строка 2, «ИНН работодателя»: неверная контрольная сумма ИНН ${badInn}`,
      `Строка 3, «ИНН работодателя»: работодатель с ИНН ${unknownInn} не зарегистрирован на платформе`,
      'Строка 4, «Код ОКСО»: код 99.03.01 не найден в классификаторе ОКСО',
      'Строка 6: повтор строки 5 (тот же человек, работодатель и дата приёма)',
      `Строка 7, «Вуз»: вуз «Неизвестный вуз» не найден на платформе: укажите краткое название (${uni}) или ИНН`,
      'Строка 7, «Дата приёма»: «31.02.2024» — не дата: нужна дата Excel или текст ДД.ММ.ГГГГ, ГГГГ-ММ-ДД или Д.М.ГГ',
      'Строка 8, «ФИО»: не заполнено',
      'Строка 8, «Должность»: не заполнено',
    ]);
    expect(p).toMatchObject({ row_count: 7, error_count: 8 });
    const refused = await commitImport(admin.client, p.id);
    expect(refused).toEqual({
      ok: false,
      status: 400,
      message: 'В файле есть ошибки: исправьте их и загрузите файл снова',
    });
    expect(await employmentsOf(employer.organizationId)).toBe(before);
    expect(await loadImport(admin.client, p.id)).toMatchObject({ state: 'preview' });
  });

  test('the same file twice creates nothing new; undo cancels its records and they stop counting', async () => {
    const bytes = await xlsx([HIRE_HEADERS, hireRow(personName('З')), hireRow(personName('И'))]);
    const first = await preview(bytes);
    expect(await commitImport(admin.client, first.id)).toEqual({ ok: true, count: 2 });
    const count = await employmentsOf(employer.organizationId);

    const second = await preview(bytes);
    expect(second).toMatchObject({ error_count: 0, existing_count: null, row_count: 2 });
    expect(await commitImport(admin.client, second.id)).toEqual({ ok: true, count: 0 });
    expect(await loadImport(admin.client, second.id)).toMatchObject({ created_count: 0, existing_count: 2 });
    expect(await employmentsOf(employer.organizationId)).toBe(count);
    expect(await commitImport(admin.client, first.id)).toEqual({
      ok: false,
      status: 400,
      message: 'Этот файл уже импортирован',
    });

    expect(await undoImport(admin.client, first.id)).toEqual({ ok: true, count: 2 });
    expect((await importedEmployments(first.id)).map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    expect(await employmentsOf(employer.organizationId)).toBe(count - 2);
    expect(await loadImport(admin.client, first.id)).toMatchObject({ state: 'undone' });
    expect(await undoImport(admin.client, first.id)).toEqual({
      ok: false,
      status: 400,
      message: 'Отменить можно только выполненный импорт',
    });
    const { rows: events } = await testDb().query(
      `select count(*)::int as n from public.outcome_events ev join public.employments e on e.id = ev.record_id
        where e.import_id = $1 and ev.to_status = 'cancelled'`,
      [first.id],
    );
    expect(events[0].n).toBe(2);

    // after the undo, the same file can be imported again
    const third = await preview(bytes);
    expect(await commitImport(admin.client, third.id)).toEqual({ ok: true, count: 2 });
  });

  test('a person without an account is joined to it when they sign up and match', async () => {
    const name = personName('К');
    const p = await preview(await xlsx([HIRE_HEADERS, hireRow(name)]));
    await commitImport(admin.client, p.id);
    const graduate = await createAccount('graduate', { fullName: name.toUpperCase().replace(/Е/g, 'Ё') });
    const { error } = await graduate.client.rpc('register_person', {
      p_role: 'graduate',
      p_full_name: `  ${name}  `,
      p_university_id: universityId,
      p_graduation_year: 2023,
      p_consent_version: CONSENT_VERSION,
    });
    expect(error).toBeNull();
    expect((await importedEmployments(p.id))[0].person_id).toBe(graduate.id);
    const own = await graduate.client.from('employments').select('id, source, import_row');
    expect(own.data).toEqual([expect.objectContaining({ source: 'import', import_row: 2 })]);
  });

  test('only an administrator may preview, import or undo (RLS and the functions are the boundary)', async () => {
    const p = await preview(await xlsx([HIRE_HEADERS, hireRow(personName('Л'))]));
    const outsider = employer.client;
    expect(await commitImport(outsider, p.id)).toEqual({
      ok: false,
      status: 403,
      message: 'Импорт реестров доступен только администрации',
    });
    const { data } = await outsider.from('imports').select('id');
    expect(data).toEqual([]);
    // the people of the registers and the vacancy bank's per-employer counts: the same boundary
    for (const table of ['register_people', 'vacancy_snapshots', 'vacancy_snapshot_employers'] as const) {
      const read = await outsider.from(table).select('*');
      expect(read.error === null ? read.data : [], table).toEqual([]);
      const write = await outsider.from(table).insert({} as never);
      expect(write.error, table).not.toBeNull();
    }
    const refused = await previewImport(outsider, {
      register: 'hires',
      fileName: 'x.xlsx',
      bytes: await xlsx([HIRE_HEADERS, hireRow('Кто-то Такой')]),
    });
    expect(refused).toEqual({
      ok: false,
      field: 'file',
      status: 403,
      message: 'Импорт реестров доступен только администрации',
    });
  });
});

describe('what files bring', () => {
  test('a formula cell: its saved result is used; without one the row is refused', async () => {
    const name = personName('М');
    const bytes = await xlsx([HIRE_HEADERS, hireRow(name), hireRow(personName('Н'))], (sheet) => {
      sheet.getCell('G2').value = {
        formula: 'UPPER("инженер")',
        result: 'ИНЖЕНЕР',
      } as ExcelJS.CellFormulaValue;
      sheet.getCell('E3').value = { formula: 'YEAR(TODAY())-1' } as ExcelJS.CellFormulaValue;
    });
    const p = await preview(bytes);
    expect(messages(p.issues)).toEqual([
      'Строка 3, «Год выпуска»: формула без сохранённого значения: откройте файл в Excel и сохраните его, или вставьте значения',
    ]);
  });

  test('merged cells are refused in data rows', async () => {
    const bytes = await xlsx([HIRE_HEADERS, hireRow(personName('О')), hireRow(personName('П'))], (sheet) => {
      sheet.mergeCells('C2:C3');
    });
    const p = await preview(bytes);
    expect(messages(p.issues)).toEqual([
      'Строка 2, «Вуз»: объединённая ячейка (C2:C3): разъедините ячейки и заполните значение в каждой строке',
      'Строка 3, «Вуз»: объединённая ячейка (C2:C3): разъедините ячейки и заполните значение в каждой строке',
    ]);
  });

  test('a table shifted by one column is read by its headers, and the preview says so', async () => {
    const bytes = await xlsx([
      ['', ...HIRE_HEADERS],
      ['', ...hireRow(personName('Р'))],
    ]);
    const p = await preview(bytes);
    expect(p.issues).toEqual([]);
    expect(p.notes).toEqual([
      'Таблица сдвинута на 1 столбец вправо: заголовки начинаются со столбца B, а не A. Столбцы прочитаны по заголовкам.',
    ]);
    expect(p.row_count).toBe(1);
  });

  test('a data row shifted by one under the headers is refused with the column without a header', async () => {
    const bytes = await xlsx([HIRE_HEADERS, ['', ...hireRow(personName('С'))]]);
    const p = await preview(bytes);
    expect(messages(p.issues)).toContain(
      'Строка 2: значение «Приказ № 45-к от 01.09.2023» в столбце J без заголовка: похоже, строка сдвинута — каждое значение должно стоять под своим заголовком',
    );
  });

  test('an empty file, a sheet of headers only, headers missing', async () => {
    expect(
      await previewImport(admin.client, {
        register: 'hires',
        fileName: 'пусто.csv',
        bytes: new Uint8Array(),
      }),
    ).toEqual({
      ok: false,
      field: 'file',
      status: 400,
      message: 'Файл пуст.',
    });
    expect(messages((await preview(await xlsx([HIRE_HEADERS]))).issues)).toEqual([
      'В файле нет строк с данными: под заголовками пусто.',
    ]);
    const noDate = await preview(await xlsx([HIRE_HEADERS.slice(0, 7)]));
    expect(messages(noDate.issues)).toEqual([
      'Нет столбца «Дата приёма»: добавьте его в строку заголовков (как в шаблоне).',
      'Нет столбца «Документ»: добавьте его в строку заголовков (как в шаблоне).',
    ]);
  });

  test('bytes that are not XLSX or CSV are refused, whatever the name says', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.7\n\u0000\u0001\u0002binary');
    expect(
      await previewImport(admin.client, { register: 'hires', fileName: 'реестр.xlsx', bytes: pdf }),
    ).toMatchObject({
      ok: false,
      field: 'file',
      message: 'Файл не похож на таблицу: загрузите XLSX (Excel) или CSV с заголовками из шаблона.',
    });
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(
      await previewImport(admin.client, { register: 'hires', fileName: 'реестр.xlsx', bytes: zip }),
    ).toMatchObject({
      ok: false,
      message: 'Файл — архив, но не книга Excel: он повреждён или это не XLSX.',
    });
  });

  test('CSV: UTF-8 with «;», and Windows-1251 from Russian Excel detected and decoded', async () => {
    const name = personName('Т');
    const line = [
      name,
      '14.05.2001',
      uni,
      '18.03.01',
      '2023',
      employer.inn,
      'Инженер',
      '01.09.2023',
      'Приказ № 1',
    ];
    const text = `${HIRE_HEADERS.join(';')}\r\n${line.join(';')}\r\n`;
    const utf8 = await preview(new TextEncoder().encode(`\ufeff${text}`), 'hires', 'реестр.csv');
    expect(utf8.issues).toEqual([]);
    expect(utf8.notes).toEqual([]);
    const cp1251 = Uint8Array.from(
      [...text].map((ch) => {
        const code = ch.codePointAt(0)!;
        if (code < 0x80) return code;
        if (ch === 'ё') return 0xb8;
        if (ch === 'Ё') return 0xa8;
        if (ch === '№') return 0xb9;
        return code - 0x410 + 0xc0;
      }),
    );
    const decoded = await preview(cp1251, 'hires', 'реестр.csv');
    expect(decoded.issues).toEqual([]);
    expect(decoded.notes).toEqual([
      'Файл в кодировке Windows-1251 (так сохраняет CSV Excel в русской Windows): прочитан в этой кодировке.',
    ]);
  });

  test('dates typed as text in three formats: ДД.ММ.ГГГГ, ГГГГ-ММ-ДД, Д.М.ГГ', async () => {
    const p = await preview(
      await xlsx([
        HIRE_HEADERS,
        hireRow(personName('У'), { 'Дата рождения': '14.05.2001', 'Дата приёма': '01.09.2023' }),
        hireRow(personName('Ф'), { 'Дата рождения': '2001-05-14', 'Дата приёма': '2023-09-01' }),
        hireRow(personName('Х'), { 'Дата рождения': '4.5.01', 'Дата приёма': '1.9.23' }),
      ]),
    );
    expect(p.issues).toEqual([]);
    await commitImport(admin.client, p.id);
    const { rows } = await testDb().query(
      `select to_char(rp.birth_date, 'YYYY-MM-DD') as birth, to_char(e.start_date, 'YYYY-MM-DD') as start
         from public.employments e join public.register_people rp on rp.id = e.register_person_id
        where e.import_id = $1 order by e.import_row`,
      [p.id],
    );
    expect(rows).toEqual([
      { birth: '2001-05-14', start: '2023-09-01' },
      { birth: '2001-05-14', start: '2023-09-01' },
      { birth: '2001-05-04', start: '2023-09-01' },
    ]);
  });

  test('readTable refuses more than the row limit before checking anything', async () => {
    const text = `${HIRE_HEADERS.join(';')}\n` + 'а;б\n'.repeat(6);
    expect(await readTable(new TextEncoder().encode(text), 5)).toEqual({
      ok: false,
      message: 'В файле больше 5 строк: разделите его на части.',
    });
  });
});

describe('the other registers', () => {
  test('practices: end before start refused; a valid one imported as a completed placement', async () => {
    const headers = [
      'ФИО',
      'Дата рождения',
      'Вуз',
      'Код ОКСО',
      'Курс',
      'Вид практики',
      'ИНН работодателя',
      'Начало',
      'Окончание',
      'Приказ',
    ];
    const row = (name: string, start: Date, end: Date, kind = 'Производственная') => [
      name,
      utc(2003, 1, 2),
      uni,
      '18.03.01',
      3,
      kind,
      employer.inn,
      start,
      end,
      'Приказ № 112-с',
    ];
    const bad = await preview(
      await xlsx([
        headers,
        row(personName('Ц'), utc(2024, 7, 15), utc(2024, 7, 1)),
        row(personName('Ч'), utc(2024, 7, 1), utc(2024, 7, 20), 'Летняя'),
      ]),
      'practices',
    );
    expect(messages(bad.issues)).toEqual([
      'Строка 2, «Окончание»: окончание раньше начала',
      'Строка 3, «Вид практики»: «Летняя» — выберите из списка: Учебная, Производственная, Преддипломная',
    ]);
    const good = await preview(
      await xlsx([headers, row(personName('Ш'), utc(2024, 7, 1), utc(2024, 7, 20))]),
      'practices',
    );
    expect(good.issues).toEqual([]);
    expect(await commitImport(admin.client, good.id)).toEqual({ ok: true, count: 1 });
    const { rows } = await testDb().query(
      `select status, practice_type, year_of_study, import_row from public.practice_placements where import_id = $1`,
      [good.id],
    );
    expect(rows).toEqual([
      { status: 'completed', practice_type: 'industrial', year_of_study: 3, import_row: 2 },
    ]);
  });

  test('stipends and target agreements', async () => {
    const stipendHeaders = [
      'ФИО',
      'Дата рождения',
      'Вуз',
      'ИНН работодателя',
      'Сумма в месяц',
      'Начало',
      'Окончание',
      'Приказ',
    ];
    const s = await preview(
      await xlsx([
        stipendHeaders,
        [
          personName('Щ'),
          utc(2003, 3, 3),
          uni,
          employer.inn,
          '10 000',
          utc(2023, 9, 1),
          utc(2024, 6, 30),
          'Приказ № 7',
        ],
      ]),
      'stipends',
    );
    expect(s.issues).toEqual([]);
    expect(await commitImport(admin.client, s.id)).toEqual({ ok: true, count: 1 });
    const { rows: stipends } = await testDb().query(
      `select amount_per_month, months, status from public.stipend_awards where import_id = $1`,
      [s.id],
    );
    expect(stipends).toEqual([{ amount_per_month: 10000, months: 10, status: 'finished' }]);

    const targetHeaders = [
      'ФИО',
      'Дата рождения',
      'Вуз',
      'Код ОКСО',
      'ИНН заказчика',
      'Номер',
      'Дата заключения',
      'Лет отработки',
    ];
    const t = await preview(
      await xlsx([
        targetHeaders,
        [personName('Э'), utc(2005, 4, 4), uni, '18.03.01', employer.inn, 'ЦО-1/2023', utc(2023, 8, 20), 3],
        [personName('Ю'), utc(2005, 4, 4), uni, '18.03.01', employer.inn, 'ЦО-2/2023', utc(2023, 8, 20), 2],
      ]),
      'target_agreements',
    );
    expect(messages(t.issues)).toEqual(['Строка 3, «Лет отработки»: лет отработки — от 3 до 10']);
  });
});

describe('a large register', () => {
  test('10 000 hires rows are checked and imported in one transaction (time printed)', async () => {
    const rows: unknown[][] = [HIRE_HEADERS];
    const tag = randomUUID().slice(0, 4).replace(/\d/g, 'я');
    for (let i = 0; i < 10_000; i += 1) {
      rows.push(
        hireRow(`Массовый ${tag} Номер${String(i).replace(/\d/g, (d) => 'абвгдежзик'[Number(d)])}`, {
          'Дата приёма': utc(2023 + (i % 2), 1 + (i % 12), 1 + (i % 28)),
        }),
      );
    }
    const bytes = await xlsx(rows);
    const started = performance.now();
    const p = await preview(bytes, 'hires', 'большой.xlsx');
    const checked = performance.now();
    expect(p.issues).toEqual([]);
    expect(await commitImport(admin.client, p.id)).toEqual({ ok: true, count: 10_000 });
    const done = performance.now();
    console.log(
      `импорт 10 000 строк: проверка ${((checked - started) / 1000).toFixed(1)} с, запись ${((done - checked) / 1000).toFixed(1)} с, всего ${((done - started) / 1000).toFixed(1)} с (${(bytes.length / 1024).toFixed(0)} КБ)`,
    );
  });
});
