import { drillDownQuery, loadDrillDown } from '$lib/server/indicators/load-drill-down';
import { loadIndicatorRecords } from '$lib/server/indicators/load-indicator-records';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const view = await loadDrillDown(locals.supabase, params.code, url.searchParams);
  const { indicator, period, year, records, filter } = view;
  // the university filter offers the universities of the unfiltered list
  const all =
    filter.q || filter.university
      ? await loadIndicatorRecords(locals.supabase, indicator.code, period.id, year)
      : records;
  const universities = [...new Set(all.map((r) => r.university_name).filter((u): u is string => !!u))].sort();
  const people = new Set(records.map((r) => r.person_id ?? r.record_id)).size;
  return { ...view, people, universities, exportQuery: drillDownQuery(period.id, year, filter) };
};
