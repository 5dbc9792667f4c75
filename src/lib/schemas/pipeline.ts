import { z } from 'zod';
import { dateField, isRealDate, optionalText, UUID, wholeNumber } from './fields.ts';
import {
  APPLICATION_STATUSES,
  DOCUMENT_KINDS,
  REJECTION_REASONS,
  type ApplicationStatus,
  type DocumentKind,
  type RejectionReason,
} from '../applications.ts';
import type { OpportunityKind } from '../opportunities.ts';

const PROGRAMME_CODE = /^\d{2}\.\d{2}\.\d{2}$/;

export { isUuid } from './fields.ts';

const date = (message: string, { required = true } = {}) => dateField(message, { required });
const int = (min: number, max: number, message: string, { required = true } = {}) =>
  wholeNumber(min, max, message, { required });

/**
 * The employer's pipeline: the list's filters (read from the URL, so a filtered list is a link and
 * the XLSX export takes the same query), and the forms of the moves on an application. The
 * database functions check the moves again and name the field in their hint; these schemas only
 * make sure what reaches them is well-formed, with Russian messages.
 */

/** «Ждут ответа»: the states in which the applicant waits for the employer's first answer. */
export const WAITING_STATUSES = ['submitted', 'viewed'] as const satisfies readonly ApplicationStatus[];

export const PIPELINE_SORTS = {
  newest: 'Сначала новые',
  oldest: 'Сначала старые',
  changed: 'По последнему изменению',
  name: 'По имени',
} as const;
export type PipelineSort = keyof typeof PIPELINE_SORTS;

export const PAGE_SIZE = 25;

export interface PipelineFilters {
  /** a state, or «waiting» for submitted + viewed; null for every state */
  state: ApplicationStatus | 'waiting' | null;
  /** only those waiting longer than 3 working days (with state «waiting») */
  overdue: boolean;
  opportunity: string | null;
  university: string | null;
  programme: string | null;
  year: number | null;
  q: string | null;
  sort: PipelineSort;
  page: number;
}

/**
 * The list's query from the URL. Filters are links people share and edit by hand: a value that
 * makes no sense is dropped (with a note for the page), never an error page.
 */
export function parsePipelineQuery(params: URLSearchParams): { filters: PipelineFilters; ignored: string[] } {
  const ignored: string[] = [];
  const get = (key: string) => params.get(key)?.trim() || null;
  const keep = <T>(key: string, ok: (v: string) => T | undefined): T | null => {
    const v = get(key);
    if (v === null) return null;
    const parsed = ok(v);
    if (parsed === undefined) ignored.push(key);
    return parsed ?? null;
  };
  const state = keep('state', (v) =>
    v === 'waiting' || (APPLICATION_STATUSES as readonly string[]).includes(v)
      ? (v as PipelineFilters['state'])
      : undefined,
  );
  const page = keep('page', (v) => (/^\d{1,5}$/.test(v) && Number(v) >= 1 ? Number(v) : undefined)) ?? 1;
  return {
    filters: {
      state,
      overdue: get('overdue') === '1' || get('overdue') === 'on',
      opportunity: keep('opportunity', (v) => (UUID.test(v) ? v.toLowerCase() : undefined)),
      university: keep('university', (v) => (UUID.test(v) ? v.toLowerCase() : undefined)),
      programme: keep('programme', (v) => (PROGRAMME_CODE.test(v) ? v : undefined)),
      year: keep('year', (v) => (/^[1-6]$/.test(v) ? Number(v) : undefined)),
      q: keep('q', (v) => (v.length <= 100 ? v : undefined)),
      sort:
        keep('sort', (v) => (Object.hasOwn(PIPELINE_SORTS, v) ? (v as PipelineSort) : undefined)) ?? 'newest',
      page,
    },
    ignored,
  };
}

