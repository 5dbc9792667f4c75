import { error } from '@sveltejs/kit';
import { kemerovoToday } from '../../indicators.ts';
import { recordsFilterSchema } from '../../schemas/indicators.ts';
import type { Supabase } from '../supabase.ts';
import { loadIndicatorRecords } from './load-indicator-records.ts';
import { loadPeriods, pickPeriod } from './load-periods.ts';

/**
 * One drill-down list as the page and its exports read it: the indicator, the period and year the
 * query asks for (or the current ones), the filters (a person's or employer's name, a university)
 * and the records behind the number, read by indicator_records with the administrator's own JWT.
 */
export async function loadDrillDown(supabase: Supabase, code: string, searchParams: URLSearchParams) {
  const { data: indicator, error: dbError } = await supabase
    .from('indicators')
    .select('code, name, unit, rule, pending_note, cumulative')
    .eq('code', code)
    .maybeSingle();
  if (dbError) throw new Error(dbError.message);
  if (!indicator) error(404, 'Такого показателя нет');
  const today = kemerovoToday();
  const periods = await loadPeriods(supabase);
  const period = pickPeriod(periods, searchParams.get('period'), today);
  if (!period) error(404, 'Периоды программы ещё не заданы');
  const filter = recordsFilterSchema.parse(Object.fromEntries(searchParams));
  const first = Number(period.starts_on.slice(0, 4));
  const last = Number(period.ends_on.slice(0, 4));
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const year =
    filter.year && years.includes(filter.year)
      ? filter.year
      : Math.min(last, Math.max(first, Number(today.slice(0, 4))));
  const records = await loadIndicatorRecords(supabase, indicator.code, period.id, year, filter);
  return { indicator, period, years, year, records, filter };
}

/** The query string of a drill-down list with its filters (for its export links). */
export function drillDownQuery(
  periodId: string,
  year: number,
  filter: { q?: string; university?: string },
): string {
  const params = new URLSearchParams({ period: periodId, year: String(year) });
  if (filter.q) params.set('q', filter.q);
  if (filter.university) params.set('university', filter.university);
  return params.toString();
}
