import type { ApplyInput } from '../../schemas/application.ts';
import type { RequestMeta } from '../accounts/request-meta.ts';
import type { Supabase } from '../supabase.ts';
import { refusal, type Refusal } from './outcome.ts';
import { loadTransferConsent } from './transfer-consent-context.ts';

/**
 * The student applies to a posting with their cover letter and the consent to transfer their data
 * to its employer (the text built here from the employer's record, stored word for word). A second
 * identical request — a double click, two tabs, a retry — gets the live application that already
 * exists, with `created: false`; the database keeps one row.
 */
export async function applyToOpportunity(
  supabase: Supabase,
  input: ApplyInput & {
    opportunityId: string;
    applicantName: string;
    meta: Pick<RequestMeta, 'ip' | 'userAgent'>;
  },
): Promise<{ ok: true; applicationId: string; created: boolean } | Refusal> {
  const consent = await loadTransferConsent(supabase, input.opportunityId, input.applicantName);
  if (!consent) {
    // the posting is not visible (closed, expired, never there): the database says why in words
    const { data: why } = await supabase.rpc('application_refusal', {
      p_opportunity_id: input.opportunityId,
    });
    const message = why ?? 'Публикация не найдена.';
    return { ok: false, field: 'form', message, status: message === 'Публикация не найдена.' ? 404 : 409 };
  }
  const { data, error } = await supabase
    .rpc('apply_to_opportunity', {
      p_opportunity_id: input.opportunityId,
      p_cover_letter: input.coverLetter,
      p_consent_version: consent.version,
      p_consent_text: consent.text,
      ...(input.meta.ip ? { p_ip: input.meta.ip } : {}),
      ...(input.meta.userAgent ? { p_user_agent: input.meta.userAgent.slice(0, 500) } : {}),
    })
    .single();
  if (error) return refusal(error);
  return { ok: true, applicationId: data.application_id, created: data.created };
}
