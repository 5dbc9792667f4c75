import type { Supabase } from '../supabase.ts';

export interface ProgrammePeriod {
  id: string;
  name: string;
  starts_on: string;
  ends_on: string;
}

/** Every programme period, the latest first (public: the results page lists them too). */
export async function loadPeriods(supabase: Supabase): Promise<ProgrammePeriod[]> {
  const { data, error } = await supabase
    .from('programme_periods')
    .select('id, name, starts_on, ends_on')
    .order('starts_on', { ascending: false });
  if (error) throw new Error(error.message);
  return data;
}

/**
 * The period a page shows: the one asked for, else the one under way today, else the latest that
 * has begun, else the first one.
 */
export function pickPeriod(
  periods: ProgrammePeriod[],
  requested: string | null,
  today: string,
): ProgrammePeriod | null {
  return (
    periods.find((p) => p.id === requested) ??
    periods.find((p) => p.starts_on <= today && today <= p.ends_on) ??
    periods.find((p) => p.starts_on <= today) ??
    periods[0] ??
    null
  );
}
