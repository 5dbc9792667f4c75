import type { Supabase } from '../supabase.ts';
import type { ProgrammePeriod } from './load-periods.ts';

export interface PlanHistoryEntry {
  indicator_code: string;
  year: number | null;
  old_value: number | null;
  new_value: number | null;
  changed_at: string;
  changed_by_name: string | null;
}

/** The plans of a period (by `code:year|base`), its years, the indicators and the latest changes. */
export async function loadPlans(supabase: Supabase, period: ProgrammePeriod) {
  const [indicators, plans, history] = await Promise.all([
    supabase.from('indicators').select('code, name, unit, direction').order('sort_order'),
    supabase.from('indicator_plans').select('indicator_code, year, value').eq('period_id', period.id),
    supabase
      .from('indicator_plan_history')
      .select('indicator_code, year, old_value, new_value, changed_at, profiles(full_name)')
      .eq('period_id', period.id)
      .order('changed_at', { ascending: false })
      .limit(50),
  ]);
  for (const r of [indicators, plans, history]) if (r.error) throw new Error(r.error.message);
  const first = Number(period.starts_on.slice(0, 4));
  const last = Number(period.ends_on.slice(0, 4));
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const values: Record<string, number> = {};
  for (const p of plans.data ?? []) values[`${p.indicator_code}:${p.year ?? 'base'}`] = p.value;
  return {
    indicators: indicators.data ?? [],
    years,
    plans: values,
    history: (history.data ?? []).map((h): PlanHistoryEntry => ({
      indicator_code: h.indicator_code,
      year: h.year,
      old_value: h.old_value,
      new_value: h.new_value,
      changed_at: h.changed_at,
      changed_by_name: h.profiles?.full_name ?? null,
    })),
  };
}
