import { z } from 'zod';
import { dateField, optionalText, UUID, wholeNumber } from './fields.ts';
import type { Database } from '../database.types.ts';
import {
  EMPLOYMENT_LABELS,
  EXPERIENCE_LABELS,
  OPPORTUNITY_KINDS,
  PRACTICE_TYPE_LABELS,
  SCHEDULE_LABELS,
  type OpportunityKind,
} from '../opportunities.ts';
import { formLists, formValues, safeValues, type FieldErrors } from './form.ts';

const date = (message: string, { required = false } = {}) => dateField(message, { required });
const int = (min: number, max: number, message: string, { required = false } = {}) =>
  wholeNumber(min, max, message, { required });
const text = optionalText;

/**
 * The posting form of an opportunity: common fields plus the fields of its kind, one schema per
 * kind joined by `kind`. The same schema checks the form in the browser's round trip and on the
 * server; the database's constraints are the last line, not the first.
 */

/**
 * A hidden input of this name names a field whose absence from a submission means «empty»: a
 * checkbox, a group of checkboxes. With it the server tells «cleared» from «not on this form».
 */
export const SHOWN_FIELD = 'shown';

/** Fields that carry several values (checkboxes, repeated inputs): read with FormData.getAll. */
export const LIST_FIELDS = ['programmeCodes', 'universityIds', 'yearsOfStudy'] as const;

export const DESCRIPTION_MAX = 10_000;

/** Today in Kemerovo (UTC+7), as YYYY-MM-DD: «not in the past» means the employer's calendar. */
export function kemerovoToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Novokuznetsk' }).format(now);
}

const choice = <T extends Record<string, string>>(labels: T, message: string, { required = false } = {}) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) {
        if (required) ctx.addIssue({ code: 'custom', message });
        return null;
      }
      if (!Object.hasOwn(labels, v)) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return v as keyof T & string;
    });

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === 'on' || v === 'true');

const PROGRAMME_CODE = /^\d{2}\.0[345]\.\d{2}$/;
/** Several values of one field, blanks dropped, repeats merged. */
const list = <T>(parse: (v: string) => T | undefined, message: string, max: number, maxMessage: string) =>
  z
    .array(z.string())
    .optional()
    .transform((values, ctx) => {
      const out: T[] = [];
      for (const raw of values ?? []) {
        const v = raw.trim();
        if (!v) continue;
        const parsed = parse(v);
        if (parsed === undefined) {
          ctx.addIssue({ code: 'custom', message: `${message}: «${v.slice(0, 40)}»` });
          return z.NEVER;
        }
        if (!out.includes(parsed)) out.push(parsed);
      }
      if (out.length > max) {
        ctx.addIssue({ code: 'custom', message: maxMessage });
        return z.NEVER;
      }
      return out;
    });

const programmeCodes = list(
  (v) => (PROGRAMME_CODE.test(v) ? v : undefined),
  'Направление подготовки — код по ОКСО вида 18.03.01',
  20,
  'Не больше 20 направлений подготовки',
);
const universityIds = list(
  (v) => (UUID.test(v) ? v.toLowerCase() : undefined),
  'Выберите вузы из списка',
  30,
  'Не больше 30 вузов',
);
const yearsOfStudy = list(
  (v) => (/^[1-6]$/.test(v) ? Number(v) : undefined),
  'Курс — число от 1 до 6',
  6,
  'Курсов не больше шести',
);

