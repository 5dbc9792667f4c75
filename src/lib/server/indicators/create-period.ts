import type { PeriodInput } from '../../schemas/indicators.ts';
import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { forgetIndicatorFacts } from './facts-cache.ts';

/** A new programme period (RLS: the administration only). */
export async function createPeriod(
  supabase: Supabase,
  input: PeriodInput,
): Promise<{ ok: true; id: string } | { ok: false; status: number; field: string; message: string }> {
  const { data, error } = await supabase
    .from('programme_periods')
    .insert({ name: input.name, starts_on: input.startsOn, ends_on: input.endsOn })
    .select('id')
    .single();
  if (!error) {
    forgetIndicatorFacts();
    return { ok: true, id: data.id };
  }
  if (error.code === '23505') {
    return { ok: false, status: 409, field: 'name', message: 'Период с таким названием уже есть' };
  }
  const e = describeDbError(error);
  return { ok: false, status: e.status, field: e.field === 'form' ? 'name' : e.field, message: e.message };
}
