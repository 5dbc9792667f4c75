import type { ApplicationStatus } from '../../../applications.ts';
import { PAGE_SIZE, type PipelineFilters } from '../../../schemas/pipeline.ts';
import { loadClassifiers, loadUniversities, type Option } from '../../reference.ts';
import type { Supabase } from '../../supabase.ts';
import { pipelineArgs } from './pipeline-query.ts';
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

interface PipelineAnswer {
  /** whether the caller is a member of the organization (otherwise everything is empty) */
  member: boolean;
  total: number;
  rows: Array<{
    id: string;
    opportunity_id: string;
    opportunity_title: string | null;
    kind: string;
    applicant_name: string;
    university_id: string | null;
    programme_code: string | null;
    year_of_study: number | null;
    graduation_year: number | null;
    status: ApplicationStatus;
    created_at: string;
    status_changed_at: string;
  }>;
  postings: Array<{ id: string; title: string; kind: string }>;
}

/** How long a process offers one organization's universities and programmes from one read. */
export const PIPELINE_FACETS_TTL_MS = 60_000;

interface Facets {
  universityIds: Set<string>;
  programmeCodes: Set<string>;
}

// Per organization, only answers given to a member (employer_pipeline_facets() says whether the
// caller is one); a kept answer is shown only to callers employer_pipeline() has just recognised as
// members. At most 2 000 organizations are kept (the oldest read is dropped first).
const keptFacets = new Map<string, { at: number; facets: Facets }>();

async function loadFacets(supabase: Supabase, organizationId: string): Promise<Facets> {
  const kept = keptFacets.get(organizationId);
  if (kept && Date.now() - kept.at < PIPELINE_FACETS_TTL_MS) return kept.facets;
  const at = Date.now();
  const { data, error } = await supabase
    .rpc('employer_pipeline_facets', { p_organization_id: organizationId })
    .single();
  if (error) throw new Error(`pipeline facets: ${error.message}`);
  const facets = {
    universityIds: new Set(data.university_ids),
    programmeCodes: new Set(data.programme_codes),
  };
  if (data.member) {
    keptFacets.delete(organizationId);
    if (keptFacets.size >= 2000) keptFacets.delete(keptFacets.keys().next().value as string);
    keptFacets.set(organizationId, { at, facets });
  }
  return facets;
}

/** After this process wrote an application to the organization: its lists are read again. */
export function forgetPipelineFacets(organizationId: string): void {
  keptFacets.delete(organizationId);
}

/**
 * One page (25 rows) of the employer's applications with the filters, and what the filter form
 * offers. Paging is by offset: the sorts people choose (name, last change) do not suit a keyset
 * link, and 20 000 rows of one employer are at most 800 pages. The page, its exact total (a page
 * past the end is simply empty, with the total) and the organization's postings come from one
 * call of employer_pipeline(), which answers members of the organization only and reads with the
 * indexes that RLS could not use for these filters (see its migration). The university and
 * programme filters offer those among the organization's applicants (at most a minute old, and
 * always the one selected), named from the process's cached reference lists.
 */
export async function loadPipeline(
  supabase: Supabase,
  organizationId: string,
  filters: PipelineFilters,
  now = new Date(),
) {
  const [answer, present, universities, { programmes }] = await Promise.all([
    supabase.rpc('employer_pipeline', pipelineArgs(organizationId, filters, now)),
    loadFacets(supabase, organizationId),
    loadUniversities(supabase),
    loadClassifiers(supabase),
  ]);
  if (answer.error) throw new Error(`pipeline: ${answer.error.message}`);
  const { member, total, rows: page, postings } = answer.data as unknown as PipelineAnswer;
  const universityNames = new Map(universities.map((u) => [u.value, u.label]));
  const programmeNames = new Map(programmes.map((p) => [p.value, p.label]));
  const offered = (value: string, among: Set<string>, selected: string | null) =>
    member && (among.has(value) || value === selected);
  const rows: PipelineRow[] = page.map((r) => ({
    id: r.id,
    applicantName: r.applicant_name,
    opportunityId: r.opportunity_id,
    opportunityTitle: r.opportunity_title ?? 'Публикация',
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
  return {
    rows,
    total,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    options: {
      postings: postings.map((p) => ({ value: p.id, label: p.title })) satisfies Option[],
      universities: universities.filter((u) => offered(u.value, present.universityIds, filters.university)),
      programmes: programmes.filter((p) => offered(p.value, present.programmeCodes, filters.programme)),
    },
  };
}
