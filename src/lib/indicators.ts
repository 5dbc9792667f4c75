/**
 * The project's indicators as pages show them: the status of a year against its plan (always in
 * words, the colour only echoes them), % of plan, and the labels of directions and records.
 */

export type IndicatorDirection = 'growth' | 'reduction';

export interface Indicator {
  code: string;
  name: string;
  unit: string;
  direction: IndicatorDirection;
  cumulative: boolean;
  rule: string;
  pending_note: string | null;
}

export interface IndicatorYear {
  year: number;
  plan: number | null;
  fact: number | null;
}

export interface IndicatorYearView {
  year: number;
  plan: number | null;
  fact: number | null;
  percent: number | null;
  status: IndicatorStatus;
  /** records behind the number (administration only; null on the public page) */
  records: number | null;
  /** cumulative indicators: people added in this year */
  added: number | null;
  /** why a computed indicator has no fact this year (no student numbers, no vacancy snapshot), or what
   * a ratio is made of (vacancy_reduction_pct: hires ÷ vacancies of a snapshot), in Russian */
  note: string | null;
  /** students_informed_pct: people identified on the platform and imported head-counts, apart */
  breakdown: InformedBreakdown | null;
}

export interface InformedBreakdown {
  identified: number;
  imported: number;
  /** the universities' student numbers for the year (null: none entered) */
  students: number | null;
  /** reached students of universities without a number for the year (not counted) */
  withoutNumber: number;
}

export interface IndicatorView extends Indicator {
  baseline: number | null;
  computed: boolean;
  years: IndicatorYearView[];
}

export interface HirePoint {
  month: string;
  hired: number | null;
}

export type IndicatorStatus = 'met' | 'in_progress' | 'not_met' | 'no_plan' | 'no_data';

export const STATUS_LABELS: Record<IndicatorStatus, string> = {
  met: 'план выполнен',
  in_progress: 'год идёт',
  not_met: 'план не выполнен',
  no_plan: 'план не задан',
  no_data: 'нет данных',
};

export const STATUS_TONES: Record<IndicatorStatus, 'ok' | 'warn' | 'danger' | 'muted'> = {
  met: 'ok',
  in_progress: 'warn',
  not_met: 'danger',
  no_plan: 'muted',
  no_data: 'muted',
};

/** The passport's own column: рост / снижение. */
export const PASSPORT_DIRECTION_LABELS: Record<IndicatorDirection, string> = {
  growth: 'рост',
  reduction: 'снижение',
};

export const DIRECTION_LABELS: Record<IndicatorDirection, string> = {
  growth: 'рост: чем больше, тем лучше',
  reduction: 'снижение: не больше плана',
};

/** Whether the fact meets the plan in the direction wanted. */
export function meetsPlan(direction: IndicatorDirection, plan: number, fact: number): boolean {
  return direction === 'growth' ? fact >= plan : fact <= plan;
}

/**
 * A year's status. `periodEnd` is the last day of the programme (ISO date), `today` the current date
 * in Kemerovo. Growth: a year still under way is «год идёт» until its plan is met (the number only
 * grows). Reduction: a fact within the plan can still rise before the year ends, so a year under
 * way is «год идёт» either way, and met or not only once it is over.
 */
export function yearStatus(
  direction: IndicatorDirection,
  row: IndicatorYear,
  periodEnd: string,
  today: string,
): IndicatorStatus {
  if (row.fact === null) return 'no_data';
  if (row.plan === null) return 'no_plan';
  const yearEnd = `${row.year}-12-31` < periodEnd ? `${row.year}-12-31` : periodEnd;
  const underWay = today <= yearEnd;
  if (meetsPlan(direction, row.plan, row.fact)) {
    return direction === 'reduction' && underWay ? 'in_progress' : 'met';
  }
  return underWay ? 'in_progress' : 'not_met';
}

/**
 * % of plan, one decimal, as the methodology of municipal programmes counts it: fact ÷ plan for
 * growth, plan ÷ fact for reduction (a fact half the plan is 200 %, twice the plan 50 %). Null
 * without a plan or a fact, with a zero plan, and for reduction with a zero fact (nothing to divide
 * by: the status says the plan is met).
 */
export function percentOfPlan(
  direction: IndicatorDirection,
  plan: number | null,
  fact: number | null,
): number | null {
  if (plan === null || fact === null || plan === 0) return null;
  if (direction === 'reduction') {
    return fact === 0 ? null : Math.round((plan / fact) * 1000) / 10;
  }
  return Math.round((fact / plan) * 1000) / 10;
}

const numberFormat = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 });

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : numberFormat.format(value);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
}

/**
 * The two numbers behind a ratio, from a fact's details: vacancy_reduction_pct gives the hires and
 * the vacancies of the snapshot it divides by, or says there is no snapshot.
 */
export function ratioNote(details: unknown): string | null {
  if (!details || typeof details !== 'object') return null;
  const d = details as Record<string, unknown>;
  if (d.no_snapshot === true) {
    return 'нет снимка банка вакансий за полгода до или после 1 января: процент не считается';
  }
  if (d.vacancies === 0 && typeof d.snapshot_on === 'string') {
    return `в снимке банка вакансий на ${formatDate(d.snapshot_on)} нет вакансий: процент не считается`;
  }
  if (typeof d.vacancies === 'number' && typeof d.hires === 'number' && typeof d.snapshot_on === 'string') {
    return `${formatNumber(d.hires)} чел. ÷ ${formatNumber(d.vacancies)} вакансий (снимок банка вакансий на ${formatDate(d.snapshot_on)}) × 100`;
  }
  return null;
}

/** Today in Kemerovo (UTC+7), as an ISO date. */
export function kemerovoToday(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

export const RECORD_TYPE_LABELS: Record<string, string> = {
  employment: 'Приём на работу',
  practice_placement: 'Практика',
  stipend_award: 'Стипендия',
  target_agreement: 'Целевое обучение',
  partnership_contract: 'Договор вуза и работодателя',
  event: 'Встреча со школьниками',
  sign_in: 'Вход на платформу',
  event_attendance: 'Посещение мероприятия',
};

/** Records that stand for no person (a contract, an event): counted one by one. */
export const PERSONLESS_RECORD_TYPES = new Set(['partnership_contract', 'event']);

export const RECORD_STATUS_LABELS: Record<string, string> = {
  confirmed: 'подтверждено',
  accepted_by_employer: 'принята работодателем',
  in_progress: 'идёт',
  completed: 'завершена',
  closed: 'закрыта',
  active: 'выплачивается',
  finished: 'выплачена',
  in_force: 'действует',
  fulfilled: 'исполнен',
  terminated: 'расторгнут',
  expired: 'срок истёк',
  held: 'проведено',
  signed_in: 'входил',
  attended: 'пришёл',
};

export const SOURCE_LABELS: Record<string, string> = {
  platform: 'платформа',
  import: 'импорт реестра',
};

/** The project's goal indicator: graduates hired at Kemerovo enterprises (30 by 31.08.2025 in the passport). */
export const HIRE_GOAL_CODE = 'graduates_hired';
