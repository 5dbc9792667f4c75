import { drillDownQuery, loadDrillDown } from '$lib/server/indicators/load-drill-down';
import { loadIndicatorFact } from '$lib/server/indicators/load-indicator-fact';
import { loadUniversityFilter } from '$lib/server/indicators/load-university-filter';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const [view, universities] = await Promise.all([
    loadDrillDown(locals.supabase, params.code, url.searchParams),
    loadUniversityFilter(locals.supabase),
  ]);
  const { indicator, period, year, filter, paging } = view;
  // the percentage of students informed is shown with its parts (and why it has none); the other
  // indicators' numbers are the summary's own
  const fact =
    indicator.code === 'students_informed_pct' && indicator.pending_note === null
      ? await loadIndicatorFact(locals.supabase, indicator.code, period.id, year)
      : null;
  const pageLink = (page: number) => `?${drillDownQuery(period.id, year, filter, page)}`;
  return {
    indicator,
    period,
    years: view.years,
    year,
    filter,
    records: view.records,
    summary: view.summary,
    paging: {
      ...paging,
      previous: paging.page > 1 ? pageLink(paging.page - 1) : null,
      next: paging.page < paging.pageCount ? pageLink(paging.page + 1) : null,
      first: paging.page > 2 ? pageLink(1) : null,
      last: paging.page < paging.pageCount - 1 ? pageLink(paging.pageCount) : null,
    },
    universities,
    fact,
    exportQuery: drillDownQuery(period.id, year, filter),
  };
};
