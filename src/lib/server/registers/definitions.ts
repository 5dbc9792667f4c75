/**
 * The registers the administration imports, one definition each: the columns (headers exactly as
 * the issue gives them, in order), how each cell is read, the checks across columns, the natural
 * key that makes a second import of the same file create nothing, and the record handed to
 * public.commit_import. Adding a register is one definition here plus its branch in commit_import.
 */
import { CONTRACT_KIND_LABELS, CONTRACT_KINDS } from '../../contracts.ts';
import { EVENT_KIND_LABELS, EVENT_KINDS } from '../../events.ts';
import { cellText, type Cell } from './cells.ts';

export type RegisterKey = 'hires' | 'practices' | 'stipends' | 'target_agreements' | 'contracts' | 'events';

export type ColumnType =
  | 'name'
  | 'birth_date'
  | 'date'
  | 'university'
  | 'okso'
  | 'employer'
  /** an ИНН of any organization on the platform: employer, university or the administration */
  | 'organizer'
  | 'integer'
  | 'text'
  | 'choice';

export interface RegisterColumn {
  key: string;
  header: string;
  type: ColumnType;
  required: boolean;
  width: number;
  /** for the instructions sheet */
  hint: string;
  example: string;
  min?: number;
  max?: number;
  /** a sentence for a number out of range */
  rangeMessage?: string;
  maxLength?: number;
  choices?: { label: string; value: string }[];
}

/** A row after its cells were read and its references resolved. */
export type RegisterRow = Record<string, unknown> & { row: number };

export interface RowProblem {
  column: string | null;
  message: string;
}

export interface RegisterDefinition {
  key: RegisterKey;
  title: string;
  /** the table behind it exists and commit_import writes it */
  available: boolean;
  columns: RegisterColumn[];
  /** a register of people (ФИО, Дата рождения, Вуз): they become register_people */
  people: boolean;
  /** what makes two rows the same record, in words */
  keyWords: string;
  /** the record's own part of the natural key (the person and the organization are added) */
  keyDate: (row: RegisterRow) => string;
  keyNumber?: (row: RegisterRow) => string;
  /**
   * The record's own part of the key for duplicates within the file, when it is not keyNumber
   * (or keyDate without one): contracts add the university, events the date.
   */
  fileKey?: (row: RegisterRow) => string;
  /** checks across columns */
  check?: (row: RegisterRow) => RowProblem[];
  /** the fields commit_import reads besides those of the columns */
  extra?: (row: RegisterRow) => Record<string, unknown>;
}

const PRACTICE_TYPES = [
  { label: 'Учебная', value: 'educational' },
  { label: 'Производственная', value: 'industrial' },
  { label: 'Преддипломная', value: 'pre_diploma' },
];
const CONTRACT_KIND_CHOICES = CONTRACT_KINDS.map((value) => ({ label: CONTRACT_KIND_LABELS[value], value }));
const EVENT_KIND_CHOICES = EVENT_KINDS.map((value) => ({ label: EVENT_KIND_LABELS[value], value }));

