import { PRACTICE_TYPE_LABELS } from '../../placements.ts';
import { cellText } from './sheet.ts';
import { parseChoice, parseDate, parseInn, parseName, parseOkso, parseText } from './cells.ts';
import { readSheet, type ImportColumn, type RowError } from './sheet.ts';
import { buildTemplate } from './template.ts';

/**
 * The university's practice order (приказ о направлении на практику, issue 8 item 1) read from
 * XLSX: one row per student. Columns are found by their header, in any order.
 */
export type PracticeOrderKey =
  | 'name'
  | 'birthDate'
  | 'okso'
  | 'inn'
  | 'practiceType'
  | 'startsOn'
  | 'endsOn'
  | 'orderNumber'
  | 'orderDate'
  | 'supervisor';

type PracticeType = 'educational' | 'industrial' | 'pre_diploma';

export const PRACTICE_TYPE_CHOICES: Record<string, PracticeType> = {
  учебная: 'educational',
  производственная: 'industrial',
  преддипломная: 'pre_diploma',
};

export const PRACTICE_ORDER_COLUMNS: readonly ImportColumn<PracticeOrderKey>[] = [
  {
    key: 'name',
    header: 'ФИО',
    aliases: ['ФИО студента', 'Фамилия Имя Отчество'],
    required: true,
    hint: 'Фамилия, имя и отчество студента, как в его профиле (регистр, ё/е и лишние пробелы не важны).',
    example: 'Иванова Мария Сергеевна',
    width: 36,
  },
  {
    key: 'birthDate',
    header: 'Дата рождения',
    required: false,
    hint: 'ДД.ММ.ГГГГ. Отличает однофамильцев; без неё студент ищется по ФИО и коду ОКСО.',
    example: '15.04.2004',
    width: 16,
    format: 'date',
  },
  {
    key: 'okso',
    header: 'Код ОКСО',
    aliases: ['ОКСО', 'Код направления'],
    required: true,
    hint: 'Код направления подготовки по ОКСО, как в профиле студента.',
    example: '18.03.01',
    width: 12,
    format: 'text',
  },
  {
    key: 'inn',
    header: 'ИНН работодателя',
    aliases: ['ИНН', 'ИНН организации', 'ИНН предприятия'],
    required: true,
    hint: '10 или 12 цифр. Работодатель должен быть зарегистрирован на платформе и проверен администрацией (лист «Работодатели»).',
    example: '4205000000',
    width: 18,
    format: 'text',
  },
  {
    key: 'practiceType',
    header: 'Вид практики',
    required: true,
    hint: 'учебная, производственная или преддипломная (выберите из списка).',
    example: 'производственная',
    width: 18,
    choices: Object.values(PRACTICE_TYPE_LABELS),
  },
  {
    key: 'startsOn',
    header: 'Начало',
    aliases: ['Дата начала', 'Начало практики'],
    required: true,
    hint: 'Дата начала практики, ДД.ММ.ГГГГ.',
    example: '01.07.2026',
    width: 14,
    format: 'date',
  },
  {
    key: 'endsOn',
    header: 'Окончание',
    aliases: ['Дата окончания', 'Окончание практики'],
    required: true,
    hint: 'Дата окончания, не раньше начала; практика — не длиннее года.',
    example: '28.07.2026',
    width: 14,
    format: 'date',
  },
  {
    key: 'orderNumber',
    header: 'Приказ №',
    aliases: ['Номер приказа', '№ приказа', 'Приказ'],
    required: false,
    hint: 'Номер приказа вуза. С номером и датой практика сразу подтверждена вузом и уходит работодателю.',
    example: '1234-с',
    width: 12,
    format: 'text',
  },
  {
    key: 'orderDate',
    header: 'Дата приказа',
    required: false,
    hint: 'ДД.ММ.ГГГГ, не в будущем. Заполняется вместе с номером.',
    example: '15.05.2026',
    width: 14,
    format: 'date',
  },
  {
    key: 'supervisor',
    header: 'Руководитель от вуза',
    aliases: ['Руководитель практики от вуза'],
    required: false,
    hint: 'ФИО и должность руководителя практики от вуза.',
    example: 'Петров П. П., доцент',
    width: 28,
  },
];

