import type { Database } from './database.types.ts';
import type { OpportunityKind } from './opportunities.ts';

/**
 * Applications (отклики) as people read them: the Russian names of the states, the colour of each
 * state's chip (always shown together with its name), what happens next in words, the terms of an
 * offer by kind and the reasons of a refusal. Shared by the student's, the employer's and the
 * university's pages; the database's own labels (app_private.application_status_label) say the
 * same in its error messages.
 */

export type ApplicationStatus = Database['public']['Enums']['application_status'];
export type EmploymentStatus = Database['public']['Enums']['employment_status'];
export type PlacementStatus = Database['public']['Enums']['placement_status'];
export type StipendStatus = Database['public']['Enums']['stipend_status'];
export type TargetAgreementStatus = Database['public']['Enums']['target_agreement_status'];

export const APPLICATION_STATUSES = [
  'submitted',
  'viewed',
  'shortlisted',
  'interview',
  'offer',
  'accepted',
  'declined',
  'hired',
  'rejected',
  'withdrawn',
] as const satisfies readonly ApplicationStatus[];

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  submitted: 'Отправлен',
  viewed: 'Просмотрен',
  shortlisted: 'В списке кандидатов',
  interview: 'Собеседование',
  offer: 'Предложение',
  accepted: 'Предложение принято',
  declined: 'Предложение отклонено',
  hired: 'Принят на работу',
  rejected: 'Отказ',
  withdrawn: 'Отозван',
};

/** Who reads a state: the student (the default words), the employer, or anyone else (a university). */
export type Viewer = 'applicant' | 'employer' | 'other';

/** The employer words three states from its own side. */
const EMPLOYER_WORDING: Partial<Record<ApplicationStatus, string>> = {
  submitted: 'Новый',
  offer: 'Предложение отправлено',
  withdrawn: 'Отозван кандидатом',
};

/** A state's name as its reader says it. */
export function statusLabel(status: ApplicationStatus, viewer: Viewer = 'applicant'): string {
  return (viewer === 'employer' ? EMPLOYER_WORDING[status] : undefined) ?? APPLICATION_STATUS_LABELS[status];
}

/** The chip's colour: a hint only, the label always says it in words. */
export type ChipTone = 'neutral' | 'info' | 'warn' | 'ok' | 'danger';

export const APPLICATION_STATUS_TONES: Record<ApplicationStatus, ChipTone> = {
  submitted: 'neutral',
  viewed: 'info',
  shortlisted: 'info',
  interview: 'warn',
  offer: 'warn',
  accepted: 'ok',
  declined: 'neutral',
  hired: 'ok',
  rejected: 'danger',
  withdrawn: 'neutral',
};

/** States after which nothing more happens to the application itself. */
export const FINAL_STATUSES: readonly ApplicationStatus[] = ['declined', 'hired', 'rejected', 'withdrawn'];

/** A live application blocks a new one to the same posting (the database's unique index says the same). */
export const isLive = (status: ApplicationStatus) => !['rejected', 'withdrawn', 'declined'].includes(status);

/** The student may withdraw before an offer (withdraw_application). */
export const canWithdraw = (status: ApplicationStatus) =>
  ['submitted', 'viewed', 'shortlisted', 'interview'].includes(status);

/** Days without a decision after which the student is told so honestly and may withdraw in one click. */
export const STALE_AFTER_DAYS = 21;

/**
 * Waiting for the employer's decision for STALE_AFTER_DAYS days or longer: a «submitted» or
 * «viewed» application counts from the day it was sent (a look is not a decision), a shortlisted
 * one from the day it was shortlisted.
 */
export function isStale(
  a: { status: ApplicationStatus; created_at: string; status_changed_at: string },
  now = new Date(),
): boolean {
  const since =
    a.status === 'submitted' || a.status === 'viewed'
      ? a.created_at
      : a.status === 'shortlisted'
        ? a.status_changed_at
        : null;
  if (!since) return false;
  return now.getTime() - new Date(since).getTime() >= STALE_AFTER_DAYS * 86_400_000;
}

