import type { Supabase } from '../supabase.ts';

const COLUMNS =
  'id, status, student_id, student_name, programme_code, work_years, support_measures, support_stipend_per_month, ' +
  'support_housing, practice_at_customer, agreement_number, agreement_date, employer_signed_at, student_signed_at, ' +
  'university_signed_at, in_force_at, fulfilled_at, employment_id, cancel_reason, terminated_at, created_at, application_id, ' +
  'programme:programmes(name), ' +
  'organization:organizations!target_agreements_organization_id_fkey(name, inn, address), ' +
  'university:organizations!target_agreements_university_id_fkey(name, address)';

export interface TargetAgreementRow {
  id: string;
  status: 'awaiting_signatures' | 'in_force' | 'fulfilled' | 'terminated';
  student_id: string | null;
  student_name: string | null;
  programme_code: string | null;
  work_years: number;
  support_measures: string | null;
  support_stipend_per_month: number | null;
  support_housing: boolean;
  practice_at_customer: boolean;
  agreement_number: string | null;
  agreement_date: string | null;
  employer_signed_at: string | null;
  student_signed_at: string | null;
  university_signed_at: string | null;
  in_force_at: string | null;
  fulfilled_at: string | null;
  employment_id: string | null;
  cancel_reason: string | null;
  terminated_at: string | null;
  created_at: string;
  application_id: string | null;
  programme: { name: string } | null;
  organization: { name: string; inn: string | null; address: string | null } | null;
  university: { name: string; address: string | null } | null;
}

/** The agreements the caller may read (RLS: the three parties and the administration), newest first. */
export async function loadTargetAgreements(
  supabase: Supabase,
  filter: { organizationId?: string; universityId?: string; studentId?: string; id?: string },
): Promise<TargetAgreementRow[]> {
  let query = supabase.from('target_agreements').select(COLUMNS);
  if (filter.id) query = query.eq('id', filter.id);
  if (filter.organizationId) query = query.eq('organization_id', filter.organizationId);
  if (filter.universityId) query = query.eq('university_id', filter.universityId);
  if (filter.studentId) query = query.eq('student_id', filter.studentId);
  const { data, error } = await query.order('created_at', { ascending: false }).limit(500);
  if (error) throw new Error(error.message);
  return data as unknown as TargetAgreementRow[];
}
