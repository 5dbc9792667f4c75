import { KIND_LABELS, SCHEDULE_LABELS } from '../../opportunities.ts';
import { EXPERIENCE_KIND_LABELS, LANGUAGE_LEVEL_LABELS } from '../../schemas/resume.ts';

const MONTHS = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
];

/** 'YYYY-MM' → «март 2025»; anything else as it is. */
export function formatMonth(value: string | null | undefined): string {
  if (!value) return '';
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  if (!m) return value;
  return `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** «сентябрь 2024 — по настоящее время». */
export function formatPeriod(from: string | null | undefined, to: string | null | undefined): string {
  if (!from) return '';
  return `${formatMonth(from)} — ${to ? formatMonth(to) : 'по настоящее время'}`;
}

const label = <T extends Record<string, string>>(labels: T, value: string | null | undefined) =>
  value && Object.hasOwn(labels, value) ? labels[value as keyof T] : (value ?? '');

export const kindLabel = (v: string) => label(KIND_LABELS, v);
export const scheduleLabel = (v: string) => label(SCHEDULE_LABELS, v);
export const experienceKindLabel = (v: string | null | undefined) => label(EXPERIENCE_KIND_LABELS, v);
export const languageLevelLabel = (v: string | null | undefined) => label(LANGUAGE_LEVEL_LABELS, v);

/** 4.5 → «4,5». */
export function formatGrade(v: number | string | null | undefined): string {
  if (v === null || v === undefined || v === '') return '';
  const n = Number(v);
  return Number.isFinite(n) ? n.toLocaleString('ru-RU', { maximumFractionDigits: 2 }) : String(v);
}

/** 1536 → «1,5 КБ». */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} Б`;
  if (n < 1024 * 1024) return `${(n / 1024).toLocaleString('ru-RU', { maximumFractionDigits: 1 })} КБ`;
  return `${(n / 1024 / 1024).toLocaleString('ru-RU', { maximumFractionDigits: 1 })} МБ`;
}
