/**
 * The registers of contracts and events imported from Excel (issue 9 item 4): «Договоры» become
 * partnership contracts in force by their dates, «Мероприятия» held events with their head-count.
 * Files are checked by the server code the page calls (previewImport) and written only by
 * public.commit_import with the administrator's own JWT; a direct connection only reads behind the API.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatIssue } from '../../src/lib/server/registers/check-register.ts';
import { commitImport, undoImport } from '../../src/lib/server/registers/commit-import.ts';
import { loadImport } from '../../src/lib/server/registers/load-imports.ts';
import { previewImport } from '../../src/lib/server/registers/preview-import.ts';
import { buildTemplate } from '../../src/lib/server/registers/build-template.ts';
import { registerDefinition } from '../../src/lib/server/registers/definitions.ts';
import { testDb } from '../factories/db.ts';
import { invalidInn10, validInn10 } from '../factories/inn.ts';
import {
  closeFactories,
  createAdministrator,
  createEmployer,
  createUniversity,
  verifyEmployer,
  type TestEmployer,
  type TestMember,
} from '../factories/people.ts';

const CONTRACT_HEADERS = ['Номер', 'Дата', 'ИНН работодателя', 'Вуз', 'Вид', 'Действует с', 'Действует по'];
const EVENT_HEADERS = ['Название', 'Вид', 'Дата', 'ИНН организатора', 'Участников'];

let admin: TestMember;
let employer: TestEmployer;
let universityId: string;
let uni: string;
let universityInn: string;

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const tag = () => randomUUID().slice(0, 6);

async function xlsx(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Реестр');
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

async function preview(bytes: Uint8Array, register: string) {
  const result = await previewImport(admin.client, { register, fileName: `${register}.xlsx`, bytes });
  if (!result.ok) throw new Error(`предпросмотр не создан: ${result.message}`);
  const loaded = await loadImport(admin.client, result.id);
  if (!loaded) throw new Error('предпросмотр не читается');
  return loaded;
}

async function contractsOf(importId: string) {
  const { rows } = await testDb().query(
    `select number, kind, status, source, import_row, to_char(signed_on, 'YYYY-MM-DD') as signed_on,
            to_char(valid_from, 'YYYY-MM-DD') as valid_from, to_char(valid_to, 'YYYY-MM-DD') as valid_to
       from public.partnership_contracts where import_id = $1 order by import_row`,
    [importId],
  );
  return rows;
}

async function liveContracts(): Promise<number> {
  const { rows } = await testDb().query<{ n: number }>(
    `select count(*)::int as n from public.partnership_contracts where employer_id = $1 and status <> 'declined'`,
    [employer.organizationId],
  );
  return rows[0].n;
}

async function eventsOf(importId: string) {
  const { rows } = await testDb().query(
    `select title, kind, status, audience, imported_participants, capacity, import_row,
            to_char(starts_at at time zone 'Asia/Novokuznetsk', 'YYYY-MM-DD HH24:MI') as starts,
            attendance_recorded_at is not null as attendance_recorded
       from public.events where import_id = $1 order by import_row`,
    [importId],
  );
  return rows;
}

async function eventIndicators(year: number) {
  const { data, error } = await admin.client.rpc('event_indicators', { p_year: year });
  if (error) throw new Error(error.message);
  return Object.fromEntries(data.map((r) => [r.kind, r]));
}

beforeAll(async () => {
  admin = await createAdministrator();
  uni = `ДВУ${tag()}`;
  universityId = await createUniversity(admin);
  universityInn = validInn10();
  await testDb().query('update public.organizations set short_name = $2, inn = $3 where id = $1', [
    universityId,
    uni,
    universityInn,
  ]);
  employer = await createEmployer({ districtCode: 'zavodsky' });
  await verifyEmployer(admin, employer.organizationId);
});

afterAll(closeFactories);

describe('contracts register', () => {
  const row = (number: string, over: Partial<Record<string, unknown>> = {}) => {
    const r: Record<string, unknown> = {
      Номер: number,
      Дата: utc(2023, 2, 10),
      'ИНН работодателя': employer.inn,
      Вуз: uni,
      Вид: 'О практической подготовке',
      'Действует с': utc(2023, 3, 1),
      'Действует по': utc(2024, 2, 29),
      ...over,
    };
    return CONTRACT_HEADERS.map((h) => r[h]);
  };

  test('the template: the headers of the issue and a drop-down of the kinds', async () => {
    const book = buildTemplate(registerDefinition('contracts')!, [uni]);
    const sheet = book.getWorksheet('Реестр')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(CONTRACT_HEADERS);
    const read = new ExcelJS.Workbook();
    await read.xlsx.load((await book.xlsx.writeBuffer()) as ArrayBuffer);
    const kind = read.getWorksheet('Реестр')!.getCell('E2').dataValidation;
    expect(kind).toMatchObject({
      type: 'list',
      formulae: ['"О практической подготовке,О сотрудничестве,О целевом обучении"'],
    });
  });

  test('valid rows: preview first, then contracts in force by their dates, with file and row', async () => {
    const [a, b, c] = [`Д-${tag()}`, `Д-${tag()}`, `Д-${tag()}`];
    const before = await liveContracts();
    const p = await preview(
      await xlsx([
        CONTRACT_HEADERS,
        row(a),
        row(b, { Вид: 'о сотрудничестве', 'Действует по': utc(2099, 12, 31), Дата: '01.03.2023' }),
        row(c, { Вуз: universityInn, Вид: 'О целевом обучении', 'Действует по': null }),
      ]),
      'contracts',
    );
    expect(p.issues).toEqual([]);
    expect(p).toMatchObject({ state: 'preview', row_count: 3, error_count: 0 });
    expect(await liveContracts()).toBe(before);

    expect(await commitImport(admin.client, p.id)).toEqual({ ok: true, count: 3 });
    expect(await contractsOf(p.id)).toEqual([
      {
        number: a,
        kind: 'practice',
        status: 'expired',
        source: 'import',
        import_row: 2,
        signed_on: '2023-02-10',
        valid_from: '2023-03-01',
        valid_to: '2024-02-29',
      },
      {
        number: b,
        kind: 'cooperation',
        status: 'active',
        source: 'import',
        import_row: 3,
        signed_on: '2023-03-01',
        valid_from: '2023-03-01',
        valid_to: '2099-12-31',
      },
      {
        number: c,
        kind: 'target_training',
        status: 'active',
        source: 'import',
        import_row: 4,
        signed_on: '2023-02-10',
        valid_from: '2023-03-01',
        valid_to: null,
      },
    ]);
    // history without letters: each registered by the administration, nothing waits to be sent
    const { rows: history } = await testDb().query(
      `select e.to_status, e.actor_side, e.notified_at is not null as notified
         from public.contract_events e join public.partnership_contracts c on c.id = e.contract_id
        where c.import_id = $1 order by c.import_row`,
      [p.id],
    );
    expect(history).toEqual([
      { to_status: 'expired', actor_side: 'administration', notified: true },
      { to_status: 'active', actor_side: 'administration', notified: true },
      { to_status: 'active', actor_side: 'administration', notified: true },
    ]);
    // the parties see them as theirs
    const own = await employer.client
      .from('partnership_contracts')
      .select('number, source')
      .in('number', [a, b, c]);
    expect(own.data?.map((x) => x.source)).toEqual(['import', 'import', 'import']);
  });

  test('rows with errors: each named with its column, nothing written, import refused', async () => {
    const onPlatform = `ПЛ-${tag()}`;
    const { error } = await admin.client.rpc('register_contract', {
      p_employer_id: employer.organizationId,
      p_university_id: universityId,
      p_kind: 'practice',
      p_number: onPlatform,
      p_signed_on: '2024-01-10',
      p_valid_from: '2024-01-10',
      p_valid_to: '2099-01-01',
    });
    expect(error).toBeNull();
    const dup = `Д-${tag()}`;
    const badInn = invalidInn10();
    const before = await liveContracts();
    const p = await preview(
      await xlsx([
        CONTRACT_HEADERS,
        row(`Д-${tag()}`, { 'ИНН работодателя': badInn }),
        row(`Д-${tag()}`, { Вид: 'Аренда' }),
        row(`Д-${tag()}`, { 'Действует с': utc(2024, 5, 1), 'Действует по': utc(2024, 4, 30) }),
        row(dup),
        row(` ${dup.toLowerCase()} `),
        row(`Д-${tag()}`, { Дата: utc(2098, 1, 1) }),
        row(onPlatform.toLowerCase()),
        row(`Д-${tag()}`, { 'Действует с': null }),
      ]),
      'contracts',
    );
    expect(p.issues.map(formatIssue)).toEqual([
      `Строка 2, «ИНН работодателя»: неверная контрольная сумма ИНН ${badInn}`,
      'Строка 3, «Вид»: «Аренда» — выберите из списка: О практической подготовке, О сотрудничестве, О целевом обучении',
      'Строка 4, «Действует по»: окончание срока раньше начала',
      'Строка 6: повтор строки 5 (тот же номер, работодатель и вуз)',
      'Строка 7, «Дата»: дата подписания позже сегодняшней',
      'Строка 8: такая запись уже есть на платформе (тот же номер, работодатель и вуз)',
      'Строка 9, «Действует с»: не заполнено',
    ]);
    expect(await commitImport(admin.client, p.id)).toEqual({
      ok: false,
      status: 400,
      message: 'В файле есть ошибки: исправьте их и загрузите файл снова',
    });
    expect(await liveContracts()).toBe(before);
  });

  test('the same file twice creates nothing new; undo declines its contracts; then it imports again', async () => {
    const bytes = await xlsx([
      CONTRACT_HEADERS,
      row(`Д-${tag()}`),
      row(`Д-${tag()}`, { 'Действует по': null }),
    ]);
    const first = await preview(bytes, 'contracts');
    expect(await commitImport(admin.client, first.id)).toEqual({ ok: true, count: 2 });
    const count = await liveContracts();

    const second = await preview(bytes, 'contracts');
    expect(second).toMatchObject({ error_count: 0, row_count: 2 });
    expect(await commitImport(admin.client, second.id)).toEqual({ ok: true, count: 0 });
    expect(await loadImport(admin.client, second.id)).toMatchObject({ created_count: 0, existing_count: 2 });
    expect(await liveContracts()).toBe(count);

    expect(await undoImport(admin.client, first.id)).toEqual({ ok: true, count: 2 });
    expect((await contractsOf(first.id)).map((c) => c.status)).toEqual(['declined', 'declined']);
    expect(await liveContracts()).toBe(count - 2);
    const { rows } = await testDb().query(
      `select e.from_status, e.to_status, e.note from public.contract_events e
         join public.partnership_contracts c on c.id = e.contract_id
        where c.import_id = $1 and e.to_status = 'declined' order by c.import_row`,
      [first.id],
    );
    expect(rows).toEqual([
      { from_status: 'expired', to_status: 'declined', note: 'импорт отменён' },
      { from_status: 'active', to_status: 'declined', note: 'импорт отменён' },
    ]);

    const third = await preview(bytes, 'contracts');
    expect(await commitImport(admin.client, third.id)).toEqual({ ok: true, count: 2 });
  });
});

describe('events register', () => {
  const YEAR = 2019;
  const row = (title: string, over: Partial<Record<string, unknown>> = {}) => {
    const r: Record<string, unknown> = {
      Название: title,
      Вид: 'Встреча со школьниками 11 классов',
      Дата: utc(YEAR, 3, 14),
      'ИНН организатора': employer.inn,
      Участников: 45,
      ...over,
    };
    return EVENT_HEADERS.map((h) => r[h]);
  };

  test('the template: the headers of the issue and a drop-down of the kinds', () => {
    const sheet = buildTemplate(registerDefinition('events')!, [uni]).getWorksheet('Реестр')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(EVENT_HEADERS);
  });

  test('valid rows become held events with the head-count as attendance, counted by kind', async () => {
    const before = await eventIndicators(YEAR);
    const meeting = `Встреча ${tag()}`;
    const day = `День работодателя ${tag()}`;
    const p = await preview(
      await xlsx([
        EVENT_HEADERS,
        row(meeting),
        row(day, {
          Вид: 'День работодателя',
          'ИНН организатора': universityInn,
          Участников: '120',
          Дата: '05.10.2019',
        }),
      ]),
      'events',
    );
    expect(p.issues).toEqual([]);
    expect(await commitImport(admin.client, p.id)).toEqual({ ok: true, count: 2 });
    expect(await eventsOf(p.id)).toEqual([
      {
        title: meeting,
        kind: 'school_meeting',
        status: 'held',
        audience: 'pupils',
        imported_participants: 45,
        capacity: 45,
        import_row: 2,
        starts: '2019-03-14 00:00',
        attendance_recorded: true,
      },
      {
        title: day,
        kind: 'employer_day',
        status: 'held',
        audience: 'students',
        imported_participants: 120,
        capacity: 120,
        import_row: 3,
        starts: '2019-10-05 00:00',
        attendance_recorded: true,
      },
    ]);
    const after = await eventIndicators(YEAR);
    expect(after.school_meeting.events_held - before.school_meeting.events_held).toBe(1);
    expect(after.school_meeting.pupils_attended - before.school_meeting.pupils_attended).toBe(45);
    expect(after.employer_day.events_held - before.employer_day.events_held).toBe(1);
    expect(after.employer_day.students_attended - before.employer_day.students_attended).toBe(120);
  });

  test('rows with errors: each named with its column, nothing written', async () => {
    const unknownInn = validInn10();
    const dup = `Экскурсия ${tag()}`;
    const p = await preview(
      await xlsx([
        EVENT_HEADERS,
        row(`Встреча ${tag()}`, { Дата: utc(2098, 1, 1) }),
        row(`Встреча ${tag()}`, { Участников: 0 }),
        row(`Встреча ${tag()}`, { Вид: 'Пикник' }),
        row(`Встреча ${tag()}`, { 'ИНН организатора': unknownInn }),
        row(dup, { Вид: 'Экскурсия на предприятие' }),
        row(dup.toUpperCase(), { Вид: 'Экскурсия на предприятие' }),
        row('Ок'),
      ]),
      'events',
    );
    expect(p.issues.map(formatIssue)).toEqual([
      'Строка 2, «Дата»: мероприятие ещё не прошло: в реестр вносят проведённые мероприятия',
      'Строка 3, «Участников»: участников — целое число от 1 до 10 000',
      'Строка 4, «Вид»: «Пикник» — выберите из списка: День работодателя, Экскурсия на предприятие, Встреча со школьниками 11 классов, Ярмарка вакансий, Мастер-класс',
      `Строка 5, «ИНН организатора»: организация с ИНН ${unknownInn} не зарегистрирована на платформе`,
      'Строка 7: повтор строки 6 (то же название, дата и организатор)',
      'Строка 8, «Название»: название — не короче 3 знаков',
    ]);
    expect(await commitImport(admin.client, p.id)).toMatchObject({ ok: false, status: 400 });
    const { rows } = await testDb().query(
      'select count(*)::int as n from public.events where import_id = $1',
      [p.id],
    );
    expect(rows[0].n).toBe(0);
  });

  test('the same file twice creates nothing new; undo cancels the events and they stop counting', async () => {
    const before = await eventIndicators(YEAR);
    const bytes = await xlsx([
      EVENT_HEADERS,
      row(`Встреча ${tag()}`, { Дата: utc(YEAR, 11, 20), Участников: 30 }),
    ]);
    const first = await preview(bytes, 'events');
    expect(await commitImport(admin.client, first.id)).toEqual({ ok: true, count: 1 });
    const second = await preview(bytes, 'events');
    expect(await commitImport(admin.client, second.id)).toEqual({ ok: true, count: 0 });
    expect(await loadImport(admin.client, second.id)).toMatchObject({ created_count: 0, existing_count: 1 });
    const counted = await eventIndicators(YEAR);
    expect(counted.school_meeting.pupils_attended - before.school_meeting.pupils_attended).toBe(30);

    expect(await undoImport(admin.client, first.id)).toEqual({ ok: true, count: 1 });
    expect((await eventsOf(first.id)).map((e) => e.status)).toEqual(['cancelled']);
    const { rows } = await testDb().query(
      `select h.from_status, h.to_status, h.note from public.event_history h
         join public.events e on e.id = h.event_id where e.import_id = $1 order by h.at, h.id`,
      [first.id],
    );
    expect(rows).toEqual([
      { from_status: null, to_status: 'held', note: 'импорт реестра' },
      { from_status: 'held', to_status: 'cancelled', note: 'импорт отменён' },
    ]);
    expect(await eventIndicators(YEAR)).toEqual(before);
  });
});