/** The same filters as a query string (without the page unless asked), for links and the export. */
export function pipelineQuery(filters: PipelineFilters, { page = false } = {}): string {
  const p = new URLSearchParams();
  if (filters.state) p.set('state', filters.state);
  if (filters.overdue) p.set('overdue', '1');
  if (filters.opportunity) p.set('opportunity', filters.opportunity);
  if (filters.university) p.set('university', filters.university);
  if (filters.programme) p.set('programme', filters.programme);
  if (filters.year) p.set('year', String(filters.year));
  if (filters.q) p.set('q', filters.q);
  if (filters.sort !== 'newest') p.set('sort', filters.sort);
  if (page && filters.page > 1) p.set('page', String(filters.page));
  return p.toString();
}

// Forms ---------------------------------------------------------------------------------------

const note = optionalText(3000, 'Комментарий — не длиннее 3 000 знаков');

/**
 * Kemerovo keeps UTC+7 all year (Asia/Novokuznetsk, no daylight saving since 2016): what the
 * employer types in a datetime-local field is Kemerovo time, whatever the server's zone.
 */
export const KEMEROVO_OFFSET = '+07:00';

/** «2026-12-10T14:30» typed in Kemerovo → an ISO instant; null when it is not a real date and time. */
export function kemerovoLocalToIso(value: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::\d{2})?$/.exec(value.trim());
  if (!m || !isRealDate(m[1]) || Number(m[2]) > 23 || Number(m[3]) > 59) return null;
  const instant = new Date(`${m[1]}T${m[2]}:${m[3]}:00${KEMEROVO_OFFSET}`);
  return Number.isNaN(instant.getTime()) ? null : instant.toISOString();
}

/** An instant → «2026-12-10T14:30» as a Kemerovo datetime-local field shows it. */
export function isoToKemerovoLocal(value: string | Date): string {
  const shifted = new Date(new Date(value).getTime() + 7 * 3600_000);
  return shifted.toISOString().slice(0, 16);
}

export const applicationIdSchema = z.object({
  id: z.string({ error: 'Отклик не найден' }).trim().regex(UUID, 'Отклик не найден'),
});

export const shortlistSchema = z.object({ note });

export const interviewSchema = z
  .object({
    interviewAt: z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        const iso = v ? kemerovoLocalToIso(v) : null;
        if (!iso) {
          ctx.addIssue({ code: 'custom', message: 'Укажите дату и время собеседования' });
          return z.NEVER;
        }
        return iso;
      }),
    interviewPlace: optionalText(300, 'Место — не длиннее 300 знаков'),
    interviewLink: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : null))
      .pipe(
        z
          .string()
          .max(500, 'Ссылка — не длиннее 500 знаков')
          .regex(/^https?:\/\/\S+$/, 'Ссылка должна начинаться с http:// или https://')
          .nullable(),
      ),
    note,
  })
  .superRefine((v, ctx) => {
    if (!v.interviewPlace && !v.interviewLink) {
      ctx.addIssue({
        code: 'custom',
        path: ['interviewPlace'],
        message: 'Укажите место или ссылку на встречу',
      });
    }
  });
export type InterviewInput = z.output<typeof interviewSchema>;

const startDate = date('Укажите дату начала');
const answerBy = date('Укажите, до какого дня ждёте ответа');
const position = (required: boolean) =>
  z
    .string()
    .trim()
    .max(200, 'Должность — не длиннее 200 знаков')
    .optional()
    .transform((v, ctx) => {
      if (!v) {
        if (required) ctx.addIssue({ code: 'custom', message: 'Укажите должность' });
        return null;
      }
      return v;
    });

