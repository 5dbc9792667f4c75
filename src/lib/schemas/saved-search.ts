import { z } from 'zod';
import { parseSearchParams, searchQueryString } from './search.ts';

export const ALERT_FREQUENCIES = ['daily', 'weekly'] as const;
export type AlertFrequency = (typeof ALERT_FREQUENCIES)[number];
export const FREQUENCY_LABELS: Record<AlertFrequency, string> = {
  daily: 'Раз в день',
  weekly: 'Раз в неделю',
};

const frequency = z.enum(ALERT_FREQUENCIES, { error: 'Выберите, как часто присылать письма' });

/** The URL query of a search, normalised (no page: alerts list what is new). */
export function normaliseSearchQuery(query: string): string {
  return searchQueryString({ ...parseSearchParams(new URLSearchParams(query)), page: 1 });
}

export const saveSearchSchema = z.object({
  name: z
    .string({ error: 'Назовите поиск' })
    .trim()
    .min(1, 'Назовите поиск, например «Стажировки в ИТ»')
    .max(100, 'Не длиннее 100 символов'),
  frequency,
  query: z
    .string()
    .max(2000, 'Слишком длинный запрос')
    .default('')
    .transform((q) => normaliseSearchQuery(q.replace(/^\?/, ''))),
});

export const updateSavedSearchSchema = z.object({
  id: z.uuid({ error: 'Поиск не найден' }),
  frequency,
});

export const deleteSavedSearchSchema = z.object({ id: z.uuid({ error: 'Поиск не найден' }) });
