import { drillDownQuery, loadDrillDown } from '$lib/server/indicators/load-drill-down';
import { loadIndicatorFact } from '$lib/server/indicators/load-indicator-fact';
import { loadIndicatorRecords } from '$lib/server/indicators/load-indicator-records';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const view = await loadDrillDown(locals.supabase, params.code, url.searchParams);
  const { indicator, period, year, records, filter } = view;
  const [all, fact] = await Promise.all([
    // the university filter offers the universities of the unfiltered list
    filter.q || filter.university
      ? loadIndicatorRecords(locals.supabase, indicator.code, period.id, year)
      : Promise.resolve(records),
    indicator.pending_note === null
      ? loadIndicatorFact(locals.supabase, indicator.code, period.id, year)
      : Promise.resolve(null),
  ]);
  const universities = [...new Set(all.map((r) => r.university_name).filter((u): u is string => !!u))].sort();
  const people = new Set(records.map((r) => r.person_id ?? r.record_id)).size;
  return { ...view, people, universities, fact, exportQuery: drillDownQuery(period.id, year, filter) };
};
