import type { ApplicationStatus } from '../../../applications.ts';
import { UNIVERSITY_PAGE_SIZE, type UniversityApplicationFilters } from '../../../schemas/university.ts';
import { loadClassifiers, type Option } from '../../reference.ts';
import type { Supabase } from '../../supabase.ts';

export interface UniversityApplicationRow {
  id: string;
  studentName: string;
  programme: string | null;
  yearOfStudy: number | null;
  postingTitle: string;
  employer: string;
  status: ApplicationStatus;
  createdAt: string;
  statusChangedAt: string;
}

const COLUMNS =
  'id, applicant_name, programme_code, year_of_study, status, created_at, status_changed_at, opportunities(title), employer:organizations!applications_organization_id_fkey(name, short_name)';

interface ListRow {
  id: string;
  applicant_name: string;
  programme_code: string | null;
  year_of_study: number | null;
  status: ApplicationStatus;
  created_at: string;
  status_changed_at: string;
  opportunities: { title: string } | null;
  employer: { name: string; short_name: string | null } | null;
}

/**
 * One page of the university's students' applications to practice postings, newest first. RLS
 * decides what a university may read («my students' practice applications»); the explicit filters
 * only keep the query on the partial index. Only the application rows and the names around them:
 * cover letters and résumés (application_documents) and the employer's notes (application_reviews)
 * are never asked for, and RLS would refuse them anyway.
 */
export async function loadStudentPracticeApplications(
  supabase: Supabase,
  universityId: string,
  filters: UniversityApplicationFilters,
) {
  const from = (filters.page - 1) * UNIVERSITY_PAGE_SIZE;
  // a fresh builder each time: supabase-js builders change in place when ordered or ranged
  const select = (columns: string) => {
    let query = supabase
      .from('applications')
      .select(columns, { count: 'exact' })
      .eq('kind', 'practice')
      .eq('university_id', universityId);
    if (filters.state) query = query.eq('status', filters.state);
    if (filters.programme) query = query.eq('programme_code', filters.programme);
    return query;
  };
  const [page, programmeCodes, { programmes }] = await Promise.all([
    select(COLUMNS)
      .order('created_at', { ascending: false })
      .order('id')
      .range(from, from + UNIVERSITY_PAGE_SIZE - 1)
      .overrideTypes<ListRow[], { merge: false }>(),
    // the filter offers the programmes of the university's students, not all 481
    supabase
      .from('profiles')
      .select('programme_code')
      .eq('university_id', universityId)
      .in('role', ['student', 'graduate'])
      .not('programme_code', 'is', null)
      .limit(5000),
    loadClassifiers(supabase),
  ]);
  // an offset past the end answers 416 (PGRST103): the page is simply empty
  if (page.error && page.error.code !== 'PGRST103')
    throw new Error(`university applications: ${page.error.message}`);
  if (programmeCodes.error) throw new Error(`university programmes: ${programmeCodes.error.message}`);
  const programmeNames = new Map(programmes.map((p) => [p.value, p.label]));
  const rows: UniversityApplicationRow[] = (page.data ?? []).map((r) => ({
    id: r.id,
    studentName: r.applicant_name,
    programme: r.programme_code ? (programmeNames.get(r.programme_code) ?? r.programme_code) : null,
    yearOfStudy: r.year_of_study,
    postingTitle: r.opportunities?.title ?? 'Публикация недоступна',
    employer: r.employer ? (r.employer.short_name ?? r.employer.name) : '—',
    status: r.status,
    createdAt: r.created_at,
    statusChangedAt: r.status_changed_at,
  }));
  const codes = new Set(programmeCodes.data.map((p) => p.programme_code));
  if (filters.programme) codes.add(filters.programme);
  let total = page.count ?? 0;
  if (page.error) {
    // past the last page PostgREST gives no total: count alone, so the page can say how many there are
    const counted = await select('id').limit(0);
    total = counted.count ?? 0;
  }
  return {
    rows,
    total,
    pages: Math.max(1, Math.ceil(total / UNIVERSITY_PAGE_SIZE)),
    programmes: [...codes]
      .filter((c): c is string => !!c)
      .sort()
      .map((c) => ({ value: c, label: programmeNames.get(c) ?? c })) satisfies Option[],
  };
}
