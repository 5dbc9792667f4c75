/**
 * The university's two XLSX uploads (issue 8 items 0 and 1) through the same server operations the
 * pages call, with the staff member's own JWT: the preview writes nothing and names every bad row and
 * column in Russian; the import writes in one transaction; the same file twice writes nothing new;
 * the user may import only the valid rows; a file that is not XLSX is refused by its bytes; 10 000
 * rows go through one call each (the time is printed, never asserted). A direct connection only
 * looks behind the API and arranges the 10 000 students no API creates in bulk.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CONSENT_VERSION } from '../../src/lib/schemas/auth.ts';
import { checkPracticeOrder } from '../../src/lib/server/university-imports/check-practice-order.ts';
import { checkStudentList } from '../../src/lib/server/university-imports/check-student-list.ts';
import { importPracticeOrder } from '../../src/lib/server/university-imports/import-practice-order.ts';
import { importStudentList } from '../../src/lib/server/university-imports/import-student-list.ts';
import { practiceOrderTemplate } from '../../src/lib/server/university-imports/practice-order.ts';
import { studentListTemplate } from '../../src/lib/server/university-imports/student-list.ts';
import { testDb } from '../factories/db.ts';
import { invalidInn10, validInn10 } from '../factories/inn.ts';
import {
  closeFactories,
  createAccount,
  createAdministrator,
  createEmployer,
  createUniversity,
  createUniversityStaff,
  verifyEmployer,
  type TestEmployer,
  type TestMember,
  type TestPerson,
} from '../factories/people.ts';
import { practiceOrderFile, studentListFile } from '../factories/university-import-files.ts';

const LETTERS = 'абвгдежзиклмнопрстуфхэюя';
/** A surname no other test uses: the matching looks at every student on the platform. */
const uniqueSurname = (stem: string) =>
  stem +
  Array.from({ length: 6 }, () => LETTERS[randomInt(LETTERS.length)]).join('') +
  (stem.endsWith('а') ? 'ова' : 'ов');

const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

let admin: TestMember;
let staffA: TestMember;
let staffB: TestMember;
let universityA: string;
let universityB: string;
let employer: TestEmployer;
let pending: TestEmployer;

async function student(
  universityId: string,
  fullName: string,
  { programme = '18.03.01', year = 3, birthDate = null as string | null, role = 'student' } = {},
): Promise<TestPerson> {
  const person = await createAccount('import', { fullName });
  const { error } = await person.client.rpc('register_person', {
    p_role: role as 'student',
    p_full_name: fullName,
    p_university_id: universityId,
    p_programme_code: programme,
    p_year_of_study: year,
    p_graduation_year: 2028,
    p_consent_version: CONSENT_VERSION,
  });
  expect(error).toBeNull();
  if (birthDate) {
    const { error: e } = await person.client
      .from('profiles')
      .update({ birth_date: birthDate })
      .eq('id', person.id);
    expect(e).toBeNull();
  }
  return person;
}

const enrolment = async (id: string) =>
  (
    await testDb().query<{ s: string }>('select enrolment_status as s from public.profiles where id = $1', [
      id,
    ])
  ).rows[0].s;
const enrolmentEvents = async (ids: string[]) =>
  (
    await testDb().query<{ n: number }>(
      'select count(*)::int as n from public.student_enrolment_events where profile_id = any($1)',
      [ids],
    )
  ).rows[0].n;
const placementsOf = async (ids: string[]) =>
  (
    await testDb().query<{ student_id: string; status: string; order_number: string | null; source: string }>(
      'select student_id, status, order_number, source from public.practice_placements where student_id = any($1) order by student_name',
      [ids],
    )
  ).rows;

const confirm = async (staff: TestMember, people: TestPerson[]) => {
  const { error } = await staff.client.rpc('set_student_enrolment', {
    p_profile_ids: people.map((p) => p.id),
    p_status: 'confirmed',
  });
  expect(error).toBeNull();
};

beforeAll(async () => {
  admin = await createAdministrator();
  universityA = await createUniversity(admin);
  universityB = await createUniversity(admin);
  staffA = await createUniversityStaff(admin, universityA);
  staffB = await createUniversityStaff(admin, universityB);
  employer = await createEmployer();
  await verifyEmployer(admin, employer.organizationId);
  pending = await createEmployer();
}, 60_000);

