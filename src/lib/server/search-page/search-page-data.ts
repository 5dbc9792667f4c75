import type { SearchResult, ShownSearchHit } from '../search/types.ts';

/**
 * The part of a search result the search page sends to the browser. Everything in a page's data is
 * serialized into its HTML for hydration, next to the markup it renders: the raw facet counts
 * (the filters carry them with their labels), the plain titles (the cards show the highlighted
 * ones), publication times and timings are left out (issue 10 item 21).
 */
export function searchPageResult(result: SearchResult) {
  return {
    hits: result.hits.map(({ title: _title, publishedAt: _publishedAt, ...shown }): ShownSearchHit => shown),
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
