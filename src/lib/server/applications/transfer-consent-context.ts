import { transferConsentText, TRANSFER_CONSENT_VERSION } from '../../consents/transfer-to-employer.ts';
import type { Supabase } from '../supabase.ts';

export interface TransferConsent {
  version: string;
  text: string;
  employer: { id: string; name: string; inn: string; address: string | null };
}

/**
 * The consent to transfer personal data to the posting's employer, worded with the employer's full
 * name and ИНН as the platform holds them (never as a form sent them). Null when the caller cannot
 * see the posting or its employer (then there is nobody to consent to).
 */
export async function loadTransferConsent(
  supabase: Supabase,
  opportunityId: string,
  applicantName: string,
): Promise<TransferConsent | null> {
  const { data, error } = await supabase
    .from('opportunities')
    .select('id, title, organizations(id, name, inn, address)')
    .eq('id', opportunityId)
    .maybeSingle();
  if (error) throw new Error(`transfer consent: ${error.message}`);
  const org = data?.organizations;
  if (!data || !org?.inn) return null;
  const employer = { id: org.id, name: org.name, inn: org.inn, address: org.address };
  return {
    version: TRANSFER_CONSENT_VERSION,
    text: transferConsentText({
      applicantName,
      employerName: employer.name,
      employerInn: employer.inn,
      employerAddress: employer.address,
      postingTitle: data.title,
    }),
    employer,
  };
}
