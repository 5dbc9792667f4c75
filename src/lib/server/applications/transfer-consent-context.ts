import { transferConsentText, TRANSFER_CONSENT_VERSION } from '../../consents/transfer-to-employer.ts';
import { keyedProcessCache } from '../cache.ts';
import { anonClient, type Supabase } from '../supabase.ts';

/** What the consent names besides the person: the posting and its employer, as the platform holds them. */
export interface ConsentSubject {
  postingTitle: string;
  employer: { id: string; name: string; inn: string; address: string | null };
}

export interface TransferConsent {
  version: string;
  text: string;
  employer: ConsentSubject['employer'];
  /** the posting's title as worded in the text (apply_to_opportunity checks it with the employer's) */
  postingTitle: string;
}

/** How long a process words consents from one read of a public posting (apply_to_opportunity checks the words). */
export const CONSENT_SUBJECT_TTL_MS = 30_000;

async function readSubject(supabase: Supabase, opportunityId: string): Promise<ConsentSubject | null> {
  const { data, error } = await supabase
    .from('opportunities')
    .select('id, title, organizations(id, name, inn, address)')
    .eq('id', opportunityId)
    .maybeSingle();
  if (error) throw new Error(`transfer consent: ${error.message}`);
  const org = data?.organizations;
  if (!data || !org?.inn) return null;
  return {
    postingTitle: data.title,
    employer: { id: org.id, name: org.name, inn: org.inn, address: org.address },
  };
}

function consentFor(subject: ConsentSubject, applicantName: string): TransferConsent {
  return {
    version: TRANSFER_CONSENT_VERSION,
    text: transferConsentText({
      applicantName,
      employerName: subject.employer.name,
      employerInn: subject.employer.inn,
      employerAddress: subject.employer.address,
      postingTitle: subject.postingTitle,
    }),
    employer: subject.employer,
    postingTitle: subject.postingTitle,
  };
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
  const subject = await readSubject(supabase, opportunityId);
  return subject ? consentFor(subject, applicantName) : null;
}

// Public postings (what anyone may read), read once per CONSENT_SUBJECT_TTL_MS per process: the apply
// path then needs no read of its own. The wording can only be as old as the database allows —
// apply_to_opportunity compares the four values with the rows and refuses «consent_outdated».
const publicSubjects = keyedProcessCache(CONSENT_SUBJECT_TTL_MS, (id) => readSubject(anonClient(), id), {
  maxKeys: 5000,
});

/** The consent for a public posting from the process's recent read; null when the posting is not public. */
export async function loadRecentTransferConsent(
  opportunityId: string,
  applicantName: string,
): Promise<TransferConsent | null> {
  const subject = await publicSubjects.get(opportunityId);
  return subject ? consentFor(subject, applicantName) : null;
}

/** After the database said the recent read is out of date: the next apply reads again. */
export function forgetRecentTransferConsent(opportunityId: string): void {
  publicSubjects.forget(opportunityId);
}
