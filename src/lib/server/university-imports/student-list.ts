import type { EnrolmentStatus } from '../../enrolment.ts';
import { cellText } from './sheet.ts';
import { parseChoice, parseDate, parseName, parseOkso } from './cells.ts';
import { readSheet, type ImportColumn, type RowError } from './sheet.ts';
import { buildTemplate } from './template.ts';

/**
 * The university's list of enrolled students (issue 8 item 0): who studies (or graduated, or left),
 * read from XLSX. Columns are found by their header, in any order.
 */
export type StudentListKey = 'name' | 'birthDate' | 'okso' | 'year' | 'status';
export type ListStatus = Extract<EnrolmentStatus, 'confirmed' | 'graduated' | 'left'>;

export const STUDENT_STATUS_CHOICES: Record<string, ListStatus> = {
  учится: 'confirmed',
  обучается: 'confirmed',
  студент: 'confirmed',
  выпустился: 'graduated',
  выпустилась: 'graduated',
  выпускник: 'graduated',
  отчислен: 'left',
  отчислена: 'left',
};

export const LIST_STATUS_LABELS: Record<ListStatus, string> = {
  confirmed: 'учится',
  graduated: 'выпустился',
  left: 'отчислен',
};

export const STUDENT_LIST_COLUMNS: readonly ImportColumn<StudentListKey>[] = [
  {
    key: 'name',
    header: 'ФИО',
    aliases: ['Фамилия Имя Отчество', 'ФИО студента'],
    required: true,
    hint: 'Фамилия, имя и отчество, как студент указал их при регистрации (регистр, ё/е и лишние пробелы не важны).',
    example: 'Иванова Мария Сергеевна',
    width: 36,
  },
  {
    key: 'birthDate',
    header: 'Дата рождения',
    required: true,
    hint: 'ДД.ММ.ГГГГ или дата Excel. По ней отличаем однофамильцев.',
    example: '15.04.2004',
    width: 16,
    format: 'date',
  },
  {
    key: 'okso',
    header: 'Код ОКСО',
    aliases: ['ОКСО', 'Код направления', 'Направление'],
    required: true,
    hint: 'Код направления подготовки по ОКСО, как в профиле студента.',
    example: '09.03.03',
    width: 12,
    format: 'text',
  },
  {
    key: 'year',
    header: 'Курс/Год выпуска',
    aliases: ['Курс', 'Год выпуска', 'Курс / год выпуска'],
    required: false,
    hint: 'Курс (1–6) для студента или год выпуска (например, 2026) для выпускника. Должен совпасть с профилем.',
    example: '3',
    width: 18,
  },
  {
    key: 'status',
    header: 'Статус',
    required: false,
    hint: 'учится, выпустился или отчислен. Пусто — как выбрано при загрузке (обычно «учится»).',
    example: 'учится',
    width: 14,
    choices: ['учится', 'выпустился', 'отчислен'],
  },
];

/** A row as the database checks it (check_student_list / import_student_list). */
export interface StudentListRow {
  line: number;
  name: string;
  birth_date: string | null;
  okso: string | null;
  course: number | null;
  graduation_year: number | null;
  status: ListStatus;
}

export type ParsedStudentList =
  | { ok: true; rows: StudentListRow[]; names: Map<number, string>; lines: number[]; errors: RowError[] }
  | { ok: false; message: string };

/**
 * Reads the list: rows without errors go to the database for matching; every cell that cannot be
 * read becomes a message naming its row and column.
 */
export async function parseStudentList(
  bytes: Uint8Array,
  defaultStatus: ListStatus,
): Promise<ParsedStudentList> {
  const sheet = await readSheet(bytes, STUDENT_LIST_COLUMNS);
  if (!sheet.ok) return sheet;
  const header = Object.fromEntries(STUDENT_LIST_COLUMNS.map((c) => [c.key, c.header])) as Record<
    StudentListKey,
    string
  >;
  const rows: StudentListRow[] = [];
  const errors: RowError[] = [];
  const names = new Map<number, string>();
  for (const { line, cells } of sheet.rows) {
    const rowErrors: RowError[] = [];
    const take = <T>(
      key: StudentListKey,
      parsed: { ok: true; value: T } | { ok: false; message: string },
    ) => {
      if (parsed.ok) return parsed.value;
      rowErrors.push({ line, column: header[key], message: parsed.message });
      return null;
    };
    const name = take('name', parseName(cells.name));
    names.set(line, name ?? cellText(cells.name));
    const birthDate = take('birthDate', parseDate(cells.birthDate, true));
    if (birthDate && (birthDate < '1930-01-01' || birthDate > '2015-12-31'))
      rowErrors.push({ line, column: header.birthDate, message: 'дата рождения — между 1930 и 2015 годом' });
    const okso = take('okso', parseOkso(cells.okso, true));
    let course: number | null = null;
    let graduationYear: number | null = null;
    const year = cellText(cells.year);
    if (year) {
      const n = Number(year.replace(/\s*(курс|г\.?|год)$/i, ''));
      if (Number.isInteger(n) && n >= 1 && n <= 6) course = n;
      else if (Number.isInteger(n) && n >= 1990 && n <= 2100) graduationYear = n;
      else
        rowErrors.push({
          line,
          column: header.year,
          message: `«${year}»: укажите курс (от 1 до 6) или год выпуска (например, 2026)`,
        });
    }
    const status = take(
      'status',
      parseChoice(
        cells.status,
        STUDENT_STATUS_CHOICES,
        'статус — «учится», «выпустился» или «отчислен»',
        defaultStatus,
      ),
    );
    if (rowErrors.length || !name || !status) {
      errors.push(...rowErrors);
      continue;
    }
    rows.push({
      line,
      name,
      birth_date: birthDate,
      okso,
      course,
      graduation_year: graduationYear,
      status,
    });
  }
  return { ok: true, rows, names, lines: sheet.rows.map((r) => r.line), errors };
}

/** The template: header row, drop-down for the status, and the instructions sheet. */
export function studentListTemplate(): Promise<Buffer> {
  return buildTemplate({
    sheetName: 'Студенты',
    columns: STUDENT_LIST_COLUMNS,
    instructions: [
      'Список студентов вуза для КемероVоПРОФИ. Одна строка — один студент. Заголовки не меняйте; порядок столбцов может быть любым.',
      'Студент находится по ФИО и дате рождения (если он указал её в профиле), иначе — по ФИО и коду ОКСО. Найденные студенты вашего вуза получат статус из столбца «Статус»: «учится» — подтверждён вузом, «выпустился», «отчислен».',
      'Перед записью платформа покажет каждую строку с ошибкой (номер строки и столбец); ничего не записывается, пока вы не подтвердите загрузку. Повторная загрузка того же файла ничего не меняет.',
      'До 10 000 строк в одном файле.',
    ],
  });
}
