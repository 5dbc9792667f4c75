import type { TargetAgreementInput } from '../../schemas/stipends-target-agreements.ts';
import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { TARGET_FIELDS } from './fields.ts';

/** The customer (employer) drafts a target-training agreement with a named student and their university. */
export async function createTargetAgreement(
  supabase: Supabase,
  input: TargetAgreementInput,
): Promise<{ ok: true; id: string } | { ok: false; field: string; message: string; status: number }> {
  const { data, error } = await supabase.rpc('create_target_agreement', {
    p_student_id: input.studentId ?? undefined,
    p_student_email: input.studentEmail ?? undefined,
    p_programme_code: input.programmeCode ?? undefined,
    p_work_years: input.workYears!,
    p_support_stipend_per_month: input.supportStipendPerMonth ?? undefined,
    p_support_housing: input.supportHousing,
    p_support_other: input.supportOther ?? undefined,
    p_practice_at_customer: input.practiceAtCustomer,
    p_agreement_number: input.agreementNumber ?? undefined,
    p_agreement_date: input.agreementDate ?? undefined,
  });
  if (error) return { ok: false, ...describeDbError(error, TARGET_FIELDS) };
  return { ok: true, id: data };
}
