import type { Supabase } from '../supabase.ts';
import { indicatorFactsCache, type FactsCache } from './facts-cache.ts';

export interface IndicatorRecord {
  record_type: string;
  record_id: string;
  on_date: string;
  person_id: string | null;
  person_name: string | null;
  organization_id: string;
  organization_name: string | null;
  university_name: string | null;
  starts_on: string | null;
  ends_on: string | null;
  status: string;
  document: string | null;
  source: string;
}

export interface RecordsFilter {
  q?: string;
  university?: string;
}

/** How many records a drill-down page shows. */
export const RECORDS_PAGE_SIZE = 50;
/** How many records an export reads per request (the most indicator_records_page gives at once). */
const EXPORT_BATCH = 5000;

const filterArgs = (filter: RecordsFilter) => ({
  p_q: filter.q?.trim() || undefined,
  p_university: filter.university?.trim() || undefined,
});

/**
 * One page of the records behind one number of an indicator (indicator_records_page: administrators
 * only; RLS on every table it reads), filtered by a part of a person's or employer's name and by
 * university, in a stable order (date, then record): `limit` records from `offset`.
 */
export async function loadIndicatorRecordsPage(
  supabase: Supabase,
  code: string,
  periodId: string,
  year: number,
  filter: RecordsFilter = {},
  { limit = RECORDS_PAGE_SIZE, offset = 0 }: { limit?: number; offset?: number } = {},
): Promise<IndicatorRecord[]> {
  const { data, error } = await supabase.rpc('indicator_records_page', {
    p_indicator_code: code,
    p_period_id: periodId,
    p_year: year,
    ...filterArgs(filter),
    p_limit: limit,
    p_offset: offset,
  });
  if (error) throw new Error(error.message);
  return data as IndicatorRecord[];
}

export interface RecordsSummary {
  /** every record matching the filters */
  total: number;
  /** the distinct people among them (a record without a person counts as its own) */
  people: number;
}

/**
 * How many records match the filters and how many people they are — over all of them, not a page
 * (indicator_records_summary: administrators only). Kept in the indicators' cache like the
 * dashboard's numbers: at most FACTS_TTL_MS behind the records.
 */
export async function loadIndicatorRecordsSummary(
  supabase: Supabase,
  code: string,
  periodId: string,
  year: number,
  filter: RecordsFilter = {},
  cache: FactsCache = indicatorFactsCache(),
): Promise<RecordsSummary> {
  const args = filterArgs(filter);
  const key = JSON.stringify(['records', code, periodId, year, args.p_q ?? '', args.p_university ?? '']);
  return cache.get(key, async () => {
    const { data, error } = await supabase.rpc('indicator_records_summary', {
      p_indicator_code: code,
      p_period_id: periodId,
      p_year: year,
      ...args,
    });
    if (error) throw new Error(error.message);
    const row = data[0];
    return { total: Number(row?.total ?? 0), people: Number(row?.people ?? 0) };
  });
}

/**
 * Every record behind one number with the filters (the exports, however many there are): read page
 * by page of EXPORT_BATCH records in the drill-down's order.
 */
export async function loadIndicatorRecords(
  supabase: Supabase,
  code: string,
  periodId: string,
  year: number,
  filter: RecordsFilter = {},
): Promise<IndicatorRecord[]> {
  const all: IndicatorRecord[] = [];
  for (let offset = 0; ; offset += EXPORT_BATCH) {
    const batch = await loadIndicatorRecordsPage(supabase, code, periodId, year, filter, {
      limit: EXPORT_BATCH,
      offset,
    });
    all.push(...batch);
    if (batch.length < EXPORT_BATCH) return all;
  }
}
