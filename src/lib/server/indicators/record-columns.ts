import { RECORD_STATUS_LABELS, RECORD_TYPE_LABELS, SOURCE_LABELS } from '../../indicators.ts';
import type { ExportColumn } from '../xlsx/columns.ts';
import type { IndicatorRecord } from './load-indicator-records.ts';

/** The drill-down list's columns, the same in XLSX and CSV and in the order of the page's table. */
export const RECORD_COLUMNS: ExportColumn<IndicatorRecord>[] = [
  { header: 'Кто', width: 34, value: (r) => r.person_name ?? 'аккаунт удалён' },
  { header: 'Запись', width: 18, value: (r) => RECORD_TYPE_LABELS[r.record_type] ?? r.record_type },
  { header: 'Работодатель', width: 40, value: (r) => r.organization_name },
  { header: 'Вуз', width: 14, value: (r) => r.university_name },
  { header: 'Начало', kind: 'date', width: 12, value: (r) => r.starts_on },
  { header: 'Окончание', kind: 'date', width: 12, value: (r) => r.ends_on },
  { header: 'Учтено на', kind: 'date', width: 12, value: (r) => r.on_date },
  { header: 'Документ', width: 32, value: (r) => r.document },
  { header: 'Статус', width: 20, value: (r) => RECORD_STATUS_LABELS[r.status] ?? r.status },
  { header: 'Источник', width: 16, value: (r) => SOURCE_LABELS[r.source] ?? r.source },
];

/** «Трудоустройство выпускников … 2024.xlsx»: the indicator's name cut to fit a file name. */
export function recordsFileName(name: string, year: number, extension: 'xlsx' | 'csv'): string {
  const short = name
    .replace(/[\\/:*?"<>|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80)
    .trim();
  return `${short}, ${year} — записи.${extension}`;
}