export const REJECTION_REASONS = [
  'position_filled',
  'not_matching_requirements',
  'not_enough_experience',
  'schedule_mismatch',
  'no_response',
  'other',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export const REJECTION_REASON_LABELS: Record<RejectionReason, string> = {
  position_filled: 'Место уже занято',
  not_matching_requirements: 'Не подходит под требования',
  not_enough_experience: 'Недостаточно опыта',
  schedule_mismatch: 'Не подходит график',
  no_response: 'Кандидат не выходит на связь',
  other: 'Другая причина',
};

export const rejectionReasonLabel = (reason: string | null | undefined) =>
  reason ? (REJECTION_REASON_LABELS[reason as RejectionReason] ?? reason) : null;

// Dates and times as Kemerovo people read them, wherever the page is rendered.
const KEMEROVO = 'Asia/Novokuznetsk';

const asDate = (value: string | Date) =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? new Date(`${value}T12:00:00Z`)
    : new Date(value);

/** 12.12.2026 */
export function formatDay(value: string | Date | null | undefined): string {
  if (!value) return '';
  return asDate(value).toLocaleDateString('ru-RU', {
    timeZone: KEMEROVO,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
}

/** 12.12 в 10:00 */
export function formatShortDateTime(value: string | Date): string {
  const d = asDate(value);
  const day = d.toLocaleDateString('ru-RU', { timeZone: KEMEROVO, day: '2-digit', month: '2-digit' });
  const time = d.toLocaleTimeString('ru-RU', { timeZone: KEMEROVO, hour: '2-digit', minute: '2-digit' });
  return `${day} в ${time}`;
}

/** 12.12.2026 в 10:00 */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = asDate(value);
  return `${formatDay(d)} в ${d.toLocaleTimeString('ru-RU', { timeZone: KEMEROVO, hour: '2-digit', minute: '2-digit' })}`;
}

const rubles = (n: number) => `${n.toLocaleString('ru-RU')} ₽`;

/** The offer's terms by kind (the keys of normalize_offer_terms in the database), with their labels. */
const OFFER_TERMS: Record<OpportunityKind, [key: string, label: string][]> = {
  vacancy: [
    ['position', 'Должность'],
    ['start_date', 'Дата выхода на работу'],
    ['pay', 'Зарплата в месяц'],
  ],
  internship: [
    ['position', 'Должность'],
    ['start_date', 'Начало стажировки'],
    ['pay', 'Оплата в месяц'],
  ],
  practice: [
    ['start_date', 'Начало практики'],
    ['end_date', 'Окончание практики'],
    ['position', 'Должность или участок'],
  ],
  stipend: [
    ['start_date', 'Начало выплат'],
    ['amount_per_month', 'Размер стипендии в месяц'],
    ['months', 'Срок, месяцев'],
  ],
  target_agreement: [
    ['start_date', 'Начало обучения по договору'],
    ['work_years', 'Отработать после выпуска, лет'],
    ['support_measures', 'Меры поддержки'],
  ],
};

export const OFFER_TERM_LABELS: Record<OpportunityKind, Record<string, string>> = Object.fromEntries(
  Object.entries(OFFER_TERMS).map(([kind, terms]) => [kind, Object.fromEntries(terms)]),
) as Record<OpportunityKind, Record<string, string>>;

/** The filled terms of an offer in reading order: [label, value as people read it]. */
export function offerTermRows(kind: OpportunityKind, terms: unknown): [string, string][] {
  if (!terms || typeof terms !== 'object') return [];
  const t = terms as Record<string, unknown>;
  const rows: [string, string][] = [];
  for (const [key, label] of OFFER_TERMS[kind] ?? []) {
    const v = t[key];
    if (v === null || v === undefined || v === '') continue;
    if (key.endsWith('_date')) rows.push([label, formatDay(String(v))]);
    else if (key === 'pay' || key === 'amount_per_month') rows.push([label, rubles(Number(v))]);
    else rows.push([label, String(v)]);
  }
  if (t.answer_by) rows.push(['Ответить до', formatDay(String(t.answer_by))]);
  return rows;
}

export const EMPLOYMENT_STATUS_LABELS: Record<EmploymentStatus, string> = {
  awaiting_confirmation: 'ждёт вашего подтверждения',
  confirmed: 'подтверждён',
  cancelled: 'отменён',
};

/** The same states as the employer or a university read them: the confirmation awaited is the graduate's. */
export function employmentStatusLabel(status: EmploymentStatus, viewer: Viewer = 'applicant'): string {
  return viewer !== 'applicant' && status === 'awaiting_confirmation'
    ? 'ждёт подтверждения выпускника'
    : EMPLOYMENT_STATUS_LABELS[status];
}

export const PLACEMENT_STATUS_LABELS: Record<PlacementStatus, string> = {
  awaiting_university: 'ждёт подтверждения вуза',
  confirmed: 'подтверждена вузом',
  accepted_by_employer: 'принята работодателем',
  in_progress: 'идёт',
  completed: 'завершена',
  closed: 'закрыта',
  cancelled: 'отменена',
};

export const STIPEND_STATUS_LABELS: Record<StipendStatus, string> = {
  awaiting_university: 'ждёт подтверждения вуза',
  active: 'выплачивается',
  finished: 'выплаты завершены',
  cancelled: 'отменена',
};

export const TARGET_AGREEMENT_STATUS_LABELS: Record<TargetAgreementStatus, string> = {
  awaiting_signatures: 'ждёт подписей сторон',
  in_force: 'действует',
  fulfilled: 'исполнен',
  terminated: 'расторгнут',
};

/** The documents a hire is recorded with (employments.document_kind). */
export const DOCUMENT_KINDS = ['order', 'contract'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  order: 'приказ о приёме',
  contract: 'трудовой договор',
};

/** «приказ о приёме № 15-к от 01.12.2026» */
export function employmentDocument(kind: string, number: string, date: string): string {
  return `${DOCUMENT_KIND_LABELS[kind as DocumentKind] ?? kind} № ${number} от ${formatDay(date)}`;
}

/** The same words at the start of a sentence or a label. */
export const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export interface NextStepInput {
  status: ApplicationStatus;
  kind: OpportunityKind;
  created_at: string;
  status_changed_at: string;
  interview_at?: string | null;
  offer_answer_by?: string | null;
  rejection_reason?: string | null;
  /** The employment of a hire, when there is one. */
  employment_status?: EmploymentStatus | null;
}

/** What happens next, from the student's side, in a few plain words. */
export function studentNextStep(a: NextStepInput, now = new Date()): string {
  switch (a.status) {
    case 'submitted':
    case 'viewed':
      return isStale(a, now)
        ? `работодатель не ответил за ${STALE_AFTER_DAYS} день — можно отозвать отклик`
        : a.status === 'submitted'
          ? 'ждём ответа работодателя'
          : 'работодатель посмотрел отклик — ждём решения';
    case 'shortlisted':
      return isStale(a, now)
        ? `решения нет уже ${STALE_AFTER_DAYS} день — можно отозвать отклик`
        : 'вы в списке кандидатов — ждём приглашения или решения';
    case 'interview':
      return a.interview_at ? `собеседование ${formatShortDateTime(a.interview_at)}` : 'собеседование';
    case 'offer': {
      if (!a.offer_answer_by) return 'ответьте на предложение';
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: KEMEROVO }).format(now);
      return a.offer_answer_by < today
        ? `срок ответа на предложение истёк ${formatDay(a.offer_answer_by)}`
        : `ответьте на предложение до ${formatDay(a.offer_answer_by)}`;
    }
    case 'accepted':
      switch (a.kind) {
        case 'practice':
          return 'практика ждёт подтверждения вуза';
        case 'stipend':
          return 'стипендия ждёт подтверждения вуза';
        case 'target_agreement':
          return 'договор о целевом обучении ждёт подписей сторон';
        default:
          return 'ждём, когда работодатель оформит приём';
      }
    case 'hired':
      return a.employment_status === 'awaiting_confirmation'
        ? 'подтвердите, что вы работаете здесь'
        : a.employment_status === 'cancelled'
          ? 'приём на работу отменён'
          : 'приём на работу подтверждён';
    case 'declined':
      return 'вы отклонили предложение';
    case 'rejected': {
      const reason = rejectionReasonLabel(a.rejection_reason);
      return reason ? `работодатель отказал: ${reason.toLowerCase()}` : 'работодатель отказал';
    }
    case 'withdrawn':
      return 'вы отозвали отклик';
  }
}