afterAll(closeFactories);

describe('the list of enrolled students', () => {
  let anna: TestPerson;
  let petr: TestPerson;
  let fedor: TestPerson;
  let names: Record<string, string>;

  beforeAll(async () => {
    names = {
      anna: `${uniqueSurname('Ёлкина')} Анна Сергеевна`,
      petr: `${uniqueSurname('Петр')} Пётр Ильич`,
      fedor: `${uniqueSurname('Федор')} Фёдор Петрович`,
    };
    anna = await student(universityA, names.anna, {
      programme: '09.03.03',
      year: 2,
      birthDate: '2005-03-14',
    });
    petr = await student(universityA, names.petr, { programme: '18.03.01', year: 3 });
    fedor = await student(universityA, names.fedor, {
      programme: '18.03.01',
      year: 4,
      birthDate: '2003-11-02',
    });
  }, 60_000);

  test('a valid file: the preview writes nothing, the import confirms everyone once, the same file again writes nothing new', async () => {
    const file = await studentListFile(
      [
        // case, ё/е and spaces do not matter; an Excel date, text ДД.ММ.ГГГГ
        {
          name: `  ${names.anna.toUpperCase().replaceAll('Ё', 'Е')} `,
          birthDate: '2005-03-14',
          okso: '09.03.03',
          year: 2,
        },
        // no birth date in the profile: name + programme
        { name: names.petr, birthDate: '01.02.2004', okso: '18.03.01', year: '3' },
        {
          name: names.fedor.replaceAll(' ', '   '),
          birthDate: '02.11.2003',
          okso: '18.03.01',
          status: 'выпустился',
        },
      ],
      await studentListTemplate(),
    );
    const check = await checkStudentList(staffA.client, 'список.xlsx', file, 'confirmed');
    if (!check.ok) throw new Error(check.message);
    expect(check.preview.errors).toEqual([]);
    expect(check.preview).toMatchObject({ total: 3, ready: 3, same: 0, errorRows: 0 });
    expect(await enrolmentEvents([anna.id, petr.id, fedor.id])).toBe(0);

    const first = await importStudentList(staffA.client, file, 'confirmed', false);
    expect(first).toEqual({ ok: true, written: 3, same: 0, skipped: 0 });
    expect(await enrolment(anna.id)).toBe('confirmed');
    expect(await enrolment(petr.id)).toBe('confirmed');
    expect(await enrolment(fedor.id)).toBe('graduated');
    const { rows } = await testDb().query<{ source: string; note: string }>(
      'select source, note from public.student_enrolment_events where profile_id = $1',
      [anna.id],
    );
    expect(rows).toEqual([{ source: 'list_upload', note: 'Список студентов (XLSX), строка 2' }]);

    const again = await checkStudentList(staffA.client, 'список.xlsx', file, 'confirmed');
    expect(again.ok && again.preview).toMatchObject({ ready: 0, same: 3, errorRows: 0 });
    expect(await importStudentList(staffA.client, file, 'confirmed', false)).toEqual({
      ok: true,
      written: 0,
      same: 3,
      skipped: 0,
    });
    expect(await enrolmentEvents([anna.id, petr.id, fedor.id])).toBe(3);

    // leaving is the same upload with another status (here: the choice on upload)
    const left = await studentListFile([{ name: names.petr, birthDate: '01.02.2004', okso: '18.03.01' }]);
    expect(await importStudentList(staffA.client, left, 'left', false)).toMatchObject({
      ok: true,
      written: 1,
    });
    expect(await enrolment(petr.id)).toBe('left');
  });

  test('a file with errors: every bad row and column named in Russian, nothing written; then only the valid rows', async () => {
    const twin = `${uniqueSurname('Двойн')} Иван Иванович`;
    const t1 = await student(universityA, twin, { programme: '13.03.02' });
    const t2 = await student(universityA, twin, { programme: '13.03.02' });
    const elsewhere = `${uniqueSurname('Чужак')} Олег Олегович`;
    await student(universityB, elsewhere, { birthDate: '2004-06-01' });
    const good = `${uniqueSurname('Верн')} Илья Андреевич`;
    const ok = await student(universityA, good, { programme: '18.03.01', year: 2, birthDate: '2005-01-20' });
    const mismatch = `${uniqueSurname('Курсов')} Глеб Олегович`;
    await student(universityA, mismatch, { programme: '18.03.01', year: 2, birthDate: '2005-02-20' });
    const before = await enrolmentEvents([t1.id, t2.id, ok.id]);

    const file = await studentListFile([
      { name: good, birthDate: '2005-01-20', okso: '18.03.01', year: 2 }, // 2: valid
      { name: 'Никтов Никто Никтович', birthDate: '2004-01-01', okso: '18.03.01' }, // 3: not found
      { name: good, birthDate: '20.01.2005', okso: '18.03.01' }, // 4: duplicate of 2
      { name: twin, birthDate: '2004-05-05', okso: '13.03.02' }, // 5: ambiguous
      { name: elsewhere, birthDate: '2004-06-01', okso: '18.03.01' }, // 6: other university
      { name: good, birthDate: '31.02.2005', okso: '18.03.01' }, // 7: no such date
      { name: 'Кто-то Новый', birthDate: '2004-01-01', okso: '99.99.99' }, // 8: unknown ОКСО + not found
      { name: mismatch, birthDate: '2005-02-20', okso: '18.03.01', year: 4 }, // 9: course differs
      { name: good, birthDate: '2005-01-20', okso: '18.03.01', status: 'в академе' }, // 10: status
    ]);
    const check = await checkStudentList(staffA.client, 'ошибки.xlsx', file, 'confirmed');
    if (!check.ok) throw new Error(check.message);
    expect(check.preview.errors).toEqual([
      {
        line: 3,
        column: 'ФИО',
        message:
          'студент не найден на платформе: проверьте ФИО и дату рождения (студент регистрируется сам и указывает ваш вуз)',
      },
      { line: 4, column: 'ФИО', message: 'этот студент уже есть в строке 2' },
      {
        line: 5,
        column: 'ФИО',
        message:
          'под ФИО и дату рождения подходят несколько студентов вуза (2): подтвердите их по одному в очереди',
      },
      {
        line: 6,
        column: 'ФИО',
        message: 'студент с такими ФИО и датой рождения указал на платформе другой вуз',
      },
      { line: 7, column: 'Дата рождения', message: 'такой даты нет: «31.02.2005»' },
      { line: 8, column: 'Код ОКСО', message: 'код ОКСО «99.99.99» не найден в классификаторе' },
      {
        line: 8,
        column: 'ФИО',
        message:
          'студент не найден на платформе: проверьте ФИО и дату рождения (студент регистрируется сам и указывает ваш вуз)',
      },
      { line: 9, column: 'Курс/Год выпуска', message: 'в профиле студента указан 2 курс' },
      { line: 10, column: 'Статус', message: 'статус — «учится», «выпустился» или «отчислен»' },
    ]);
    expect(check.preview).toMatchObject({ total: 9, ready: 1, same: 0, errorRows: 8 });

    const refused = await importStudentList(staffA.client, file, 'confirmed', false);
    expect(refused).toEqual({
      ok: false,
      status: 400,
      message: 'В файле есть строки с ошибками: исправьте их или загрузите только верные строки',
    });
    expect(await enrolmentEvents([t1.id, t2.id, ok.id])).toBe(before);
    expect(await enrolment(ok.id)).toBe('claimed');

    const onlyValid = await importStudentList(staffA.client, file, 'confirmed', true);
    expect(onlyValid).toEqual({ ok: true, written: 1, same: 0, skipped: 8 });
    expect(await enrolment(ok.id)).toBe('confirmed');
    expect(await enrolment(t1.id)).toBe('claimed');
  });

  test('another university’s staff cannot confirm these students with the same file', async () => {
    const name = `${uniqueSurname('Свой')} Артур Ильич`;
    const mine = await student(universityA, name, { birthDate: '2004-04-04' });
    const file = await studentListFile([{ name, birthDate: '2004-04-04', okso: '18.03.01' }]);
    const check = await checkStudentList(staffB.client, 'чужой.xlsx', file, 'confirmed');
    expect(check.ok && check.preview.errors.map((e) => e.message)).toEqual([
      'студент с такими ФИО и датой рождения указал на платформе другой вуз',
    ]);
    expect(await importStudentList(staffB.client, file, 'confirmed', true)).toMatchObject({ ok: false });
    expect(await enrolment(mine.id)).toBe('claimed');
    // and a student cannot call the import at all
    const { error } = await mine.client.rpc('import_student_list', {
      p_rows: [] as never,
      p_only_valid: true,
    });
    expect(error?.code).toBe('42501');
  });
});