const common = {
  title: z
    .string({ error: 'Укажите название публикации' })
    .trim()
    .min(5, 'Название — не короче 5 символов')
    .max(200, 'Название — не длиннее 200 символов'),
  description: z
    .string()
    .trim()
    .max(DESCRIPTION_MAX, `Описание — не длиннее ${DESCRIPTION_MAX.toLocaleString('ru-RU')} символов`)
    .optional()
    .transform((v) => v ?? ''),
  industryCode: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(
      z
        .string()
        .regex(/^[A-U]$/, 'Отрасль: выберите раздел ОКВЭД из списка')
        .nullable(),
    ),
  districtCode: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(
      z
        .string()
        .regex(/^[a-z_]{2,40}$/, 'Район: выберите район Кемерова из списка')
        .nullable(),
    ),
  isRemote: checkbox,
  address: text(300, 'Адрес — не длиннее 300 символов'),
  contactName: text(200, 'Контактное лицо — не длиннее 200 символов'),
  contactEmail: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(z.email({ error: 'Электронная почта для связи указана неверно' }).max(254).nullable()),
  contactPhone: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(
      z
        .string()
        .regex(/^\+?[0-9 ()-]{6,20}$/, 'Телефон: цифры, пробелы, скобки и дефис, например +7 (3842) 00-00-00')
        .nullable(),
    ),
  applyBy: date('Приём заявок до: укажите дату в формате ДД.ММ.ГГГГ').refine(
    (v) => v === null || v >= kemerovoToday(),
    'Приём заявок до: дата уже прошла',
  ),
};

const money = (label: string, opts: { required?: boolean } = {}) =>
  int(0, 10_000_000, `${label} — целое число рублей от 0 до 10 000 000`, opts);

/**
 * Who a posting is for: programmes, universities, years of study. Every kind carries them where
 * they make sense, since search filters on them; nothing chosen means «anyone».
 */
const targeting = { programmeCodes, universityIds, yearsOfStudy };
const seats = int(1, 10_000, 'Количество мест — число от 1 до 10 000');

const internship = z.object({
  kind: z.literal('internship'),
  ...common,
  isPaid: checkbox,
  payFrom: money('Оплата от'),
  payTo: money('Оплата до'),
  durationWeeks: int(1, 104, 'Длительность — число недель от 1 до 104'),
  schedule: choice(SCHEDULE_LABELS, 'График: выберите из списка'),
  ...targeting,
  seats,
  startsOn: date('Начало стажировки: укажите дату в формате ДД.ММ.ГГГГ'),
  endsOn: date('Окончание стажировки: укажите дату в формате ДД.ММ.ГГГГ'),
});

const practice = z.object({
  kind: z.literal('practice'),
  ...common,
  practiceType: choice(PRACTICE_TYPE_LABELS, 'Вид практики: выберите из списка', { required: true }),
  ...targeting,
  programmeCodes: programmeCodes.refine(
    (v) => v.length > 0,
    'Направления подготовки: укажите хотя бы одно направление (код ОКСО)',
  ),
  seats: int(1, 10_000, 'Количество мест — число от 1 до 10 000', { required: true }),
  startsOn: date('Начало практики: укажите дату', { required: true }),
  endsOn: date('Окончание практики: укажите дату', { required: true }),
  durationWeeks: int(1, 104, 'Длительность — число недель от 1 до 104'),
  schedule: choice(SCHEDULE_LABELS, 'График: выберите из списка'),
  isPaid: checkbox,
  payFrom: money('Оплата от'),
  payTo: money('Оплата до'),
});

const stipend = z.object({
  kind: z.literal('stipend'),
  ...common,
  payFrom: money('Размер стипендии в месяц', { required: true }),
  startsOn: date('Начало выплат: укажите дату', { required: true }),
  endsOn: date('Окончание выплат: укажите дату', { required: true }),
  stipendCount: int(1, 1000, 'Количество стипендий — число от 1 до 1000', { required: true }),
  selectionCriteria: text(3000, 'Критерии отбора — не длиннее 3000 символов'),
  ...targeting,
});

