import type { Supabase } from '../supabase.ts';

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

/** Postgres LIKE metacharacters and PostgREST's filter syntax stay literal inside a search. */
const likeTerm = (v: string) => v.replace(/[\\%_,()."*]/g, ' ').trim();

/**
 * The records behind one number of an indicator (indicator_records: administrators only; RLS on
 * every table it reads), filtered by a person's or employer's name and by university.
 */
export async function loadIndicatorRecords(
  supabase: Supabase,
  code: string,
  periodId: string,
  year: number,
  filter: RecordsFilter = {},
): Promise<IndicatorRecord[]> {
  let query = supabase.rpc('indicator_records', {
    p_indicator_code: code,
    p_period_id: periodId,
    p_year: year,
  });
  const q = filter.q ? likeTerm(filter.q) : '';
  if (q) query = query.or(`person_name.ilike.*${q}*,organization_name.ilike.*${q}*`);
  if (filter.university) query = query.eq('university_name', filter.university);
  const { data, error } = await query.limit(5000);
  if (error) throw new Error(error.message);
  return data as IndicatorRecord[];
}
