import { error } from '@sveltejs/kit';
import { kemerovoToday } from '../../indicators.ts';
import { recordsFilterSchema } from '../../schemas/indicators.ts';
import type { Supabase } from '../supabase.ts';
import { indicatorFactsCache, type FactsCache } from './facts-cache.ts';
import {
  RECORDS_PAGE_SIZE,
  loadIndicatorRecords,
  loadIndicatorRecordsPage,
  loadIndicatorRecordsSummary,
} from './load-indicator-records.ts';
import { loadPeriods, pickPeriod } from './load-periods.ts';

/**
 * What a drill-down list is about: the indicator, the period and year the query asks for (or the
 * current ones) and the filters (a part of a person's or employer's name, a university, the page).
 */
async function resolveDrillDown(supabase: Supabase, code: string, searchParams: URLSearchParams) {
  const [{ data: indicator, error: dbError }, periods] = await Promise.all([
    supabase
      .from('indicators')
      .select('code, name, unit, rule, pending_note, cumulative')
      .eq('code', code)
      .maybeSingle(),
    loadPeriods(supabase),
  ]);
  if (dbError) throw new Error(dbError.message);
  if (!indicator) error(404, 'Такого показателя нет');
  const today = kemerovoToday();
  const period = pickPeriod(periods, searchParams.get('period'), today);
  if (!period) error(404, 'Периоды программы ещё не заданы');
  const { page, ...filter } = recordsFilterSchema.parse(Object.fromEntries(searchParams));
  const first = Number(period.starts_on.slice(0, 4));
  const last = Number(period.ends_on.slice(0, 4));
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const year =
    filter.year && years.includes(filter.year)
      ? filter.year
      : Math.min(last, Math.max(first, Number(today.slice(0, 4))));
  return { indicator, period, years, year, filter, page: page ?? 1 };
}

/**
 * One drill-down page as the page shows it: the records of one page (RECORDS_PAGE_SIZE, in the order
 * of date, then record) and the summary over ALL matching records (how many, how many people),
 * read by indicator_records_page / indicator_records_summary with the administrator's own JWT. A page
 * past the end shows the last one.
 */
export async function loadDrillDown(
  supabase: Supabase,
  code: string,
  searchParams: URLSearchParams,
  {
    pageSize = RECORDS_PAGE_SIZE,
    cache = indicatorFactsCache(),
  }: { pageSize?: number; cache?: FactsCache } = {},
) {
  const view = await resolveDrillDown(supabase, code, searchParams);
  const { indicator, period, year, filter } = view;
  const read = (page: number) =>
    loadIndicatorRecordsPage(supabase, indicator.code, period.id, year, filter, {
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
  let page = view.page;
  const [firstRead, summary] = await Promise.all([
    read(page),
    loadIndicatorRecordsSummary(supabase, indicator.code, period.id, year, filter, cache),
  ]);
  let records = firstRead;
  const pageCount = Math.max(1, Math.ceil(summary.total / pageSize));
  if (records.length === 0 && page > pageCount) {
    page = pageCount;
    records = await read(page);
  }
  return {
    indicator,
    period,
    years: view.years,
    year,
    filter,
    records,
    summary,
    paging: { page, pageCount, pageSize, from: records.length ? (page - 1) * pageSize + 1 : 0 },
  };
}

/** Every record of a drill-down list with its filters (the XLSX and CSV exports), in page order. */
export async function loadDrillDownRecords(supabase: Supabase, code: string, searchParams: URLSearchParams) {
  const { indicator, period, year, filter } = await resolveDrillDown(supabase, code, searchParams);
  const records = await loadIndicatorRecords(supabase, indicator.code, period.id, year, filter);
  return { indicator, year, records };
}

/** The query string of a drill-down list with its filters (for its export and page links). */
export function drillDownQuery(
  periodId: string,
  year: number,
  filter: { q?: string; university?: string },
  page = 1,
): string {
  const params = new URLSearchParams({ period: periodId, year: String(year) });
  if (filter.q) params.set('q', filter.q);
  if (filter.university) params.set('university', filter.university);
  if (page > 1) params.set('page', String(page));
  return params.toString();
}
