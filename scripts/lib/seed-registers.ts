/**
 * Demo registers for `npm start`: the platform started after the programme (01.02.2023) began, so the
 * hires of 2023–2024 come from a register the administration imports. The seed builds that register as
 * an XLSX file and imports it the way /admin/imports does — previewImport then commit_import with the
 * demo administrator's own JWT — so the records carry an import and their row numbers. It also
 * types in the employment centre's vacancy bank of 19.01.2023 (10 728 vacancies, from the passport).
 */
import ExcelJS from 'exceljs';
import { db } from '../../src/lib/server/db.ts';
import { commitImport } from '../../src/lib/server/registers/commit-import.ts';
import { REGISTERS } from '../../src/lib/server/registers/definitions.ts';
import { previewImport } from '../../src/lib/server/registers/preview-import.ts';
import { userClient } from '../../src/lib/server/supabase.ts';
import { recordVacancySnapshot } from '../../src/lib/server/vacancies/record-vacancy-snapshot.ts';
import { demoInn } from './demo-organizations.ts';

type Log = (scope: string, message: string) => void;

/** [ФИО, дата рождения, вуз, ОКСО, год выпуска, работодатель (номер в EMPLOYERS), должность, дата приёма, документ] */
const HIRES: [string, string, string, string, number, number, string, string, string][] = [
  [
    'Смирнов Алексей Игоревич',
    '12.03.2000',
    'КузГТУ',
    '18.03.01',
    2023,
    1,
    'Инженер-технолог',
    '03.07.2023',
    'Приказ № 214-к от 30.06.2023',
  ],
  [
    'Кузнецова Мария Андреевна',
    '05.11.2000',
    'КемГУ',
    '38.03.01',
    2023,
    2,
    'Экономист',
    '17.07.2023',
    'Приказ № 88-лс от 14.07.2023',
  ],
  [
    'Попов Дмитрий Сергеевич',
    '21.01.2001',
    'КузГТУ',
    '13.03.02',
    2023,
    3,
    'Инженер-электрик',
    '01.08.2023',
    'Трудовой договор № 57/2023',
  ],
  [
    'Васильева Анна Олеговна',
    '09.06.1999',
    'КемГМУ',
    '31.05.01',
    2023,
    4,
    'Врач-терапевт участковый',
    '01.09.2023',
    'Приказ № 412-к от 28.08.2023',
  ],
  [
    'Новиков Иван Петрович',
    '30.09.2000',
    'КузГТУ',
    '21.05.04',
    2023,
    5,
    'Горный мастер',
    '11.09.2023',
    'Приказ № 1033 от 08.09.2023',
  ],
  [
    'Морозова Полина Викторовна',
    '14.02.2001',
    'КемГУ',
    '09.03.03',
    2023,
    6,
    'Аналитик данных',
    '02.10.2023',
    'Трудовой договор № 12-ТД',
  ],
  [
    'Лебедев Никита Андреевич',
    '03.05.2001',
    'Кузбасская ГСХА',
    '35.03.04',
    2023,
    7,
    'Агроном',
    '16.10.2023',
    'Приказ № 77 от 13.10.2023',
  ],
  [
    'Соколова Дарья Игоревна',
    '27.07.2000',
    'КемГУ',
    '44.03.01',
    2023,
    8,
    'Учитель математики',
    '01.09.2023',
    'Приказ № 56-к от 31.08.2023',
  ],
  [
    'Зайцев Егор Олегович',
    '18.12.2001',
    'КузГТУ',
    '18.03.01',
    2024,
    1,
    'Аппаратчик-оператор',
    '01.07.2024',
    'Приказ № 301-к от 28.06.2024',
  ],
  [
    'Белова Ксения Сергеевна',
    '22.04.2002',
    'КемГМУ',
    '31.05.01',
    2024,
    4,
    'Врач-педиатр',
    '15.08.2024',
    'Приказ № 520-к от 12.08.2024',
  ],
  [
    'Шубин Павел Викторович',
    '08.08.2001',
    'КузГТУ',
    '13.03.02',
    2024,
    3,
    'Инженер релейной защиты',
    '02.09.2024',
    'Трудовой договор № 88/2024',
  ],
  [
    'Орлова Виктория Петровна',
    '11.10.2001',
    'КемГУ',
    '38.03.01',
    2024,
    2,
    'Специалист по закупкам',
    '09.09.2024',
    'Приказ № 140-лс от 06.09.2024',
  ],
];

/** The register as an administrator would fill the template: real Excel dates, ИНН as text. */
async function hiresWorkbook(): Promise<Uint8Array> {
  const def = REGISTERS.find((r) => r.key === 'hires')!;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Реестр');
  sheet.addRow(def.columns.map((c) => c.header));
  const date = (ru: string) => {
    const [d, m, y] = ru.split('.').map(Number);
    return new Date(Date.UTC(y, m - 1, d));
  };
  for (const [name, birth, uni, okso, year, employer, position, hired, document] of HIRES) {
    sheet.addRow([name, date(birth), uni, okso, year, demoInn(employer), position, date(hired), document]);
  }
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

export async function seedDemoRegisters({ log, adminId }: { log: Log; adminId: string }): Promise<void> {
  const { rows } = await db().query<{ email: string }>('select email from public.profiles where id = $1', [
    adminId,
  ]);
  const admin = await userClient({ sub: adminId, email: rows[0].email });

  const preview = await previewImport(admin, {
    register: 'hires',
    fileName: 'Трудоустройство выпускников 2023–2024.xlsx',
    bytes: await hiresWorkbook(),
  });
  if (!preview.ok) throw new Error(`демо-реестр: ${preview.message}`);
  const { data } = await admin.from('imports').select('error_count, issues').eq('id', preview.id).single();
  if (data?.error_count) throw new Error(`демо-реестр с ошибками: ${JSON.stringify(data.issues)}`);
  const committed = await commitImport(admin, preview.id);
  if (!committed.ok) throw new Error(`демо-реестр: ${committed.message}`);

  const bank = await recordVacancySnapshot(admin, {
    takenOn: '2023-01-19',
    total: 10_728,
    sourceNote: 'Банк вакансий центра занятости г. Кемерово на 19.01.2023 (паспорт проекта)',
  });
  if (!bank.ok) throw new Error(`банк вакансий: ${bank.message}`);
  log(
    'seed',
    `импортирован демо-реестр трудоустройства 2023–2024: ${committed.count} записей; банк вакансий на 19.01.2023`,
  );
}
