import { OPPORTUNITY_KINDS, SCHEDULE_LABELS } from '../../opportunities.ts';
import { FOLDED_CHOICES, type ExpandableFacet, type SearchParams } from '../../schemas/search.ts';
import { loadClassifiers, loadProgrammeGroups, loadUniversities, type Option } from '../reference.ts';
import type { FacetCounts, SearchResult } from '../search/types.ts';

/**
 * «КузГТУ — Кузбасский государственный технический университет имени Т.Ф. Горбачева» → «КузГТУ»:
 * the short name students call their university by (issue 10 item 21: six full names were 2.5 KB of
 * the search page, sent twice); a university without one keeps its name.
 */
function shortName(option: Option): Option {
  const at = option.label.indexOf(' — ');
  return at > 0 ? { value: option.value, label: option.label.slice(0, at) } : option;
}

/**
 * One choice of a filter: [value, number of results] — and its name when it comes from the
 * database, without the code the value holds («Клиническая медицина» for 31.00.00). Tuples, and
 * no names the page has as constants (kinds, years, schedules): everything in a page's data is
 * sent a second time beside the markup (issue 10 item 21). facet-options.ts names them.
 */
export type FacetCount = [value: string, count: number, name?: string];

export interface FilterOptions {
  kind: FacetCount[];
  industry: FacetCount[];
  district: FacetCount[];
  remoteCount: number;
  field: FacetCount[];
  university: FacetCount[];
  year: FacetCount[];
  schedule: FacetCount[];
  paidCount: number;
  /**
   * The long lists shown shortened (FOLDED_CHOICES and the chosen ones): how many choices the whole
   * list has, for «Показать все (N)». A list shown in full is not here.
   */
  folded: Partial<Record<ExpandableFacet, number>>;
}

/**
 * A long list shortened to its FOLDED_CHOICES choices with most results and the chosen ones, in the
 * list's order; in full when it is asked for or when it is at most one longer («Показать все (7)»
 * would take the room of the one choice it hides). Only what is shown goes into the page's data.
 */
export function foldChoices(
  list: FacetCount[],
  selected: string[],
  expanded: boolean,
): { shown: FacetCount[]; total?: number } {
  if (expanded || list.length <= FOLDED_CHOICES + 1) return { shown: list };
  const top = new Set(
    [...list]
      .sort((a, b) => b[1] - a[1])
      .slice(0, FOLDED_CHOICES)
      .map(([value]) => value),
  );
  const shown = list.filter(([value]) => top.has(value) || selected.includes(value));
  return shown.length < list.length ? { shown, total: list.length } : { shown };
}

/** «31.00.00 Клиническая медицина» → «Клиническая медицина»; «A — Добыча…» → «Добыча…». */
function withoutCode(option: Option): Option {
  const { value, label } = option;
  return label.startsWith(`${value} `)
    ? { value, label: label.slice(value.length).replace(/^ (— )?/, '') }
    : option;
}

/**
 * The choices of each filter with their counts. Long lists (industries, programme fields,
 * universities, districts) show only what has results, plus whatever is selected, so a choice never
 * vanishes from under the person who made it; and, unless `expanded` names them, only their top
 * choices (foldChoices).
 */
export async function loadFilterOptions(
  params: SearchParams,
  facets: SearchResult['facets'],
  expanded: readonly ExpandableFacet[] = [],
): Promise<FilterOptions> {
  const [{ industries, districts }, universities, fields] = await Promise.all([
    loadClassifiers(),
    loadUniversities(),
    loadProgrammeGroups(),
  ]);
  const counted = (
    options: Option[],
    counts: FacetCounts | undefined,
    selected: string[],
    { all = false, named = true } = {},
  ): FacetCount[] =>
    options
      .map((o): FacetCount => {
        const count = counts?.[o.value] ?? 0;
        return named ? [o.value, count, o.label] : [o.value, count];
      })
      .filter(([value, count]) => all || count > 0 || selected.includes(value));
  const values = (list: readonly string[]) => list.map((value) => ({ value, label: '' }));
  // the programme groups, universities and industries read best with most results first
  const byCount = (list: FacetCount[]) => list.sort((a, b) => b[1] - a[1]);
  const folded: FilterOptions['folded'] = {};
  const fold = (facet: ExpandableFacet, list: FacetCount[]) => {
    const { shown, total } = foldChoices(list, params[facet], expanded.includes(facet));
    if (total != null) folded[facet] = total;
    return shown;
  };

  return {
    kind: counted(values(OPPORTUNITY_KINDS), facets.kind, params.kind, { all: true, named: false }),
    industry: fold(
      'industry',
      byCount(counted(industries.map(withoutCode), facets.industry_code, params.industry)),
    ),
    // districts without postings are no choice (the one chosen stays)
    district: fold('district', counted(districts, facets.district_code, params.district)),
    remoteCount: facets.is_remote?.true ?? 0,
    field: fold('field', byCount(counted(fields.map(withoutCode), facets.programme_groups, params.field))),
    university: fold(
      'university',
      byCount(counted(universities.map(shortName), facets.university_ids, params.university)),
    ),
    year: counted(values(['1', '2', '3', '4', '5', '6']), facets.years_of_study, params.year.map(String), {
      named: false,
    }),
    schedule: counted(values(Object.keys(SCHEDULE_LABELS)), facets.schedule, params.schedule, {
      all: true,
      named: false,
    }),
    paidCount: facets.is_paid?.true ?? 0,
    folded,
  };
}
