import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { TARGET_FIELDS } from './fields.ts';

/**
 * One party signs: the customer first (with the number and date if the agreement has none), then
 * the student and the university in any order; the third signature puts it in force.
 */
export async function signTargetAgreement(
  supabase: Supabase,
  input: { id: string; agreementNumber?: string | null; agreementDate?: string | null },
): Promise<
  | { ok: true; status: 'awaiting_signatures' | 'in_force' | 'fulfilled' | 'terminated' }
  | { ok: false; field: string; message: string; status: number }
> {
  const { data, error } = await supabase.rpc('sign_target_agreement', {
    p_id: input.id,
    p_agreement_number: input.agreementNumber ?? undefined,
    p_agreement_date: input.agreementDate ?? undefined,
  });
  if (error) return { ok: false, ...describeDbError(error, TARGET_FIELDS) };
  return { ok: true, status: data };
}
