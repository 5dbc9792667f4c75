import type { Supabase } from '../supabase.ts';

/** The most a list shows at once; a student rarely has more. */
export const STUDENT_LIST_LIMIT = 200;

/** The person's own applications, the last changed first (RLS: only their own rows). */
export async function loadStudentApplications(supabase: Supabase, personId: string) {
  const { data, error } = await supabase
    .from('applications')
    .select(
      'id, kind, status, created_at, status_changed_at, interview_at, offer_answer_by, rejection_reason, ' +
        'opportunity:opportunities(id, title), ' +
        'organization:organizations!applications_organization_id_fkey(id, name), ' +
        'employment:employments(id, status)',
    )
    .eq('applicant_id', personId)
    .order('status_changed_at', { ascending: false })
    .order('id')
    .limit(STUDENT_LIST_LIMIT);
  if (error) throw new Error(`student applications: ${error.message}`);
  return data as unknown as StudentApplicationRow[];
}

export interface StudentApplicationRow {
  id: string;
  kind: import('../../opportunities.ts').OpportunityKind;
  status: import('../../applications.ts').ApplicationStatus;
  created_at: string;
  status_changed_at: string;
  interview_at: string | null;
  offer_answer_by: string | null;
  rejection_reason: string | null;
  opportunity: { id: string; title: string } | null;
  organization: { id: string; name: string } | null;
  employment: { id: string; status: import('../../applications.ts').EmploymentStatus } | null;
}