describe('the practice order', () => {
  let students: TestPerson[];
  let names: string[];
  let unconfirmed: TestPerson;
  let unconfirmedName: string;
  let otherName: string;

  beforeAll(async () => {
    names = [`${uniqueSurname('Практик')} Антон Юрьевич`, `${uniqueSurname('Практик')}а Юлия Антоновна`];
    students = [
      await student(universityA, names[0], { programme: '18.03.01', birthDate: '2004-09-09' }),
      await student(universityA, names[1], { programme: '18.03.01' }),
    ];
    await confirm(staffA, students);
    unconfirmedName = `${uniqueSurname('Неподтвержд')} Кирилл Кириллович`;
    unconfirmed = await student(universityA, unconfirmedName, { programme: '18.03.01' });
    otherName = `${uniqueSurname('Иногородн')} Семён Семёнович`;
    const other = await student(universityB, otherName, { programme: '18.03.01' });
    await confirm(staffB, [other]);
  }, 60_000);

  const row = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    okso: '18.03.01',
    inn: employer.inn,
    practiceType: 'производственная',
    startsOn: day(30),
    endsOn: day(58),
    orderNumber: '777-с',
    orderDate: day(-1),
    supervisor: 'Петров П. П., доцент',
    ...extra,
  });

  test('a valid file from the template: placements confirmed by the order, once', async () => {
    const template = await practiceOrderTemplate([{ name: employer.organizationName, inn: employer.inn }]);
    const file = await practiceOrderFile(
      [
        row(names[0], { birthDate: '2004-09-09' }),
        row(names[1], { practiceType: 'Производственная практика' }),
      ],
      template,
    );
    const check = await checkPracticeOrder(staffA.client, 'приказ.xlsx', file);
    if (!check.ok) throw new Error(check.message);
    expect(check.preview.errors).toEqual([]);
    expect(check.preview).toMatchObject({ total: 2, ready: 2, same: 0, errorRows: 0 });
    expect(await placementsOf(students.map((s) => s.id))).toEqual([]);

    expect(await importPracticeOrder(staffA.client, file, false)).toEqual({
      ok: true,
      written: 2,
      same: 0,
      skipped: 0,
    });
    const placements = await placementsOf(students.map((s) => s.id));
    expect(placements.map((p) => [p.status, p.order_number, p.source])).toEqual([
      ['confirmed', '777-с', 'import'],
      ['confirmed', '777-с', 'import'],
    ]);
    // each of the 4 events (created, confirmed) has its letter job, queued in one batch
    const jobs = await testDb().query<{ n: number }>(
      `select count(*)::int as n from graphile_worker._private_jobs j
        join graphile_worker._private_tasks t on t.id = j.task_id
        where t.identifier = 'notify_placement_event'
          and (j.payload->>'event_id')::bigint in (
            select e.id from public.outcome_events e join public.practice_placements x on x.id = e.record_id
             where x.student_id = any($1))`,
      [students.map((s) => s.id)],
    );
    expect(jobs.rows[0].n).toBe(4);
    // the employer reads them as any placement confirmed by the university
    const seen = await employer.client
      .from('practice_placements')
      .select('student_name, status')
      .in(
        'student_id',
        students.map((s) => s.id),
      );
    expect(seen.data?.map((p) => p.status)).toEqual(['confirmed', 'confirmed']);

    const again = await checkPracticeOrder(staffA.client, 'приказ.xlsx', file);
    expect(again.ok && again.preview).toMatchObject({ ready: 0, same: 2, errorRows: 0 });
    expect(await importPracticeOrder(staffA.client, file, false)).toEqual({
      ok: true,
      written: 0,
      same: 2,
      skipped: 0,
    });
    expect(await placementsOf(students.map((s) => s.id))).toHaveLength(2);
  });

  test('a file with errors: each row and column in Russian, nothing written; then only the valid rows', async () => {
    let unknownInn = validInn10();
    while ((await testDb().query('select 1 from public.organizations where inn = $1', [unknownInn])).rowCount)
      unknownInn = validInn10();
    const badInn = invalidInn10();
    const starts = day(90);
    const late = (name: string, extra: Record<string, unknown>) =>
      row(name, { startsOn: starts, endsOn: day(100), ...extra });
    const file = await practiceOrderFile([
      late(names[0], {}), // 2: valid
      late(names[1], { inn: badInn }), // 3: checksum
      late(names[1], { inn: unknownInn }), // 4: not registered
      late(names[1], { inn: pending.inn }), // 5: not verified
      late(names[1], { okso: '99.99.99' }), // 6: unknown ОКСО (and so not found)
      late(otherName, {}), // 7: another university
      late(unconfirmedName, {}), // 8: not confirmed
      late(names[1], { endsOn: day(80) }), // 9: ends before it starts
      late(names[0], {}), // 10: duplicate of 2
      late(names[1], { practiceType: 'летняя' }), // 11: type
      late('Никтов Никто Никтович', {}), // 12: not found
    ]);
    const check = await checkPracticeOrder(staffA.client, 'приказ-ошибки.xlsx', file);
    if (!check.ok) throw new Error(check.message);
    expect(check.preview.errors).toEqual([
      {
        line: 3,
        column: 'ИНН работодателя',
        message: `ИНН ${badInn} с ошибкой: не сходится контрольная цифра`,
      },
      {
        line: 4,
        column: 'ИНН работодателя',
        message: `работодатель с ИНН ${unknownInn} не зарегистрирован на платформе`,
      },
      {
        line: 5,
        column: 'ИНН работодателя',
        message: `работодатель с ИНН ${pending.inn} ещё не проверен администрацией города`,
      },
      { line: 6, column: 'Код ОКСО', message: 'код ОКСО «99.99.99» не найден в классификаторе' },
      {
        line: 6,
        column: 'ФИО',
        message: 'студент не найден на платформе: проверьте ФИО, дату рождения и код ОКСО',
      },
      { line: 7, column: 'ФИО', message: 'студент учится в другом вузе' },
      { line: 8, column: 'ФИО', message: 'студент ещё не подтверждён вузом (раздел «Студенты»)' },
      { line: 9, column: 'Окончание', message: 'дата окончания раньше даты начала' },
      { line: 10, column: 'ФИО', message: 'повторяет строку 2: тот же студент, работодатель и дата начала' },
      {
        line: 11,
        column: 'Вид практики',
        message: 'вид практики — учебная, производственная или преддипломная',
      },
      {
        line: 12,
        column: 'ФИО',
        message: 'студент не найден на платформе: проверьте ФИО, дату рождения и код ОКСО',
      },
    ]);
    expect(check.preview).toMatchObject({ total: 11, ready: 1, same: 0, errorRows: 10 });

    const before = await placementsOf([...students.map((s) => s.id), unconfirmed.id]);
    const refused = await importPracticeOrder(staffA.client, file, false);
    expect(refused).toMatchObject({ ok: false, status: 400 });
    expect(await placementsOf([...students.map((s) => s.id), unconfirmed.id])).toEqual(before);

    expect(await importPracticeOrder(staffA.client, file, true)).toEqual({
      ok: true,
      written: 1,
      same: 0,
      skipped: 10,
    });
    expect(await placementsOf([...students.map((s) => s.id), unconfirmed.id])).toHaveLength(
      before.length + 1,
    );
  });

  test('a file that is not XLSX is refused by its bytes, whatever its name', async () => {
    const csv = new TextEncoder().encode('ФИО;Код ОКСО\nИванов Иван;18.03.01\n');
    const check = await checkPracticeOrder(staffA.client, 'приказ.xlsx', csv);
    expect(check).toEqual({
      ok: false,
      status: 400,
      message: 'Это не файл Excel (XLSX): сохраните таблицу в формате .xlsx',
    });
    const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
    expect(await importStudentList(staffA.client, pdf, 'confirmed', false)).toMatchObject({
      ok: false,
      message: 'Это не файл Excel (XLSX): сохраните таблицу в формате .xlsx',
    });
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Лист1').addRow(['ФИО', 'Группа']);
    workbook.getWorksheet('Лист1')!.addRow(['Иванов Иван', 'ХТ-21']);
    const missing = await checkStudentList(
      staffA.client,
      'x.xlsx',
      new Uint8Array(await workbook.xlsx.writeBuffer()),
      'confirmed',
    );
    expect(missing).toEqual({
      ok: false,
      status: 400,
      message: 'В файле нет столбцов «Дата рождения», «Код ОКСО»: скачайте шаблон и перенесите данные в него',
    });
  });
});

