import type { ApplicationStatus, EmploymentStatus } from '../../applications.ts';
import type { Database } from '../../database.types.ts';
import type { OpportunityKind } from '../../opportunities.ts';
import type { Supabase } from '../supabase.ts';
import { UUID } from '../../schemas/fields.ts';

type Tables = Database['public']['Tables'];
export type ApplicationEventRow = Pick<
  Tables['application_events']['Row'],
  'id' | 'at' | 'actor_side' | 'from_status' | 'to_status' | 'note' | 'details'
>;

/** The outcome record an accepted offer or a hire made, by kind, as the student sees it. */
export type StudentOutcome =
  | {
      type: 'employment';
      id: string;
      status: EmploymentStatus;
      position: string;
      startDate: string;
      documentKind: string;
      documentNumber: string;
      documentDate: string;
      personConfirmedAt: string | null;
    }
  | {
      type: 'practice_placement';
      id: string;
      status: Tables['practice_placements']['Row']['status'];
      startsOn: string;
      endsOn: string;
    }
  | {
      type: 'stipend_award';
      id: string;
      status: Tables['stipend_awards']['Row']['status'];
      amountPerMonth: number;
      months: number;
      startsOn: string;
    }
  | {
      type: 'target_agreement';
      id: string;
      status: Tables['target_agreements']['Row']['status'];
      workYears: number;
      supportMeasures: string | null;
    };

export interface StudentApplication {
  id: string;
  kind: OpportunityKind;
  status: ApplicationStatus;
  created_at: string;
  status_changed_at: string;
  interview_at: string | null;
  interview_place: string | null;
  interview_link: string | null;
  offer_terms: unknown;
  offer_answer_by: string | null;
  rejection_reason: string | null;
  opportunity: { id: string; title: string; status: string; expires_at: string | null } | null;
  organization: { id: string; name: string } | null;
  consent: {
    id: string;
    organization_name: string;
    organization_inn: string;
    text_version: string;
    consent_text: string;
    granted_at: string;
    withdrawn_at: string | null;
  } | null;
  documents: { cover_letter: string; attachment_id: string | null; resume_snapshot: unknown } | null;
}

/**
 * One of the person's own applications with what the page shows: the posting, the frozen cover
 * letter, the consent given with it, the whole timeline and the outcome record. Null when there is
 * no such application of theirs (someone else's id looks exactly like a missing one).
 */
export async function loadStudentApplication(supabase: Supabase, personId: string, id: string) {
  if (!UUID.test(id)) return null;
  const { data, error } = await supabase
    .from('applications')
    .select(
      'id, kind, status, created_at, status_changed_at, interview_at, interview_place, interview_link, ' +
        'offer_terms, offer_answer_by, rejection_reason, ' +
        'opportunity:opportunities(id, title, status, expires_at), ' +
        'organization:organizations!applications_organization_id_fkey(id, name), ' +
        'consent:data_transfer_consents(id, organization_name, organization_inn, text_version, consent_text, granted_at, withdrawn_at), ' +
        'documents:application_documents(cover_letter, attachment_id, resume_snapshot)',
    )
    .eq('id', id)
    .eq('applicant_id', personId)
    .maybeSingle();
  if (error) throw new Error(`student application: ${error.message}`);
  if (!data) return null;
  const application = data as unknown as StudentApplication;

  const [events, outcome] = await Promise.all([
    loadEvents(supabase, id),
    loadOutcome(supabase, id, application.kind),
  ]);
  return { application, events, outcome };
}

async function loadEvents(supabase: Supabase, id: string): Promise<ApplicationEventRow[]> {
  const { data, error } = await supabase
    .from('application_events')
    .select('id, at, actor_side, from_status, to_status, note, details')
    .eq('application_id', id)
    .order('at')
    .order('id');
  if (error) throw new Error(`application events: ${error.message}`);
  return data;
}

async function loadOutcome(
  supabase: Supabase,
  id: string,
  kind: OpportunityKind,
): Promise<StudentOutcome | null> {
  if (kind === 'vacancy' || kind === 'internship') {
    const { data, error } = await supabase
      .from('employments')
      .select(
        'id, status, position, start_date, document_kind, document_number, document_date, person_confirmed_at',
      )
      .eq('application_id', id)
      .maybeSingle();
    if (error) throw new Error(`employment: ${error.message}`);
    return data
      ? {
          type: 'employment',
          id: data.id,
          status: data.status,
          position: data.position,
          startDate: data.start_date,
          documentKind: data.document_kind,
          documentNumber: data.document_number,
          documentDate: data.document_date,
          personConfirmedAt: data.person_confirmed_at,
        }
      : null;
  }
  if (kind === 'practice') {
    const { data, error } = await supabase
      .from('practice_placements')
      .select('id, status, starts_on, ends_on')
      .eq('application_id', id)
      .maybeSingle();
    if (error) throw new Error(`placement: ${error.message}`);
    return data
      ? {
          type: 'practice_placement',
          id: data.id,
          status: data.status,
          startsOn: data.starts_on,
          endsOn: data.ends_on,
        }
      : null;
  }
  if (kind === 'stipend') {
    const { data, error } = await supabase
      .from('stipend_awards')
      .select('id, status, amount_per_month, months, starts_on')
      .eq('application_id', id)
      .maybeSingle();
    if (error) throw new Error(`stipend: ${error.message}`);
    return data
      ? {
          type: 'stipend_award',
          id: data.id,
          status: data.status,
          amountPerMonth: data.amount_per_month,
          months: data.months,
          startsOn: data.starts_on,
        }
      : null;
  }
  const { data, error } = await supabase
    .from('target_agreements')
    .select('id, status, work_years, support_measures')
    .eq('application_id', id)
    .maybeSingle();
  if (error) throw new Error(`target agreement: ${error.message}`);
  return data
    ? {
        type: 'target_agreement',
        id: data.id,
        status: data.status,
        workYears: data.work_years,
        supportMeasures: data.support_measures,
      }
    : null;
}
