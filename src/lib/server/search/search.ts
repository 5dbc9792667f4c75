import type { Meilisearch, SearchParams as MeiliSearchParams } from 'meilisearch';
import { PAGE_SIZE, parseSearchParams, type SearchParams } from '../../schemas/search.ts';
import type { OpportunityKind } from '../../opportunities.ts';
import type { Supabase } from '../supabase.ts';
import { meiliClient, OPPORTUNITIES_INDEX, SEARCH_TIMEOUT_MS } from './client.ts';
import {
  canonicalQuery,
  matchedWords,
  rescueQueries,
  suggestCorrection,
  type MatchesPosition,
} from './correction.ts';
import { understandKinds } from './kind-words.ts';
import { MARK_END, MARK_START, markedToHtml, markQueryWords, snippetAround } from './highlight.ts';
import type { FacetCounts, OpportunityDocument, SearchHit, SearchResult } from './types.ts';

export const FACETS = [
  'kind',
  'industry_code',
  'district_code',
  'is_remote',
  'programme_groups',
  'university_ids',
  'years_of_study',
  'is_paid',
  'schedule',
] as const;

const SORT_RULES: Record<SearchParams['sort'], string[] | undefined> = {
  relevance: undefined,
  newest: ['published_at_ts:desc'],
  deadline: ['apply_by_ts:asc'],
  pay: ['pay_max:desc'],
};

const SHOWN = [
  'id',
  'kind',
  'title',
  'description',
  'organization_id',
  'organization_name',
  'district_name',
  'is_remote',
  'is_paid',
  'pay_from',
  'pay_to',
  'apply_by',
  'published_at_ts',
] as const;
// not shown, but read for spelling correction (the words the index matched)
const RETRIEVE = [...SHOWN, 'programme_names', 'industry_name'] as const;

/** Kemerovo is UTC+7 all year: an apply-by date ends at 17:00 UTC of that day. */
const LOCAL_OFFSET_S = 7 * 3600;
function endOfLocalDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d + 1) / 1000 - LOCAL_OFFSET_S - 1;
}

