import { KIND_LABELS, OPPORTUNITY_KINDS, SCHEDULE_LABELS } from '../../opportunities.ts';
import type { SearchParams } from '../../schemas/search.ts';
import { loadClassifiers, loadProgrammeGroups, loadUniversities, type Option } from '../reference.ts';
import type { FacetCounts, SearchResult } from '../search/types.ts';

/** One choice of a filter with the number of results it would give. */
export interface FacetOption {
  value: string;
  label: string;
  count: number;
}

export interface FilterOptions {
  kind: FacetOption[];
  industry: FacetOption[];
  district: FacetOption[];
  remoteCount: number;
  field: FacetOption[];
  university: FacetOption[];
  year: FacetOption[];
  schedule: FacetOption[];
  paidCount: number;
}

/**
 * The choices of each filter with their counts. Long lists (industries, programme fields,
 * universities) show only what has results, plus whatever is selected, so a choice never vanishes
 * from under the person who made it.
 */
export async function loadFilterOptions(
  params: SearchParams,
  facets: SearchResult['facets'],
): Promise<FilterOptions> {
  const [{ industries, districts }, universities, fields] = await Promise.all([
    loadClassifiers(),
    loadUniversities(),
    loadProgrammeGroups(),
  ]);
  const counted = (options: Option[], counts: FacetCounts | undefined, selected: string[], all = false) =>
    options
      .map((o) => ({ ...o, count: counts?.[o.value] ?? 0 }))
      .filter((o) => all || o.count > 0 || selected.includes(o.value));
  const labelled = (labels: Record<string, string>, values: string[]) =>
    values.map((value) => ({ value, label: labels[value] }));

  return {
    kind: counted(labelled(KIND_LABELS, OPPORTUNITY_KINDS), facets.kind, params.kind, true),
    industry: counted(industries, facets.industry_code, params.industry),
    // districts without postings are no choice (the one chosen stays)
    district: counted(districts, facets.district_code, params.district),
    remoteCount: facets.is_remote?.true ?? 0,
    field: counted(fields, facets.programme_groups, params.field),
    university: counted(universities, facets.university_ids, params.university),
    year: counted(
      [1, 2, 3, 4, 5, 6].map((y) => ({ value: String(y), label: `${y} курс` })),
      facets.years_of_study,
      params.year.map(String),
    ),
    schedule: counted(
      labelled(SCHEDULE_LABELS, Object.keys(SCHEDULE_LABELS)),
      facets.schedule,
      params.schedule,
      true,
    ),
    paidCount: facets.is_paid?.true ?? 0,
  };
}
