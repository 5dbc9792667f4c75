import type { ApplyBlock } from '../../components/applications/apply/apply-block.ts';
import type { Supabase } from '../supabase.ts';
import { loadTransferConsent } from './transfer-consent-context.ts';

export type { ApplyBlock };

/**
 * The visitor's live application to this posting, if any; otherwise why they cannot apply, in the
 * database's own words (application_refusal, asked as the visitor: anonymous visitors are told to
 * sign in); otherwise the form with the consent to transfer data to this employer.
 */
export async function loadApplyBlock(
  supabase: Supabase,
  person: { id: string; fullName: string } | null,
  opportunityId: string,
): Promise<ApplyBlock> {
  if (person) {
    const { data, error } = await supabase
      .from('applications')
      .select('id, status, created_at')
      .eq('opportunity_id', opportunityId)
      .eq('applicant_id', person.id)
      .not('status', 'in', '(rejected,withdrawn,declined)')
      .maybeSingle();
    if (error) throw new Error(`live application: ${error.message}`);
    if (data)
      return {
        state: 'applied',
        application: { id: data.id, status: data.status, createdAt: data.created_at },
      };
  }
  const { data: refusal, error } = await supabase.rpc('application_refusal', {
    p_opportunity_id: opportunityId,
  });
  if (error) throw new Error(`application_refusal: ${error.message}`);
  if (refusal) {
    const fix = !person
      ? 'sign-in'
      : /резюме/.test(refusal)
        ? 'resume'
        : /профил/.test(refusal)
          ? 'profile'
          : null;
    return { state: 'refused', message: refusal, fix };
  }
  const consent = person ? await loadTransferConsent(supabase, opportunityId, person.fullName) : null;
  if (!consent) return { state: 'refused', message: 'Публикация не найдена.', fix: null };
  return { state: 'open', consent };
}
