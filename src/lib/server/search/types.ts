import type { OpportunityKind } from '../../opportunities.ts';

/** One opportunity as stored in the search index: public facts only, never personal data. */
export interface OpportunityDocument {
  id: string;
  kind: OpportunityKind;
  title: string;
  description: string; // plain text, truncated
  organization_id: string;
  organization_name: string;
  industry_code: string | null;
  industry_name: string | null;
  district_code: string | null;
  district_name: string | null;
  is_remote: boolean;
  /** words that find remote work («удалённо»…), null otherwise: searchable, never shown */
  work_format: string | null;
  programme_codes: string[];
  programme_names: string[];
  /** enlarged groups (УГСН) of the programme codes, for the "field" facet */
  programme_groups: string[];
  university_ids: string[];
  years_of_study: number[];
  is_paid: boolean;
  pay_from: number | null;
  pay_to: number | null;
  /** max(pay_to, pay_from) for sorting by pay; 0 when unpaid */
  pay_max: number;
  schedule: string | null;
  apply_by: string | null; // YYYY-MM-DD
  apply_by_ts: number | null; // epoch seconds, end of that day
  published_at_ts: number; // epoch seconds
  expires_at_ts: number; // epoch seconds; search filters expires_at_ts > now
  updated_at_ts: number;
}

export interface SearchHit {
  id: string;
  kind: OpportunityKind;
  title: string;
  /** HTML with <mark> around matches, every other character escaped */
  titleHighlighted: string;
  snippetHighlighted: string;
  organizationId: string;
  organizationName: string;
  districtName: string | null;
  isRemote: boolean;
  isPaid: boolean;
  payFrom: number | null;
  payTo: number | null;
  applyBy: string | null;
  publishedAt: string;
}

/** What a result card shows: the search page sends only this to the browser. */
export type ShownSearchHit = Omit<SearchHit, 'title' | 'publishedAt'>;

export type FacetCounts = Record<string, number>;

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  page: number;
  pageCount: number;
  /** counts per value for: kind, industry_code, district_code, is_remote, programme_groups, university_ids, years_of_study, is_paid, schedule */
  facets: Record<string, FacetCounts>;
  /**
   * Set when the query had a misspelt word and these are the results of the corrected query
   * (src/lib/server/search/correction.ts); `exact` in the URL turns this off.
   */
  correction: { query: string } | null;
  /**
   * Kinds of posting the query named by a word («стажировка программист»: internships) and that
   * were searched as a kind filter instead of as text; empty when none (or `exact`).
   */
  kinds: OpportunityKind[];
  /**
   * No posting matched every word of the query: these match only some of them (Meilisearch's
   * 'frequency' strategy drops the most common words first).
   */
  relaxed: boolean;
  /** true when Meilisearch was unreachable and Postgres full-text search answered */
  degraded: boolean;
  tookMs: number;
}