const targetAgreement = z.object({
  kind: z.literal('target_agreement'),
  ...common,
  programmeCode: z
    .string()
    .trim()
    .optional()
    .transform((v) => v ?? '')
    .pipe(
      z
        .string()
        .min(1, 'Направление подготовки: укажите код ОКСО, например 18.03.01')
        .regex(PROGRAMME_CODE, 'Направление подготовки — код по ОКСО вида 18.03.01'),
    ),
  universityId: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.toLowerCase() : null))
    .pipe(z.string().regex(UUID, 'Вуз: выберите из списка').nullable()),
  workYearsAfter: int(1, 10, 'Срок отработки после выпуска — число лет от 1 до 10', { required: true }),
  supportOffered: text(3000, 'Меры поддержки — не длиннее 3000 символов'),
  yearsOfStudy,
  seats,
  startsOn: date('Начало обучения по договору: укажите дату в формате ДД.ММ.ГГГГ'),
  payFrom: money('Выплата студенту в месяц'),
});

const vacancy = z.object({
  kind: z.literal('vacancy'),
  ...common,
  payFrom: money('Зарплата от'),
  payTo: money('Зарплата до'),
  employmentType: choice(EMPLOYMENT_LABELS, 'Тип занятости: выберите из списка', { required: true }),
  schedule: choice(SCHEDULE_LABELS, 'График: выберите из списка'),
  experience: choice(EXPERIENCE_LABELS, 'Опыт работы: выберите из списка'),
  programmeCodes,
  universityIds,
  seats,
});

/** The labels of the pay range of each kind, for messages that name the field. */
const PAY_LABELS: Partial<Record<OpportunityKind, [string, string]>> = {
  internship: ['Оплата от', 'Оплата до'],
  practice: ['Оплата от', 'Оплата до'],
  vacancy: ['Зарплата от', 'Зарплата до'],
};
/** The «is paid» checkbox of the kinds that have one. */
export const PAID_LABELS: Partial<Record<OpportunityKind, string>> = {
  internship: 'Стажировка оплачивается',
  practice: 'Практика оплачивается',
};
const DATE_LABELS: Partial<Record<OpportunityKind, [string, string]>> = {
  internship: ['начала стажировки', 'окончания'],
  practice: ['начала практики', 'окончания'],
  stipend: ['начала выплат', 'окончания'],
};

export const opportunitySchema = z
  .discriminatedUnion('kind', [internship, practice, stipend, targetAgreement, vacancy], {
    error: 'Выберите вид публикации',
  })
  .superRefine(
    (v, ctx) => {
      // Runs even when other fields failed, so every message shows at once; hence the typeof guards.
      const value = v as Record<string, unknown>;
      const kind = value.kind as OpportunityKind;
      const pay = PAY_LABELS[kind];
      if (pay && typeof value.payFrom === 'number' && typeof value.payTo === 'number') {
        if (value.payFrom > value.payTo) {
          ctx.addIssue({
            code: 'custom',
            path: ['payTo'],
            message: `${pay[1]} не может быть меньше, чем «${pay[0].toLowerCase()}»`,
          });
        }
      }
      const paidLabel = PAID_LABELS[kind];
      if (paidLabel && value.isPaid === true && value.payFrom === null && value.payTo === null) {
        ctx.addIssue({
          code: 'custom',
          path: ['payFrom'],
          message: `Оплата: укажите сумму или снимите отметку «${paidLabel}»`,
        });
      }
      const dates = DATE_LABELS[kind];
      if (dates && typeof value.startsOn === 'string' && typeof value.endsOn === 'string') {
        if (value.startsOn > value.endsOn) {
          ctx.addIssue({
            code: 'custom',
            path: ['endsOn'],
            message: `Дата ${dates[1]} не может быть раньше даты ${dates[0]}`,
          });
        }
      }
      if (value.districtCode === null && value.isRemote === false) {
        ctx.addIssue({
          code: 'custom',
          path: ['districtCode'],
          message: 'Район: укажите район Кемерова или отметьте «Можно удалённо»',
        });
      }
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );

export type OpportunityInput = z.output<typeof opportunitySchema>;

export type OpportunityFormResult =
  /** fields: the form fields the submission carried (saving writes only their columns) */
  | { ok: true; data: OpportunityInput; fields: ReadonlySet<string> }
  | { ok: false; errors: FieldErrors; values: Record<string, string>; lists: Record<string, string[]> };

/** Parses the posting form: single fields as strings, LIST_FIELDS as arrays. */
export function parseOpportunityForm(form: FormData): OpportunityFormResult {
  const values = formValues(form);
  const lists = formLists(form, LIST_FIELDS);
  const result = opportunitySchema.safeParse({ ...values, ...lists });
  if (result.success) return { ok: true, data: result.data, fields: submittedFields(form) };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values: safeValues(values), lists };
}

