/** Russian names of the states of stipend awards and target agreements, and their badge colours. */

export const STIPEND_STATUS: Record<string, { label: string; badge: string }> = {
  awaiting_university: { label: 'Ждёт подтверждения вуза', badge: 'warn' },
  active: { label: 'Назначена', badge: 'ok' },
  finished: { label: 'Выплаты завершены', badge: '' },
  cancelled: { label: 'Отменена', badge: 'danger' },
};

export const TARGET_STATUS: Record<string, { label: string; badge: string }> = {
  awaiting_signatures: { label: 'Ждёт подписей', badge: 'warn' },
  in_force: { label: 'Действует', badge: 'ok' },
  fulfilled: { label: 'Исполнен', badge: 'ok' },
  terminated: { label: 'Расторгнут', badge: 'danger' },
};

export type Party = 'employer' | 'student' | 'university';

const rub = new Intl.NumberFormat('ru-RU');

export function formatRub(n: number): string {
  return `${rub.format(n)} ₽`;
}

function plural(n: number, one: string, few: string, many: string): string {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 10 || m100 >= 20)) return few;
  return many;
}

export const months = (n: number) => `${n} ${plural(n, 'месяц', 'месяца', 'месяцев')}`;
export const years = (n: number) => `${n} ${plural(n, 'год', 'года', 'лет')}`;

/** The last day an award is paid for (as the database's stipend_ends_on). */
export function stipendEndsOn(startsOn: string, count: number): string {
  const d = new Date(`${startsOn}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + count);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** What the summary of a target agreement shows (TargetAgreementTerms.svelte). */
export interface AgreementTerms {
  student_name: string | null;
  programme_code: string | null;
  work_years: number;
  support_measures: string | null;
  support_stipend_per_month: number | null;
  support_housing: boolean;
  practice_at_customer: boolean;
  employer_signed_at: string | null;
  student_signed_at: string | null;
  university_signed_at: string | null;
  in_force_at: string | null;
  fulfilled_at: string | null;
  cancel_reason: string | null;
  programme: { name: string } | null;
  organization: { name: string; inn?: string | null; address?: string | null } | null;
  university: { name: string; address?: string | null } | null;
}

export interface Agreement extends AgreementTerms {
  id: string;
  status: string;
  agreement_number: string | null;
  agreement_date: string | null;
}