test('10 000 rows: the student list and the practice order, one database call each', async () => {
  const tag = randomUUID().slice(0, 8);
  // 10 000 students of university A, arranged in one statement (no API creates people in bulk)
  await testDb().query(
    `with u as (
       insert into better_auth."user" (id, name, email, "emailVerified")
       select gen_random_uuid(), 'Нагрузочный ' || n || ' ' || $2, 'bulk-' || $2 || '-' || n || '@example.test', true
         from generate_series(1, 10000) n
       returning id, name)
     insert into public.profiles (id, role, full_name, email, email_verified, university_id, programme_code,
                                  year_of_study, birth_date)
     select u.id, 'student', u.name, 'bulk-' || $2 || '-' || split_part(u.name, ' ', 2) || '@example.test', true, $1,
            '18.03.01', 2, date '2004-01-01' + (split_part(u.name, ' ', 2)::int % 700)
       from u`,
    [universityA, tag],
  );
  const birth = (n: number) => new Date(Date.UTC(2004, 0, 1) + (n % 700) * 86_400_000);
  const list = await studentListFile(
    Array.from({ length: 10_000 }, (_, i) => ({
      name: `Нагрузочный ${i + 1} ${tag}`,
      birthDate: birth(i + 1),
      okso: '18.03.01',
      year: 2,
    })),
  );
  let t = performance.now();
  const check = await checkStudentList(staffA.client, 'big.xlsx', list, 'confirmed');
  const checkMs = performance.now() - t;
  expect(check.ok && check.preview).toMatchObject({ total: 10_000, ready: 10_000, errorRows: 0 });
  t = performance.now();
  expect(await importStudentList(staffA.client, list, 'confirmed', false)).toEqual({
    ok: true,
    written: 10_000,
    same: 0,
    skipped: 0,
  });
  const importMs = performance.now() - t;

  const order = await practiceOrderFile(
    Array.from({ length: 10_000 }, (_, i) => ({
      name: `Нагрузочный ${i + 1} ${tag}`,
      birthDate: birth(i + 1),
      okso: '18.03.01',
      inn: employer.inn,
      practiceType: 'учебная',
      startsOn: day(120),
      endsOn: day(130),
    })),
  );
  t = performance.now();
  const orderCheck = await checkPracticeOrder(staffA.client, 'big-order.xlsx', order);
  const orderCheckMs = performance.now() - t;
  expect(orderCheck.ok && orderCheck.preview).toMatchObject({ total: 10_000, ready: 10_000, errorRows: 0 });
  t = performance.now();
  expect(await importPracticeOrder(staffA.client, order, false)).toMatchObject({ ok: true, written: 10_000 });
  const orderImportMs = performance.now() - t;
  console.log(
    `10 000 строк: список — проверка ${Math.round(checkMs)} мс, запись ${Math.round(importMs)} мс; ` +
      `приказ — проверка ${Math.round(orderCheckMs)} мс, запись ${Math.round(orderImportMs)} мс`,
  );
}, 180_000);