/** Today's date in Kemerovo (UTC+7), ISO. */
function kemerovoTodayIso(): string {
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** A title or number as the natural key compares it: case and spaces aside. */
const keyText = (value: unknown) => String(value).replace(/\s+/g, ' ').trim().toLowerCase();

const person = (what: string): RegisterColumn[] => [
  {
    key: 'full_name',
    header: 'ФИО',
    type: 'name',
    required: true,
    width: 34,
    hint: `Фамилия, имя, отчество ${what}`,
    example: 'Иванова Мария Сергеевна',
    maxLength: 200,
  },
  {
    key: 'birth_date',
    header: 'Дата рождения',
    type: 'birth_date',
    required: true,
    width: 15,
    hint: 'Дата: ДД.ММ.ГГГГ',
    example: '14.05.2001',
  },
  {
    key: 'university_id',
    header: 'Вуз',
    type: 'university',
    required: true,
    width: 16,
    hint: 'Краткое название вуза (как на платформе, например КузГТУ) или его ИНН',
    example: 'КузГТУ',
  },
];

const employer = (header: string): RegisterColumn => ({
  key: 'organization_id',
  header,
  type: 'employer',
  required: true,
  width: 18,
  hint: 'ИНН организации (10 или 12 цифр); организация должна быть зарегистрирована на платформе',
  example: '4205000000',
});

const date = (key: string, header: string, hint = 'Дата: ДД.ММ.ГГГГ'): RegisterColumn => ({
  key,
  header,
  type: 'date',
  required: true,
  width: 14,
  hint,
  example: '01.09.2023',
});

const okso = (required: boolean): RegisterColumn => ({
  key: 'programme_code',
  header: 'Код ОКСО',
  type: 'okso',
  required,
  width: 12,
  hint: 'Код направления подготовки по ОКСО, например 18.03.01',
  example: '18.03.01',
});

function endNotBeforeStart(row: RegisterRow): RowProblem[] {
  return typeof row.on_date === 'string' && typeof row.ends_on === 'string' && row.ends_on < row.on_date
    ? [{ column: 'Окончание', message: 'окончание раньше начала' }]
    : [];
}

/** Months from the start's month to the end's month, both counted. */
export function monthsBetween(startIso: string, endIso: string): number {
  const [sy, sm] = startIso.split('-').map(Number);
  const [ey, em] = endIso.split('-').map(Number);
  return (ey - sy) * 12 + (em - sm) + 1;
}

/** «Приказ № 45-к от 01.09.2023», «Трудовой договор 17/2024»: its kind, number and date. */
export function readDocument(text: string, startIso: string) {
  const kind = /договор/i.test(text) ? 'contract' : 'order';
  const m = /(\d{1,2})\.(\d{1,2})\.(\d{4})/.exec(text);
  let documentDate = startIso;
  if (m) {
    const iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
    const latest = new Date(Date.parse(startIso) + 30 * 86_400_000).toISOString().slice(0, 10);
    if (!Number.isNaN(Date.parse(iso)) && iso <= latest) documentDate = iso;
  }
  return { document_kind: kind, document_number: text.trim(), document_date: documentDate };
}

export const REGISTERS: RegisterDefinition[] = [
  {
    key: 'hires',
    title: 'Трудоустройство',
    available: true,
    people: true,
    keyWords: 'тот же человек, работодатель и дата приёма',
    columns: [
      ...person('выпускника'),
      okso(false),
      {
        key: 'graduation_year',
        header: 'Год выпуска',
        type: 'integer',
        required: false,
        width: 12,
        hint: 'Год окончания вуза, например 2023',
        example: '2023',
        min: 1990,
        max: 2100,
        rangeMessage: 'год выпуска — четыре цифры, от 1990',
      },
      employer('ИНН работодателя'),
      {
        key: 'position',
        header: 'Должность',
        type: 'text',
        required: true,
        width: 28,
        hint: 'Должность по приказу о приёме',
        example: 'Инженер-технолог',
        maxLength: 200,
      },
      date('on_date', 'Дата приёма', 'Дата выхода на работу: ДД.ММ.ГГГГ'),
      {
        key: 'document',
        header: 'Документ',
        type: 'text',
        required: true,
        width: 30,
        hint: 'Приказ о приёме или трудовой договор: вид, номер и дата (до 50 знаков)',
        example: 'Приказ № 45-к от 01.09.2023',
        maxLength: 50,
      },
    ],
    keyDate: (row) => String(row.on_date),
    check: (row) =>
      typeof row.position === 'string' && row.position.trim().length < 2
        ? [{ column: 'Должность', message: 'должность — не короче 2 знаков' }]
        : [],
    extra: (row) => readDocument(String(row.document), String(row.on_date)),
  },
  {
    key: 'practices',
    title: 'Практики',
    available: true,
    people: true,
    keyWords: 'тот же студент, работодатель и начало практики',
    columns: [
      ...person('студента'),
      okso(true),
      {
        key: 'year_of_study',
        header: 'Курс',
        type: 'integer',
        required: true,
        width: 8,
        hint: 'Курс: от 1 до 6',
        example: '3',
        min: 1,
        max: 6,
        rangeMessage: 'курс — от 1 до 6',
      },
      {
        key: 'practice_type',
        header: 'Вид практики',
        type: 'choice',
        required: true,
        width: 20,
        hint: 'Из списка: Учебная, Производственная, Преддипломная',
        example: 'Производственная',
        choices: PRACTICE_TYPES,
      },
      employer('ИНН работодателя'),
      date('on_date', 'Начало'),
      date('ends_on', 'Окончание'),
      {
        key: 'order_number',
        header: 'Приказ',
        type: 'text',
        required: false,
        width: 24,
        hint: 'Приказ вуза о направлении на практику (до 100 знаков)',
        example: 'Приказ № 112-с от 20.06.2023',
        maxLength: 100,
      },
    ],
    keyDate: (row) => String(row.on_date),
    check: endNotBeforeStart,
  },
  {
    key: 'stipends',
    title: 'Стипендии',
    available: true,
    people: true,
    keyWords: 'тот же студент, работодатель и начало выплат',
    columns: [
      ...person('студента'),
      employer('ИНН работодателя'),
      {
        key: 'amount_per_month',
        header: 'Сумма в месяц',
        type: 'integer',
        required: true,
        width: 14,
        hint: 'Рублей в месяц, целое число',
        example: '10000',
        min: 1,
        max: 10_000_000,
        rangeMessage: 'сумма — целое число рублей, от 1 до 10 000 000',
      },
      date('on_date', 'Начало'),
      date('ends_on', 'Окончание'),
      {
        key: 'order_number',
        header: 'Приказ',
        type: 'text',
        required: false,
        width: 24,
        hint: 'Приказ работодателя о стипендии (до 50 знаков)',
        example: 'Приказ № 7 от 01.09.2023',
        maxLength: 50,
      },
    ],
    keyDate: (row) => String(row.on_date),
    check: (row) => {
      const problems = endNotBeforeStart(row);
      if (problems.length === 0 && typeof row.on_date === 'string' && typeof row.ends_on === 'string') {
        if (monthsBetween(row.on_date, row.ends_on) > 72) {
          problems.push({ column: 'Окончание', message: 'стипендия назначается не больше чем на 72 месяца' });
        }
      }
      return problems;
    },
    extra: (row) => ({ months: monthsBetween(String(row.on_date), String(row.ends_on)) }),
  },
  {
    key: 'target_agreements',
    title: 'Целевое обучение',
    available: true,
    people: true,
    keyWords: 'тот же студент, заказчик и номер договора',
    columns: [
      ...person('студента'),
      okso(true),
      employer('ИНН заказчика'),
      {
        key: 'number',
        header: 'Номер',
        type: 'text',
        required: true,
        width: 14,
        hint: 'Номер договора о целевом обучении (до 50 знаков)',
        example: 'ЦО-17/2023',
        maxLength: 50,
      },
      date('on_date', 'Дата заключения'),
      {
        key: 'work_years',
        header: 'Лет отработки',
        type: 'integer',
        required: true,
        width: 14,
        hint: 'Сколько лет отработать у заказчика: от 3 до 10',
        example: '3',
        min: 3,
        max: 10,
        rangeMessage: 'лет отработки — от 3 до 10',
      },
    ],
    keyDate: (row) => String(row.on_date),
    keyNumber: (row) => String(row.number).trim(),
  },
  {
    key: 'contracts',
    title: 'Договоры',
    available: true,
    people: false,
    keyWords: 'тот же номер, работодатель и вуз',
    columns: [
      {
        key: 'number',
        header: 'Номер',
        type: 'text',
        required: true,
        width: 14,
        hint: 'Номер договора (до 50 знаков)',
        example: '17/2023',
        maxLength: 50,
      },
      date('signed_on', 'Дата', 'Дата подписания: ДД.ММ.ГГГГ, не позже сегодняшней'),
      employer('ИНН работодателя'),
      {
        key: 'university_id',
        header: 'Вуз',
        type: 'university',
        required: true,
        width: 16,
        hint: 'Краткое название вуза (как на платформе) или его ИНН',
        example: 'КемГУ',
      },
      {
        key: 'kind',
        header: 'Вид',
        type: 'choice',
        required: true,
        width: 28,
        hint: `Из списка: ${CONTRACT_KIND_CHOICES.map((c) => c.label).join(', ')}`,
        example: 'О сотрудничестве',
        choices: CONTRACT_KIND_CHOICES,
      },
      date('on_date', 'Действует с'),
      {
        ...date('ends_on', 'Действует по', 'Дата окончания срока: ДД.ММ.ГГГГ; пусто — бессрочный'),
        required: false,
      },
    ],
    keyDate: (row) => String(row.signed_on),
    keyNumber: (row) => String(row.number).trim(),
    fileKey: (row) => `${String(row.university_id)}|${keyText(row.number)}`,
    check: (row) => {
      const problems: RowProblem[] = [];
      if (typeof row.signed_on === 'string' && row.signed_on > kemerovoTodayIso()) {
        problems.push({ column: 'Дата', message: 'дата подписания позже сегодняшней' });
      }
      if (typeof row.on_date === 'string' && typeof row.ends_on === 'string' && row.ends_on < row.on_date) {
        problems.push({ column: 'Действует по', message: 'окончание срока раньше начала' });
      }
      return problems;
    },
  },
  {
    key: 'events',
    title: 'Мероприятия',
    available: true,
    people: false,
    keyWords: 'то же название, дата и организатор',
    columns: [
      {
        key: 'title',
        header: 'Название',
        type: 'text',
        required: true,
        width: 36,
        hint: 'Название мероприятия (от 3 до 200 знаков)',
        example: 'День работодателя в КузГТУ',
        maxLength: 200,
      },
      {
        key: 'kind',
        header: 'Вид',
        type: 'choice',
        required: true,
        width: 34,
        hint: `Из списка: ${EVENT_KIND_CHOICES.map((c) => c.label).join(', ')}`,
        example: 'День работодателя',
        choices: EVENT_KIND_CHOICES,
      },
      date('on_date', 'Дата', 'Дата проведения: ДД.ММ.ГГГГ, не позже сегодняшней'),
      {
        key: 'organization_id',
        header: 'ИНН организатора',
        type: 'organizer',
        required: true,
        width: 18,
        hint: 'ИНН работодателя или вуза, который провёл мероприятие (10 или 12 цифр); организация должна быть на платформе',
        example: '4205000000',
      },
      {
        key: 'attendees',
        header: 'Участников',
        type: 'integer',
        required: true,
        width: 12,
        hint: 'Сколько человек пришло: от 1 до 10 000',
        example: '120',
        min: 1,
        max: 10_000,
        rangeMessage: 'участников — целое число от 1 до 10 000',
      },
    ],
    keyDate: (row) => String(row.on_date),
    keyNumber: (row) => keyText(row.title),
    fileKey: (row) => `${keyText(row.title)}|${String(row.on_date)}`,
    check: (row) => {
      const problems: RowProblem[] = [];
      if (typeof row.title === 'string' && row.title.trim().length < 3) {
        problems.push({ column: 'Название', message: 'название — не короче 3 знаков' });
      }
      if (typeof row.on_date === 'string' && row.on_date > kemerovoTodayIso()) {
        problems.push({
          column: 'Дата',
          message: 'мероприятие ещё не прошло: в реестр вносят проведённые мероприятия',
        });
      }
      return problems;
    },
  },
];

export function registerDefinition(key: string): RegisterDefinition | undefined {
  return REGISTERS.find((r) => r.key === key);
}

/** A short preview of a cell's text for messages. */
export function shown(cell: Cell): string {
  const text = cellText(cell);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
