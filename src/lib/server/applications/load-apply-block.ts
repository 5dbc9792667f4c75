import type { ApplyBlock } from '../../components/applications/apply/apply-block.ts';
import { kemerovoToday } from '../../schemas/opportunity.ts';
import type { Supabase } from '../supabase.ts';
import { loadTransferConsent } from './transfer-consent-context.ts';

export type { ApplyBlock };

/**
 * What application_refusal() answers an anonymous visitor about a posting already known to be
 * public (published, unexpired, of a verified employer — as loadPublicOpportunity loads it): then
 * only its apply-by date matters (a passed one, in Kemerovo's date, closes it), and the posting
 * page, the most visited one, spares a PostgREST call. tests/integration/public-pages.test.ts
 * holds it to the database's answer.
 */
export function anonymousRefusal(applyBy: string | null, now = new Date()): string {
  if (applyBy && applyBy < kemerovoToday(now)) {
    const [y, m, d] = applyBy.split('-');
    return `Приём откликов закончился ${d}.${m}.${y}.`;
  }
  return 'Войдите как студент или выпускник, чтобы откликнуться.';
}

/**
 * The visitor's live application to this posting, if any; otherwise why they cannot apply, in the
 * database's own words (application_refusal, asked as the visitor: anonymous visitors are told to
 * sign in); otherwise the form with the consent to transfer data to this employer. `publicPosting`:
 * the posting as loadPublicOpportunity found it, so an anonymous visitor's refusal needs no query.
 */
export async function loadApplyBlock(
  supabase: Supabase,
  person: { id: string; fullName: string } | null,
  opportunityId: string,
  publicPosting?: { applyBy: string | null },
): Promise<ApplyBlock> {
  if (!person && publicPosting) {
    return { state: 'refused', message: anonymousRefusal(publicPosting.applyBy), fix: 'sign-in' };
  }
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
  return {
    state: 'open',
    consent: { version: consent.version, text: consent.text, employer: consent.employer },
  };
}
