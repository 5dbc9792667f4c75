import { KIND_LABELS, SCHEDULE_LABELS, type OpportunityKind, type Schedule } from '$lib/opportunities';
import type { FilterOptions } from '$lib/server/search-page/filter-options';

/** One choice of a filter as the page shows it: its value, name and number of results. */
export interface FacetChoice {
  value: string;
  label: string;
  count: number;
}

type Group = 'kind' | 'industry' | 'district' | 'field' | 'university' | 'year' | 'schedule';

/**
 * The name of a choice. The page's data carries a name only where it comes from the database, and
 * without the code the value already holds (issue 10 item 21: the data is sent beside the markup).
 */
function choiceName(group: Group, value: string, name: string | undefined): string {
  switch (group) {
    case 'kind':
      return KIND_LABELS[value as OpportunityKind] ?? value;
    case 'schedule':
      return SCHEDULE_LABELS[value as Schedule] ?? value;
    case 'year':
      return `${value} курс`;
    case 'field':
      return `${value} ${name ?? ''}`.trim();
    case 'industry':
      return name ? `${value} — ${name}` : value;
    default:
      return name ?? value;
  }
}

/** The choices of one filter, named. */
export function facetChoices(filters: FilterOptions, group: Group): FacetChoice[] {
  return filters[group].map(([value, count, name]) => ({
    value,
    count,
    label: choiceName(group, value, name),
  }));
}
