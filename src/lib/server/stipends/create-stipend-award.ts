import type { StipendAwardInput } from '../../schemas/stipends-target-agreements.ts';
import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { STIPEND_FIELDS } from './fields.ts';

/** The employer awards its stipend to a named student; the student's university confirms it next. */
export async function createStipendAward(
  supabase: Supabase,
  input: StipendAwardInput,
): Promise<{ ok: true; id: string } | { ok: false; field: string; message: string; status: number }> {
  const { data, error } = await supabase.rpc('create_stipend_award', {
    p_student_id: input.studentId ?? undefined,
    p_student_email: input.studentEmail ?? undefined,
    p_amount_per_month: input.amountPerMonth!,
    p_months: input.months!,
    p_starts_on: input.startsOn!,
    p_order_number: input.orderNumber ?? undefined,
  });
  if (error) return { ok: false, ...describeDbError(error, STIPEND_FIELDS) };
  return { ok: true, id: data };
}
