import type { Supabase } from '../supabase.ts';

const COLUMNS =
  'id, status, student_id, student_name, amount_per_month, months, starts_on, order_number, cancel_reason, ' +
  'created_at, confirmed_at, application_id, ' +
  'organization:organizations!stipend_awards_organization_id_fkey(name), ' +
  'university:organizations!stipend_awards_university_id_fkey(name)';

export interface StipendAwardRow {
  id: string;
  status: 'awaiting_university' | 'active' | 'finished' | 'cancelled';
  student_id: string | null;
  student_name: string | null;
  amount_per_month: number;
  months: number;
  starts_on: string;
  order_number: string | null;
  cancel_reason: string | null;
  created_at: string;
  confirmed_at: string | null;
  application_id: string | null;
  organization: { name: string } | null;
  university: { name: string } | null;
}

/** The awards the caller may read (RLS: the student, the employer, the university, the administration), newest first. */
export async function loadStipendAwards(
  supabase: Supabase,
  filter: { organizationId?: string; universityId?: string; studentId?: string },
): Promise<StipendAwardRow[]> {
  let query = supabase.from('stipend_awards').select(COLUMNS);
  if (filter.organizationId) query = query.eq('organization_id', filter.organizationId);
  if (filter.universityId) query = query.eq('university_id', filter.universityId);
  if (filter.studentId) query = query.eq('student_id', filter.studentId);
  const { data, error } = await query.order('created_at', { ascending: false }).limit(500);
  if (error) throw new Error(error.message);
  return data as unknown as StipendAwardRow[];
}

/** Students who applied to the employer's postings: whom it may pick without typing an address. */
export async function loadApplicants(
  supabase: Supabase,
  organizationId: string,
): Promise<{ value: string; label: string }[]> {
  const { data, error } = await supabase
    .from('applications')
    .select(
      'applicant_id, applicant_name, year_of_study, university:organizations!applications_university_id_fkey(short_name, name)',
    )
    .eq('organization_id', organizationId)
    .order('applicant_name')
    .limit(1000);
  if (error) throw new Error(error.message);
  const seen = new Map<string, string>();
  for (const a of data) {
    if (seen.has(a.applicant_id)) continue;
    const uni = a.university?.short_name ?? a.university?.name;
    seen.set(
      a.applicant_id,
      [a.applicant_name, uni, a.year_of_study ? `${a.year_of_study} курс` : null].filter(Boolean).join(', '),
    );
  }
  return [...seen].map(([value, label]) => ({ value, label }));
}
