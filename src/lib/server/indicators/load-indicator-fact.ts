import type { InformedBreakdown } from '../../indicators.ts';
import type { Supabase } from '../supabase.ts';
import { indicatorFactsCache, type FactsCache } from './facts-cache.ts';
import { factNote, informedBreakdown } from './load-indicator-table.ts';

export interface IndicatorFact {
  fact: number | null;
  note: string | null;
  breakdown: InformedBreakdown | null;
}

/**
 * One indicator's fact of one year with its details (indicator_fact: administrators only), kept in
 * the indicators' cache like the dashboard's numbers.
 */
export async function loadIndicatorFact(
  supabase: Supabase,
  code: string,
  periodId: string,
  year: number,
  cache: FactsCache = indicatorFactsCache(),
): Promise<IndicatorFact> {
  return cache.get(JSON.stringify(['fact', code, periodId, year]), async () => {
    const { data, error } = await supabase.rpc('indicator_fact', {
      p_indicator_code: code,
      p_period_id: periodId,
      p_year: year,
    });
    if (error) throw new Error(error.message);
    const row = data[0];
    if (!row) return { fact: 0, note: null, breakdown: null };
    return {
      fact: row.fact,
      note: row.fact === null ? factNote(code, row.details, year) : null,
      breakdown: informedBreakdown(code, row.details),
    };
  });
}
