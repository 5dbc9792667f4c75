import type { Supabase } from '../../supabase.ts';

export interface ResponseStats {
  applications: number;
  answered: number;
  /** share of applications answered, 0…1; null below 5 applications in 90 days */
  responseRate: number | null;
  /** median hours from applying to the first answer; null below 5 applications */
  medianHours: number | null;
}

/** How an employer answers (public.employer_response_stats: the last 90 days, from the events). */
export async function loadResponseStats(
  supabase: Supabase,
  organizationId: string,
): Promise<ResponseStats | null> {
  const { data, error } = await supabase.rpc('employer_response_stats', {
    p_organization_id: organizationId,
  });
  if (error) throw new Error(`response stats: ${error.message}`);
  const row = data[0];
  if (!row) return null;
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    applications: row.applications,
    answered: row.answered,
    responseRate: num(row.response_rate),
    medianHours: num(row.median_hours),
  };
}
