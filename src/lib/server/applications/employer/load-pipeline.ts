import type { ApplicationStatus } from '../../../applications.ts';
import { PAGE_SIZE, type PipelineFilters } from '../../../schemas/pipeline.ts';
import { loadClassifiers, loadUniversities, type Option } from '../../reference.ts';
import type { Supabase } from '../../supabase.ts';
import { LIST_COLUMNS, pipelineSelect } from './pipeline-query.ts';
import { daysSince } from './working-days.ts';

export interface PipelineRow {
  id: string;
  applicantName: string;
  opportunityId: string;
  opportunityTitle: string;
  kind: string;
  university: string | null;
  programme: string | null;
  yearOfStudy: number | null;
  graduationYear: number | null;
  status: ApplicationStatus;
  createdAt: string;
  statusChangedAt: string;
  /** days the applicant has waited for a first answer; null once answered */
  waitingDays: number | null;
}

/**
 * One page (25 rows) of the employer's applications with the filters, and what the filter form
 * offers. Paging is by offset: the sorts people choose (name, last change) do not suit a keyset
 * link, and 20 000 rows of one employer are at most 800 pages. The total is an exact count run
 * by PostgREST in the same statement over the same filters (an index range of one organization);
 * a planner estimate ignores RLS and the filters, and would show pages that do not exist.
 */
export async function loadPipeline(
  supabase: Supabase,
  organizationId: string,
  filters: PipelineFilters,
  now = new Date(),
) {
  const from = (filters.page - 1) * PAGE_SIZE;
  const [page, postings, universities, { programmes }] = await Promise.all([
    pipelineSelect(supabase, organizationId, filters, LIST_COLUMNS, { count: 'exact', now }).range(
      from,
      from + PAGE_SIZE - 1,
    ),
    supabase
      .from('opportunities')
      .select('id, title, kind')
      .eq('organization_id', organizationId)
      .neq('status', 'draft')
      .order('published_at', { ascending: false, nullsFirst: false })
      .limit(1000),
    loadUniversities(supabase),
    loadClassifiers(supabase),
  ]);
  // an offset past the end answers 416 (PGRST103): the page is simply empty
  if (page.error && page.error.code !== 'PGRST103') throw new Error(`pipeline: ${page.error.message}`);
  if (postings.error) throw new Error(`pipeline postings: ${postings.error.message}`);
  const titles = new Map(postings.data.map((p) => [p.id, p.title]));
  const universityNames = new Map(universities.map((u) => [u.value, u.label]));
  const programmeNames = new Map(programmes.map((p) => [p.value, p.label]));
  const missing = (page.data ?? []).filter((r) => !titles.has(r.opportunity_id)).map((r) => r.opportunity_id);
  if (missing.length) {
    const { data } = await supabase
      .from('opportunities')
      .select('id, title')
      .in('id', [...new Set(missing)]);
    for (const p of data ?? []) titles.set(p.id, p.title);
  }
  const rows: PipelineRow[] = (page.data ?? []).map((r) => ({
    id: r.id,
    applicantName: r.applicant_name,
    opportunityId: r.opportunity_id,
    opportunityTitle: titles.get(r.opportunity_id) ?? 'Публикация',
    kind: r.kind,
    university: r.university_id ? (universityNames.get(r.university_id) ?? null) : null,
    programme: r.programme_code ? (programmeNames.get(r.programme_code) ?? r.programme_code) : null,
    yearOfStudy: r.year_of_study,
    graduationYear: r.graduation_year,
    status: r.status,
    createdAt: r.created_at,
    statusChangedAt: r.status_changed_at,
    waitingDays: r.status === 'submitted' || r.status === 'viewed' ? daysSince(r.created_at, now) : null,
  }));
  let total = page.count ?? 0;
  if (page.error) {
    // past the last page PostgREST gives no total: count alone, so the page can say how many there are
    const counted = await pipelineSelect(supabase, organizationId, filters, 'id', {
      count: 'exact',
      now,
    }).limit(0);
    if (counted.error) throw new Error(`pipeline count: ${counted.error.message}`);
    total = counted.count ?? 0;
  }
  return {
    rows,
    total,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    options: {
      postings: postings.data.map((p) => ({ value: p.id, label: p.title })) satisfies Option[],
      universities,
      programmes,
    },
  };
}
