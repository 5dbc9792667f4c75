import type { ApplyInput } from '../../schemas/application.ts';
import type { RequestMeta } from '../accounts/request-meta.ts';
import type { Supabase } from '../supabase.ts';
import { forgetPipelineFacets } from './employer/load-pipeline.ts';
import { refusal, type Refusal } from './outcome.ts';
import {
  forgetRecentTransferConsent,
  loadRecentTransferConsent,
  loadTransferConsent,
  type TransferConsent,
} from './transfer-consent-context.ts';

type ApplyArgs = ApplyInput & {
  opportunityId: string;
  applicantName: string;
  meta: Pick<RequestMeta, 'ip' | 'userAgent'>;
};

function applyRpc(supabase: Supabase, input: ApplyArgs, consent: TransferConsent) {
  return supabase
    .rpc('apply_to_opportunity', {
      p_opportunity_id: input.opportunityId,
      p_cover_letter: input.coverLetter,
      p_consent_version: consent.version,
      p_consent_text: consent.text,
      ...(input.meta.ip ? { p_ip: input.meta.ip } : {}),
      ...(input.meta.userAgent ? { p_user_agent: input.meta.userAgent.slice(0, 500) } : {}),
      // what the text was worded from: the function refuses «consent_outdated» if the rows differ now
      p_posting_title: consent.postingTitle,
      p_employer_name: consent.employer.name,
      p_employer_inn: consent.employer.inn,
      ...(consent.employer.address !== null ? { p_employer_address: consent.employer.address } : {}),
    })
    .single();
}

/**
 * The student applies to a posting with their cover letter and the consent to transfer their data
 * to its employer (the text built here from the employer's record, stored word for word). A second
 * identical request — a double click, two tabs, a retry — gets the live application that already
 * exists, with `created: false`; the database keeps one row.
 *
 * One database call in the usual case: a public posting's title and employer come from the process's
 * read of the last 30 seconds (transfer-consent-context.ts) and apply_to_opportunity checks them
 * against the rows. When it refuses — the wording is out of date («consent_outdated»), or the posting
 * no longer takes applications — the answer is decided on a fresh read, as without the recent one.
 */
export async function applyToOpportunity(
  supabase: Supabase,
  input: ApplyArgs,
): Promise<{ ok: true; applicationId: string; created: boolean } | Refusal> {
  const recent = await loadRecentTransferConsent(input.opportunityId, input.applicantName);
  if (recent) {
    const { data, error } = await applyRpc(supabase, input, recent);
    if (!error) return applied(recent, data);
    if (error.hint !== 'consent_outdated' && error.hint !== 'opportunity') return refusal(error);
    forgetRecentTransferConsent(input.opportunityId);
  }
  const consent = await loadTransferConsent(supabase, input.opportunityId, input.applicantName);
  if (!consent) {
    // the posting is not visible (closed, expired, never there): the database says why in words
    const { data: why } = await supabase.rpc('application_refusal', {
      p_opportunity_id: input.opportunityId,
    });
    const message = why ?? 'Публикация не найдена.';
    return { ok: false, field: 'form', message, status: message === 'Публикация не найдена.' ? 404 : 409 };
  }
  const { data, error } = await applyRpc(supabase, input, consent);
  if (error) return refusal(error);
  return applied(consent, data);
}

function applied(consent: TransferConsent, data: { application_id: string; created: boolean }) {
  // the employer's pipeline filters offer this applicant's university and programme at once
  if (data.created) forgetPipelineFacets(consent.employer.id);
  return { ok: true as const, applicationId: data.application_id, created: data.created };
}