/** The fields a submitted form carried: every name sent, and those its SHOWN_FIELD inputs name. */
export function submittedFields(form: FormData): ReadonlySet<string> {
  const fields = new Set(form.keys());
  for (const shown of form.getAll(SHOWN_FIELD)) if (typeof shown === 'string') fields.add(shown);
  fields.delete(SHOWN_FIELD);
  return fields;
}

export function isOpportunityKind(value: string | null | undefined): value is OpportunityKind {
  return (OPPORTUNITY_KINDS as string[]).includes(value ?? '');
}

type OpportunityRow = Database['public']['Tables']['opportunities']['Row'];

/** The form's values of a stored posting, for its edit page. */
export function opportunityFormValues(row: OpportunityRow): {
  values: Record<string, string>;
  lists: Record<string, string[]>;
} {
  const s = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  const values: Record<string, string> = {
    kind: row.kind,
    title: row.title,
    description: row.description_markdown,
    industryCode: s(row.industry_code),
    districtCode: s(row.district_code),
    address: s(row.address),
    contactName: s(row.contact_name),
    contactEmail: s(row.contact_email),
    contactPhone: s(row.contact_phone),
    applyBy: s(row.apply_by),
    payFrom: s(row.pay_from),
    payTo: s(row.pay_to),
    durationWeeks: s(row.duration_weeks),
    schedule: s(row.schedule),
    practiceType: s(row.practice_type),
    seats: s(row.seats),
    startsOn: s(row.starts_on),
    endsOn: s(row.ends_on),
    stipendCount: s(row.stipend_count),
    selectionCriteria: s(row.selection_criteria),
    programmeCode: row.programme_codes[0] ?? '',
    universityId: row.university_ids[0] ?? '',
    workYearsAfter: s(row.work_years_after),
    supportOffered: s(row.support_offered),
    employmentType: s(row.employment_type),
    experience: s(row.experience),
  };
  if (row.is_remote) values.isRemote = 'on';
  if (row.is_paid) values.isPaid = 'on';
  return {
    values,
    lists: {
      programmeCodes: row.programme_codes,
      universityIds: row.university_ids,
      yearsOfStudy: row.years_of_study.map(String),
    },
  };
}

const opportunityId = z
  .string({ error: 'Публикация не выбрана' })
  .trim()
  .regex(UUID, 'Публикация не выбрана');

/** Buttons of the list: close, duplicate. */
export const opportunityIdSchema = z.object({ id: opportunityId });

/** Publish or extend: the term in days, 30 unless the employer asks for another (at most 90). */
export const publicationTermSchema = z.object({
  id: opportunityId,
  days: int(1, 90, 'Срок публикации — от 1 до 90 дней').transform((v) => v ?? 30),
});

/** The administration's decision on a posting in moderation; a rejection needs a reason. */
export const moderationDecisionSchema = z
  .object({
    id: opportunityId,
    decision: z.enum(['approve', 'reject'], { error: 'Выберите решение' }),
    note: text(1000, 'Причина — не длиннее 1000 символов'),
  })
  .refine((v) => v.decision === 'approve' || v.note, {
    path: ['note'],
    message: 'Укажите причину отклонения: её получит работодатель',
  });
