import { hitRow } from '../../components/search/hit-row.ts';
import type { SearchResult } from '../search/types.ts';

/**
 * The part of a search result the search page sends to the browser. Everything in a page's data is
 * serialized into its HTML for hydration, next to the markup it renders: the raw facet counts
 * (the filters carry them with their labels), the plain titles (the cards show the highlighted
 * ones), publication times and timings are left out, and each hit is a tuple (hit-row.ts) (issue
 * 10 item 21).
 */
export function searchPageResult(result: SearchResult) {
  return {
    hits: result.hits.map(hitRow),
    total: result.total,
    page: result.page,
    pageCount: result.pageCount,
    correction: result.correction,
    kinds: result.kinds,
    relaxed: result.relaxed,
    degraded: result.degraded,
  };
}

export type SearchPageResult = ReturnType<typeof searchPageResult>;
