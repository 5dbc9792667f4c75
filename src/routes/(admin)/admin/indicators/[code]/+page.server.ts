import { error } from '@sveltejs/kit';
import { kemerovoToday } from '$lib/indicators';
import { recordsFilterSchema } from '$lib/schemas/indicators';
import { loadIndicatorFact } from '$lib/server/indicators/load-indicator-fact';
import { loadIndicatorRecords } from '$lib/server/indicators/load-indicator-records';
import { loadPeriods, pickPeriod } from '$lib/server/indicators/load-periods';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const { data: indicator, error: dbError } = await locals.supabase
    .from('indicators')
    .select('code, name, unit, rule, pending_note, cumulative')
    .eq('code', params.code)
    .maybeSingle();
  if (dbError) throw new Error(dbError.message);
  if (!indicator) error(404, 'Такого показателя нет');
  const today = kemerovoToday();
  const periods = await loadPeriods(locals.supabase);
  const period = pickPeriod(periods, url.searchParams.get('period'), today);
  if (!period) error(404, 'Периоды программы ещё не заданы');
  const filter = recordsFilterSchema.parse(Object.fromEntries(url.searchParams));
  const first = Number(period.starts_on.slice(0, 4));
  const last = Number(period.ends_on.slice(0, 4));
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const year =
    filter.year && years.includes(filter.year)
      ? filter.year
      : Math.min(last, Math.max(first, Number(today.slice(0, 4))));
  const [records, all, fact] = await Promise.all([
    loadIndicatorRecords(locals.supabase, indicator.code, period.id, year, filter),
    // the university filter offers the universities of the unfiltered list
    filter.q || filter.university
      ? loadIndicatorRecords(locals.supabase, indicator.code, period.id, year)
      : Promise.resolve(null),
    indicator.pending_note === null
      ? loadIndicatorFact(locals.supabase, indicator.code, period.id, year)
      : Promise.resolve(null),
  ]);
  const universities = [
    ...new Set((all ?? records).map((r) => r.university_name).filter((u): u is string => !!u)),
  ].sort();
  const people = new Set(records.map((r) => r.person_id ?? r.record_id)).size;
  return { indicator, period, years, year, records, people, universities, filter, fact };
};