/** A row as the database checks it (check_practice_order / import_practice_order). */
export interface PracticeOrderRow {
  line: number;
  name: string;
  birth_date: string | null;
  okso: string | null;
  inn: string;
  practice_type: PracticeType;
  starts_on: string;
  ends_on: string;
  order_number: string | null;
  order_date: string | null;
  university_supervisor: string | null;
}

export type ParsedPracticeOrder =
  | { ok: true; rows: PracticeOrderRow[]; names: Map<number, string>; lines: number[]; errors: RowError[] }
  | { ok: false; message: string };

/** Reads the order: what cannot be read is a message naming the row and the column. */
export async function parsePracticeOrder(bytes: Uint8Array): Promise<ParsedPracticeOrder> {
  const sheet = await readSheet(bytes, PRACTICE_ORDER_COLUMNS);
  if (!sheet.ok) return sheet;
  const header = Object.fromEntries(PRACTICE_ORDER_COLUMNS.map((c) => [c.key, c.header])) as Record<
    PracticeOrderKey,
    string
  >;
  const rows: PracticeOrderRow[] = [];
  const errors: RowError[] = [];
  const names = new Map<number, string>();
  for (const { line, cells } of sheet.rows) {
    const rowErrors: RowError[] = [];
    const take = <T>(
      key: PracticeOrderKey,
      parsed: { ok: true; value: T } | { ok: false; message: string },
    ) => {
      if (parsed.ok) return parsed.value;
      rowErrors.push({ line, column: header[key], message: parsed.message });
      return undefined;
    };
    const name = take('name', parseName(cells.name));
    names.set(line, name ?? cellText(cells.name));
    const row = {
      line,
      name,
      birth_date: take('birthDate', parseDate(cells.birthDate, false)),
      okso: take('okso', parseOkso(cells.okso, true)),
      inn: take('inn', parseInn(cells.inn)),
      practice_type: take(
        'practiceType',
        parseChoice(
          cells.practiceType,
          PRACTICE_TYPE_CHOICES,
          'вид практики — учебная, производственная или преддипломная',
        ),
      ),
      starts_on: take('startsOn', parseDate(cells.startsOn, true)),
      ends_on: take('endsOn', parseDate(cells.endsOn, true)),
      order_number: take('orderNumber', parseText(cells.orderNumber, 50)),
      order_date: take('orderDate', parseDate(cells.orderDate, false)),
      university_supervisor: take('supervisor', parseText(cells.supervisor, 200)),
    };
    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    rows.push(row as PracticeOrderRow);
  }
  return { ok: true, rows, names, lines: sheet.rows.map((r) => r.line), errors };
}

/**
 * The template: header row, drop-down of practice types, date formats, the instructions sheet and
 * the verified employers with their ИНН to copy from.
 */
export function practiceOrderTemplate(
  employers: Array<{ name: string; inn: string | null }>,
): Promise<Buffer> {
  return buildTemplate({
    sheetName: 'Приказ',
    columns: PRACTICE_ORDER_COLUMNS,
    instructions: [
      'Приказ о направлении студентов на практику для КемероVоПРОФИ. Одна строка — один студент. Заголовки не меняйте; порядок столбцов может быть любым.',
      'Студент находится по ФИО и дате рождения (если он указал её в профиле), иначе — по ФИО и коду ОКСО; он должен быть подтверждён вузом (раздел «Студенты»). Работодатель — по ИНН, он должен быть проверен администрацией: ИНН можно скопировать с листа «Работодатели».',
      'С номером и датой приказа практика сразу подтверждена вузом, и работодатель получает письмо. Без них практика ждёт подтверждения вуза на странице «Практики студентов».',
      'Перед записью платформа покажет каждую строку с ошибкой (номер строки и столбец); ничего не записывается, пока вы не подтвердите загрузку. Можно загрузить только верные строки. Повторная загрузка того же файла новых практик не создаёт: практика — это студент, работодатель и дата начала.',
      'До 10 000 строк в одном файле.',
    ],
    reference: {
      name: 'Работодатели',
      headers: ['Работодатель (проверен администрацией)', 'ИНН'],
      rows: employers.filter((e) => e.inn).map((e) => [e.name, e.inn ?? '']),
    },
  });
}