/** A Meilisearch filter string literal: every value quoted, quotes and backslashes escaped. */
export function quote(value: string | number | boolean): string {
  return `"${String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
const anyOf = (field: string, values: (string | number)[]) => `${field} IN [${values.map(quote).join(', ')}]`;

/**
 * The Meilisearch filter of a search (AND of the array). Always only unexpired postings, so that a
 * posting leaves search the moment its term runs out, before the expiry job removes it.
 */
export function buildFilter(p: SearchParams, nowS: number): string[] {
  const f = [`expires_at_ts > ${Math.floor(nowS)}`];
  if (p.kind.length) f.push(anyOf('kind', p.kind));
  if (p.industry.length) f.push(anyOf('industry_code', p.industry));
  if (p.district.length && p.remote) f.push(`(${anyOf('district_code', p.district)} OR is_remote = true)`);
  else if (p.district.length) f.push(anyOf('district_code', p.district));
  else if (p.remote) f.push('is_remote = true');
  if (p.field.length) f.push(anyOf('programme_groups', p.field));
  // a posting open to every university or year (empty list) suits every student
  if (p.university.length) f.push(`(${anyOf('university_ids', p.university)} OR university_ids IS EMPTY)`);
  if (p.year.length) f.push(`(${anyOf('years_of_study', p.year)} OR years_of_study IS EMPTY)`);
  if (p.paid) f.push('is_paid = true');
  if (p.payMin != null) f.push(`pay_max >= ${Math.floor(p.payMin)}`);
  if (p.schedule.length) f.push(anyOf('schedule', p.schedule));
  if (p.deadlineFrom) f.push(`(apply_by_ts >= ${endOfLocalDay(p.deadlineFrom)} OR apply_by_ts IS NULL)`);
  return f;
}

/** A search with no filters chosen (only the expiry filter buildFilter always adds). */
const NO_FILTERS = parseSearchParams(new URLSearchParams());

/**
 * What the search makes of the typed query: ё read as е, «1c» as «1с» (canonicalQuery), and words naming a kind of
 * posting («стажировка», «практика», …) turned into the kind filter (kind-words.ts) unless the
 * student asked to search as typed. `params.q` is what Meilisearch gets.
 */
export function understandQuery(p: SearchParams): { params: SearchParams; kinds: OpportunityKind[] } {
  const q = canonicalQuery(p.q);
  if (p.exact) return { params: { ...p, q }, kinds: [] };
  const { text, kinds } = understandKinds(q, p.kind);
  return { params: { ...p, q: text, kind: kinds.length ? kinds : p.kind }, kinds };
}

/**
 * The search request sent to Meilisearch for these (understood) parameters (also used by the
 * benchmark). Every word of the query must match ('all'): with Meilisearch's default ('last'),
 * «практика химия» found every posting with «практика» and put ones without «химия» among them.
 */
export function meiliSearchRequest(p: SearchParams, nowS = Date.now() / 1000): MeiliSearchParams {
  return {
    matchingStrategy: 'all',
    filter: buildFilter(p, nowS),
    facets: [...FACETS],
    sort: SORT_RULES[p.sort],
    page: p.page,
    hitsPerPage: PAGE_SIZE,
    attributesToRetrieve: [...RETRIEVE],
    attributesToHighlight: ['title', 'description'],
    attributesToCrop: ['description'],
    // ~12 words hold the ~64 characters a card shows (snippetAround cuts them to that)
    cropLength: 12,
    cropMarker: '…',
    highlightPreTag: MARK_START,
    highlightPostTag: MARK_END,
  };
}

export interface SearchDeps {
  /** the request's supabase-js client (the Postgres fallback runs with its role) */
  supabase: Supabase;
  /** defaults to the configured Meilisearch; tests point it elsewhere */
  meili?: Meilisearch;
  now?: () => number;
}

let lastWarning = 0;

type IndexedHit = Pick<OpportunityDocument, (typeof RETRIEVE)[number]> & {
  _formatted?: Partial<Record<'title' | 'description', string>>;
  _matchesPosition?: MatchesPosition;
};

/**
 * The Meilisearch part of a search. The query as understood (understandQuery) must match with
 * every word. Then, unless the student asked for the words as typed:
 *  - nothing found: the queries it may have meant (another layout, transliteration, a swapped
 *    first letter or neighbours, a synonyms-list word: correction.ts rescueQueries) are counted in
 *    one multi-search and the one finding most is searched;
 *  - found only through a typo: searched again with the word the index holds (suggestCorrection);
 *  - still nothing and several words: the words that match most postings are dropped until
 *    something matches ('frequency'), and the result says so (`relaxed`).
 * Exported for the benchmark, which times exactly these requests against the app.
 */
export async function searchMeilisearch(meili: Meilisearch, params: SearchParams, nowS: number) {
  const index = meili.index<OpportunityDocument>(OPPORTUNITIES_INDEX);
  const correct = params.q !== '' && !params.exact;
  const request = (q: string) => {
    const understood = understandQuery({ ...params, q });
    return { understood, body: meiliSearchRequest(understood.params, nowS) };
  };
  const run = (q: string, extra: MeiliSearchParams = {}) => {
    const { understood, body } = request(q);
    return index.search<IndexedHit>(understood.params.q, { ...body, ...extra });
  };

  let query = canonicalQuery(params.q);
  let res = await run(query, { showMatchesPosition: correct });
  let corrected = false;
  // nothing found only because of the filters chosen (the words themselves find postings): there
  // is nothing to rescue, and one cheap request spares the many of rescueQueries
  const onlyFiltersExclude = async () => {
    const { understood, body } = request(query);
    if ((body.filter as string[]).length <= 1) return false;
    const unfiltered = await index.search(understood.params.q, {
      filter: buildFilter(NO_FILTERS, nowS),
      matchingStrategy: 'all',
      limit: 0,
    });
    return (unfiltered.estimatedTotalHits ?? 0) > 0;
  };
  if (correct && !res.hits.length && !(await onlyFiltersExclude())) {
    const meant = await mostFound(meili, rescueQueries(query), request);
    if (meant) {
      const again = await run(meant, { showMatchesPosition: true });
      if (again.hits.length) [res, query, corrected] = [again, meant, true];
    }
  }
  if (correct && res.hits.length) {
    // every hit matched a misspelt word only through a typo: search again as the index spells it
    const better = suggestCorrection(
      query,
      res.hits.map((h) => matchedWords(h, h._matchesPosition)),
    );
    if (better) {
      const again = await run(better);
      if (again.hits.length) [res, query, corrected] = [again, better, true];
    }
  }
  let relaxed = false;
  const { understood } = request(query);
  if (!res.hits.length && /\S\s+\S/.test(understood.params.q.trim())) {
    res = await run(query, { matchingStrategy: 'frequency' });
    relaxed = res.hits.length > 0;
  }
  return {
    res,
    correction: corrected ? { query } : null,
    kinds: understood.kinds,
    relaxed,
  } satisfies { res: unknown } & Pick<SearchResult, 'correction' | 'kinds' | 'relaxed'>;
}

/**
 * Searches published opportunities: Meilisearch first (Russian relevance, typos, synonyms,
 * facets, spelling correction); if it fails in any way (down, slow, erroring) the same query is
 * answered by Postgres full-text and trigram search with `degraded: true`.
 */
export async function searchOpportunities(params: SearchParams, deps: SearchDeps): Promise<SearchResult> {
  const started = performance.now();
  const now = deps.now?.() ?? Date.now();
  try {
    const meili = deps.meili ?? meiliClient({ timeoutMs: SEARCH_TIMEOUT_MS });
    const { res, correction, kinds, relaxed } = await searchMeilisearch(meili, params, now / 1000);
    // page/hitsPerPage was asked for: the response has exhaustive totalHits and totalPages
    const { totalHits, totalPages } = res as { totalHits?: number; totalPages?: number };
    const total = totalHits ?? res.estimatedTotalHits ?? 0;
    return {
      hits: res.hits.map((h) => toHit(h, h._formatted?.title ?? h.title, h._formatted?.description ?? '')),
      total,
      page: params.page,
      pageCount: totalPages ?? Math.ceil(total / PAGE_SIZE),
      facets: normalizeFacets(res.facetDistribution),
      correction,
      kinds,
      relaxed,
      degraded: false,
      tookMs: Math.round(performance.now() - started),
    };
  } catch (err) {
    // once per 10 s at most: during an outage every search comes here
    if (Date.now() - lastWarning > 10_000) {
      lastWarning = Date.now();
      const cause =
        (err as Error).cause instanceof Error ? `: ${((err as Error).cause as Error).message}` : '';
      console.warn(`[поиск] Meilisearch не ответил (${(err as Error).message}${cause}); ищу в Postgres`);
    }
    const { params: understood, kinds } = understandQuery(params);
    return searchFallback(understood, kinds, deps.supabase, started);
  }
}

/** Of `variants`, the query that finds the most postings (the first of equals; none finds any: null). */
async function mostFound(
  meili: Meilisearch,
  variants: string[],
  request: (q: string) => { understood: { params: SearchParams }; body: MeiliSearchParams },
) {
  if (!variants.length) return null;
  const { results } = await meili.multiSearch({
    queries: variants.map((v) => {
      const { understood, body } = request(v);
      return {
        indexUid: OPPORTUNITIES_INDEX,
        q: understood.params.q,
        filter: body.filter,
        matchingStrategy: body.matchingStrategy,
        limit: 1,
        attributesToRetrieve: ['id'],
      };
    }),
  });
  let best: { q: string; hits: number } | null = null;
  results.forEach((r, i) => {
    const hits = r.estimatedTotalHits ?? r.totalHits ?? 0;
    if (hits > 0 && (!best || hits > best.hits)) best = { q: variants[i], hits };
  });
  return (best as { q: string } | null)?.q ?? null;
}

function toHit(
  h: Pick<OpportunityDocument, (typeof SHOWN)[number]>,
  markedTitle: string,
  markedSnippet: string,
): SearchHit {
  return {
    id: h.id,
    kind: h.kind as OpportunityKind,
    title: h.title,
    titleHighlighted: markedToHtml(markedTitle),
    snippetHighlighted: markedToHtml(snippetAround(markedSnippet)),
    organizationId: h.organization_id,
    organizationName: h.organization_name,
    districtName: h.district_name,
    isRemote: h.is_remote,
    isPaid: h.is_paid,
    payFrom: h.pay_from,
    payTo: h.pay_to,
    applyBy: h.apply_by,
    publishedAt: new Date(h.published_at_ts * 1000).toISOString(),
  };
}

function normalizeFacets(dist: Record<string, Record<string, number>> | undefined) {
  const out: Record<string, FacetCounts> = {};
  for (const f of FACETS) out[f] = { ...(dist?.[f] ?? {}) };
  return out;
}

interface FallbackRow {
  id: string;
  kind: string;
  title: string;
  description: string;
  organization_id: string;
  organization_name: string;
  district_name: string | null;
  is_remote: boolean;
  is_paid: boolean;
  pay_from: number | null;
  pay_to: number | null;
  apply_by: string | null;
  published_at: string;
}

/** The filters of SearchParams in the shape of search_opportunities_fallback(p_filters). */
export function fallbackFilters(p: SearchParams) {
  return {
    kind: p.kind,
    industry: p.industry,
    district: p.district,
    remote: p.remote,
    field: p.field,
    university: p.university,
    year: p.year,
    paid: p.paid,
    pay_min: p.payMin,
    schedule: p.schedule,
    deadline_from: p.deadlineFrom,
  };
}

async function searchFallback(
  p: SearchParams,
  kinds: OpportunityKind[],
  supabase: Supabase,
  started: number,
): Promise<SearchResult> {
  const { data, error } = await supabase.rpc('search_opportunities_fallback', {
    p_q: p.q,
    p_filters: fallbackFilters(p),
    p_sort: p.sort,
    p_limit: PAGE_SIZE,
    p_offset: (p.page - 1) * PAGE_SIZE,
  });
  if (error) throw new Error(`поиск недоступен: ${error.message}`);
  const result = data as unknown as {
    total: number;
    hits: FallbackRow[];
    facets: Record<string, FacetCounts>;
  };
  return {
    hits: result.hits.map((r) =>
      toHit(
        { ...r, kind: r.kind as OpportunityKind, published_at_ts: Date.parse(r.published_at) / 1000 },
        markQueryWords(r.title, p.q),
        markQueryWords(r.description, p.q),
      ),
    ),
    total: result.total,
    page: p.page,
    pageCount: Math.ceil(result.total / PAGE_SIZE),
    facets: normalizeFacets(result.facets),
    correction: null,
    kinds,
    relaxed: false,
    degraded: true,
    tookMs: Math.round(performance.now() - started),
  };
}
