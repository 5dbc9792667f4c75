import {
  percentOfPlan,
  ratioNote,
  yearStatus,
  type HirePoint,
  type IndicatorView,
} from '../../indicators.ts';
import type { Supabase } from '../supabase.ts';
import type { ProgrammePeriod } from './load-periods.ts';

export type { HirePoint, IndicatorView };

interface ValueRow {
  indicator_code: string;
  year: number;
  plan: number | null;
  baseline: number | null;
  fact: number | null;
  details?: unknown;
}

const detail = (details: unknown, key: string): number | null => {
  if (details && typeof details === 'object' && key in details) {
    const value = (details as Record<string, unknown>)[key];
    return typeof value === 'number' ? value : null;
  }
  return null;
};

/**
 * Every indicator of a period with its baseline, and plan, fact, % of plan and status per year.
 * `source` is `indicator_values` (the administration: with the records behind each number) or
 * `indicator_results` (anyone: aggregates only).
 */
export async function loadIndicatorTable(
  supabase: Supabase,
  period: ProgrammePeriod,
  source: 'indicator_values' | 'indicator_results',
  today: string,
): Promise<IndicatorView[]> {
  const [indicators, values] = await Promise.all([
    supabase
      .from('indicators')
      .select('code, name, unit, direction, cumulative, rule, pending_note')
      .order('sort_order'),
    supabase.rpc(source, { p_period_id: period.id }),
  ]);
  if (indicators.error) throw new Error(indicators.error.message);
  if (values.error) throw new Error(values.error.message);
  const rows = values.data as ValueRow[];
  return indicators.data.map((indicator) => {
    const own = rows.filter((r) => r.indicator_code === indicator.code).sort((a, b) => a.year - b.year);
    return {
      ...indicator,
      baseline: own[0]?.baseline ?? null,
      computed: indicator.pending_note === null,
      years: own.map((r) => ({
        year: r.year,
        plan: r.plan,
        fact: r.fact,
        percent: percentOfPlan(indicator.direction, r.plan, r.fact),
        status: yearStatus(indicator.direction, r, period.ends_on, today),
        records: detail(r.details, 'records'),
        added: detail(r.details, 'new'),
        note: ratioNote(r.details),
      })),
    };
  });
}

/** The 30-hire goal month by month (people hired up to each month's end). */
export async function loadHiresByMonth(supabase: Supabase, period: ProgrammePeriod): Promise<HirePoint[]> {
  const { data, error } = await supabase.rpc('graduates_hired_by_month', { p_period_id: period.id });
  if (error) throw new Error(error.message);
  return data as HirePoint[];
}
