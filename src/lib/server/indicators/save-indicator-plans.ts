import type { PlanInput } from '../../schemas/indicators.ts';
import { planField } from '../../schemas/indicators.ts';
import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { forgetIndicatorFacts } from './facts-cache.ts';

/** Saves every plan of the form in one transaction (save_indicator_plans); RLS lets only the administration. */
export async function saveIndicatorPlans(
  supabase: Supabase,
  periodId: string,
  plans: PlanInput[],
): Promise<{ ok: true } | { ok: false; status: number; field: string; message: string }> {
  const { error } = await supabase.rpc('save_indicator_plans', {
    p_period_id: periodId,
    p_plans: plans.map((p) => ({ code: p.code, year: p.year, value: p.value })),
  });
  if (!error) {
    forgetIndicatorFacts();
    return { ok: true };
  }
  const e = describeDbError(error);
  // the function names the plan as plan:<code>:<year|base>, which is the form's own field name
  const match = /^plan:([a-z0-9_]+):(\d{4}|base)$/.exec(e.field);
  const field = match ? planField(match[1], match[2] === 'base' ? null : Number(match[2])) : 'form';
  return { ok: false, status: e.status, field, message: e.message };
}
