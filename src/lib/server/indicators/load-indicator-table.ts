import {
  percentOfPlan,
  ratioNote,
  yearStatus,
  type HirePoint,
  type IndicatorView,
  type InformedBreakdown,
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

const NO_STUDENT_NUMBERS = (year: number) =>
  `Численность студентов вузов на ${year} год не внесена — процент не считается`;

/**
 * Why a computed indicator's year has no fact, said in words. The public results carry no details:
 * there a percentage without its fact can only be missing its student numbers.
 */
export function factNote(code: string, details: unknown, year: number): string | null {
  const reason =
    details && typeof details === 'object' ? (details as Record<string, unknown>).reason : undefined;
  return reason === 'no_student_numbers' || (reason === undefined && code === 'students_informed_pct')
    ? NO_STUDENT_NUMBERS(year)
    : null;
}

/** students_informed_pct's numbers behind the percentage (the administration's details only). */
export function informedBreakdown(code: string, details: unknown): InformedBreakdown | null {
  if (code !== 'students_informed_pct' || detail(details, 'identified') === null) return null;
  return {
    identified: detail(details, 'identified') ?? 0,
    imported: detail(details, 'imported') ?? 0,
    students: detail(details, 'students'),
    withoutNumber: detail(details, 'without_number') ?? 0,
  };
}

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
        note:
          (indicator.pending_note === null && r.fact === null
            ? factNote(indicator.code, r.details, r.year)
            : null) ?? ratioNote(r.details),
        breakdown: informedBreakdown(indicator.code, r.details),
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
