import { HIRE_GOAL_CODE, kemerovoToday } from '../../indicators.ts';
import type { Supabase } from '../supabase.ts';
import { indicatorFactsCache, type FactsCache } from './facts-cache.ts';
import { loadHiresByMonth, loadIndicatorTable } from './load-indicator-table.ts';
import { loadPeriods, pickPeriod, type ProgrammePeriod } from './load-periods.ts';

type Source = 'indicator_values' | 'indicator_results';

/**
 * Every indicator of a period per year and the 30-hire goal's months, from the process's cache of
 * the indicators' numbers (at most FACTS_TTL_MS old). `indicator_values` is the administration's
 * read: only the administration's routes ask for it.
 */
export function loadCachedIndicators(
  supabase: Supabase,
  period: ProgrammePeriod,
  source: Source,
  today: string,
  cache: FactsCache = indicatorFactsCache(),
) {
  return cache.get(`${source}:${period.id}:${period.starts_on}:${period.ends_on}:${today}`, async () => {
    const [indicators, months] = await Promise.all([
      loadIndicatorTable(supabase, period, source, today),
      loadHiresByMonth(supabase, period),
    ]);
    return { indicators, months };
  });
}

/**
 * Everything the indicator pages show for one period: every indicator per year, and the hire goal
 * (the plan of the period's last year for graduates_hired, due on the period's last day) with its
 * months. `source`: the administration's numbers (with the records behind) or the public counts.
 */
export async function loadDashboard(
  supabase: Supabase,
  requestedPeriod: string | null,
  source: Source,
  cache: FactsCache = indicatorFactsCache(),
) {
  const today = kemerovoToday();
  const periods = await loadPeriods(supabase);
  const period = pickPeriod(periods, requestedPeriod, today);
  if (!period) return { periods, period: null, indicators: [], months: [], goal: null, goalYear: null };
  const { indicators, months } = await loadCachedIndicators(supabase, period, source, today, cache);
  const hired = indicators.find((i) => i.code === HIRE_GOAL_CODE);
  const goal = hired?.years.findLast((y) => y.plan !== null)?.plan ?? null;
  // the year whose cumulative number is «now»: this year, kept within the period
  const year = Number(today.slice(0, 4));
  const goalYear = Math.min(
    Number(period.ends_on.slice(0, 4)),
    Math.max(year, Number(period.starts_on.slice(0, 4))),
  );
  return { periods, period, indicators, months, goal, goalYear };
}
