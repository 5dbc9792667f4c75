import { z } from 'zod';
import { OPPORTUNITY_KINDS } from '../opportunities.ts';

/**
 * The whole search query lives in the URL (shareable, the back button works): this schema reads it
 * from URLSearchParams. Repeated parameters (?kind=a&kind=b) are arrays. Bad values are dropped
 * rather than failing the page: a stale link must still show results.
 */
export const SORTS = ['relevance', 'newest', 'deadline', 'pay'] as const;
export type SearchSort = (typeof SORTS)[number];
export const PAGE_SIZE = 20;

export interface SearchParams {
  q: string;
  kind: string[];
  industry: string[];
  district: string[];
  remote: boolean;
  /** enlarged programme groups (УГСН), e.g. 18.00.00 */
  field: string[];
  university: string[];
  year: number[];
  paid: boolean;
  payMin: number | null;
  schedule: string[];
  /** only postings that accept applications until at least this date (YYYY-MM-DD) */
  deadlineFrom: string | null;
  sort: SearchSort;
  page: number;
  /** search the words as typed: no spelling correction («Искать как написано») */
  exact: boolean;
}

const many = (params: URLSearchParams, key: string, ok: (v: string) => boolean) =>
  [
    ...new Set(
      params
        .getAll(key)
        .map((v) => v.trim())
        .filter((v) => v && ok(v)),
    ),
  ].slice(0, 30);

export function parseSearchParams(params: URLSearchParams): SearchParams {
  const int = (v: string | null, min: number, max: number) => {
    const n = Number(v);
    return v && Number.isInteger(n) && n >= min && n <= max ? n : null;
  };
  const sort = params.get('sort');
  const deadline = params.get('deadline');
  return {
    q: (params.get('q') ?? '').trim().slice(0, 200),
    kind: many(params, 'kind', (v) => (OPPORTUNITY_KINDS as string[]).includes(v)),
    industry: many(params, 'industry', (v) => /^[A-U]$/.test(v)),
    district: many(params, 'district', (v) => /^[a-z_]{2,40}$/.test(v)),
    remote: params.get('remote') === '1',
    field: many(params, 'field', (v) => /^\d{2}\.00\.00$/.test(v)),
    university: many(params, 'university', (v) => z.uuid().safeParse(v).success),
    year: many(params, 'year', (v) => /^[1-6]$/.test(v)).map(Number),
    paid: params.get('paid') === '1',
    payMin: int(params.get('pay_min'), 0, 10_000_000),
    schedule: many(params, 'schedule', (v) => /^[a-z_]{2,20}$/.test(v)),
    deadlineFrom: deadline && /^\d{4}-\d{2}-\d{2}$/.test(deadline) ? deadline : null,
    sort: (SORTS as readonly string[]).includes(sort ?? '') ? (sort as SearchSort) : 'relevance',
    page: int(params.get('page'), 1, 500) ?? 1,
    exact: params.get('exact') === '1',
  };
}

/** The URL query of a search (the inverse of parseSearchParams), without defaults. */
export function searchQueryString(p: Partial<SearchParams>): string {
  const out = new URLSearchParams();
  if (p.q) out.set('q', p.q);
  for (const v of p.kind ?? []) out.append('kind', v);
  for (const v of p.industry ?? []) out.append('industry', v);
  for (const v of p.district ?? []) out.append('district', v);
  if (p.remote) out.set('remote', '1');
  for (const v of p.field ?? []) out.append('field', v);
  for (const v of p.university ?? []) out.append('university', v);
  for (const v of p.year ?? []) out.append('year', String(v));
  if (p.paid) out.set('paid', '1');
  if (p.payMin != null) out.set('pay_min', String(p.payMin));
  for (const v of p.schedule ?? []) out.append('schedule', v);
  if (p.deadlineFrom) out.set('deadline', p.deadlineFrom);
  if (p.sort && p.sort !== 'relevance') out.set('sort', p.sort);
  if (p.exact) out.set('exact', '1');
  if (p.page && p.page > 1) out.set('page', String(p.page));
  return out.toString();
}

/**
 * The long filter lists that show only their most useful choices (the chosen ones and the top ones
 * by count) until «Показать все» asks for the rest with `?all=<facet>` (repeatable). Not part of the
 * search: saved searches, alerts and the search's own query string never hold it.
 */
export const EXPANDABLE_FACETS = ['district', 'field', 'university', 'industry'] as const;
export type ExpandableFacet = (typeof EXPANDABLE_FACETS)[number];
/** How many choices of a long list show until «Показать все»: the ones with most results. */
export const FOLDED_CHOICES = 5;

/** The facets `?all=` asks to show in full; unknown values are ignored. */
export function parseExpandedFacets(params: URLSearchParams): ExpandableFacet[] {
  const asked = new Set(params.getAll('all'));
  return EXPANDABLE_FACETS.filter((f) => asked.has(f));
}

/** The query of a search page: the search, then which long lists show in full. */
export function searchPageQueryString(
  p: Partial<SearchParams>,
  expanded: readonly ExpandableFacet[],
): string {
  const qs = searchQueryString(p);
  const all = expanded.map((f) => `all=${f}`).join('&');
  return qs && all ? `${qs}&${all}` : qs || all;
}
