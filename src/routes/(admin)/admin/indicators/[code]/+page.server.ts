import { loadCachedIndicators } from '$lib/server/indicators/load-dashboard';
import { drillDownQuery, loadDrillDown } from '$lib/server/indicators/load-drill-down';
import { loadUniversityFilter } from '$lib/server/indicators/load-university-filter';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const view = await loadDrillDown(locals.supabase, params.code, url.searchParams);
  const { indicator, period, year, filter, paging, today } = view;
  const [universities, table] = await Promise.all([
    loadUniversityFilter(locals.supabase),
    // the fact of the year and its notes: the dashboard's own numbers (the same cache)
    indicator.pending_note === null
      ? loadCachedIndicators(locals.supabase, period, 'indicator_values', today)
      : Promise.resolve(null),
  ]);
  const fact = table?.indicators.find((i) => i.code === indicator.code)?.years.find((y) => y.year === year);
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
    fact: fact ? { fact: fact.fact, note: fact.note, breakdown: fact.breakdown } : null,
    exportQuery: drillDownQuery(period.id, year, filter),
  };
};