/** The offer's fields by the posting's kind; `terms` uses the keys of normalize_offer_terms. */
export function offerSchema(kind: OpportunityKind) {
  const base = { answerBy, note };
  switch (kind) {
    case 'vacancy':
    case 'internship':
      return z
        .object({
          ...base,
          position: position(true),
          startDate,
          pay: int(0, 10_000_000, 'Зарплата — целое число рублей от 0 до 10 000 000', { required: false }),
        })
        .transform((v) => ({
          answerBy: v.answerBy!,
          note: v.note,
          terms: { position: v.position, start_date: v.startDate, pay: v.pay },
        }));
    case 'practice':
      return z
        .object({
          ...base,
          startDate,
          endDate: date('Укажите дату окончания практики'),
          position: position(false),
        })
        .transform((v) => ({
          answerBy: v.answerBy!,
          note: v.note,
          terms: { start_date: v.startDate, end_date: v.endDate, position: v.position },
        }));
    case 'stipend':
      return z
        .object({
          ...base,
          amountPerMonth: int(1, 10_000_000, 'Размер стипендии — целое число рублей в месяц'),
          months: int(1, 72, 'Срок стипендии — от 1 до 72 месяцев'),
          startDate,
        })
        .transform((v) => ({
          answerBy: v.answerBy!,
          note: v.note,
          terms: { start_date: v.startDate, amount_per_month: v.amountPerMonth, months: v.months },
        }));
    case 'target_agreement':
      return z
        .object({
          ...base,
          workYears: int(3, 10, 'Срок отработки — от 3 до 10 лет'),
          supportMeasures: optionalText(3000, 'Меры поддержки — не длиннее 3 000 знаков'),
          startDate,
        })
        .transform((v) => ({
          answerBy: v.answerBy!,
          note: v.note,
          terms: { start_date: v.startDate, work_years: v.workYears, support_measures: v.supportMeasures },
        }));
  }
}
export type OfferInput = z.output<ReturnType<typeof offerSchema>>;

export const rejectSchema = z.object({
  reason: z
    .string()
    .trim()
    .optional()
    .refine(
      (v) => !!v && (REJECTION_REASONS as readonly string[]).includes(v),
      'Выберите причину отказа из списка',
    )
    .transform((v) => v as RejectionReason),
  message: optionalText(3000, 'Текст отказа — не длиннее 3 000 знаков'),
});
export type RejectInput = z.output<typeof rejectSchema>;

export const hireSchema = z.object({
  startDate: date('Укажите дату выхода на работу'),
  position: position(true),
  documentKind: z
    .string()
    .trim()
    .optional()
    .refine(
      (v) => !!v && (DOCUMENT_KINDS as readonly string[]).includes(v),
      'Выберите документ: приказ о приёме или трудовой договор',
    )
    .transform((v) => v as DocumentKind),
  documentNumber: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) {
        ctx.addIssue({ code: 'custom', message: 'Укажите номер документа' });
        return z.NEVER;
      }
      if (v.length > 50) {
        ctx.addIssue({ code: 'custom', message: 'Номер документа — не длиннее 50 знаков' });
        return z.NEVER;
      }
      return v;
    }),
  documentDate: date('Укажите дату документа'),
});
export type HireInput = z.output<typeof hireSchema>;

export const reviewSchema = z.object({
  rating: int(1, 5, 'Оценка — от 1 до 5', { required: false }),
  notes: z
    .string()
    .trim()
    .max(5000, 'Заметки — не длиннее 5 000 знаков')
    .optional()
    .transform((v) => v ?? ''),
});
export type ReviewInput = z.output<typeof reviewSchema>;

/** Which ids were ticked for the bulk rejection, with the template's reason and text. */
export const bulkRejectSchema = z.object({
  ids: z
    .array(z.string().trim().regex(UUID, 'Отметьте отклики из списка'))
    .min(1, 'Отметьте хотя бы один отклик')
    .max(500, 'За один раз — не больше 500 откликов'),
  reason: rejectSchema.shape.reason,
  message: rejectSchema.shape.message,
});

/** Database hints (field names of the functions) → the form's fields. */
export const PIPELINE_FIELDS: Record<string, string> = {
  interview_at: 'interviewAt',
  interview_place: 'interviewPlace',
  interview_link: 'interviewLink',
  start_date: 'startDate',
  end_date: 'endDate',
  amount_per_month: 'amountPerMonth',
  work_years: 'workYears',
  answer_by: 'answerBy',
  document_kind: 'documentKind',
  document_number: 'documentNumber',
  document_date: 'documentDate',
  status: 'form',
  id: 'form',
  offer: 'form',
};
