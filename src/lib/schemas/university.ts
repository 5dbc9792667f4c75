import { APPLICATION_STATUSES, type ApplicationStatus } from '../applications.ts';

/**
 * The university's overview of its students' practice applications: filters read from the URL (a
 * filtered list is a link). A value that makes no sense is dropped and named, never an error page.
 */
export interface UniversityApplicationFilters {
  state: ApplicationStatus | null;
  programme: string | null;
  page: number;
}

export const UNIVERSITY_PAGE_SIZE = 50;

export function parseUniversityApplicationsQuery(params: URLSearchParams): {
  filters: UniversityApplicationFilters;
  ignored: string[];
} {
  const ignored: string[] = [];
  const keep = <T>(key: string, ok: (v: string) => T | undefined): T | null => {
    const v = params.get(key)?.trim();
    if (!v) return null;
    const parsed = ok(v);
    if (parsed === undefined) ignored.push(key);
    return parsed ?? null;
  };
  return {
    filters: {
      state: keep('state', (v) =>
        (APPLICATION_STATUSES as readonly string[]).includes(v) ? (v as ApplicationStatus) : undefined,
      ),
      programme: keep('programme', (v) => (/^\d{2}\.\d{2}\.\d{2}$/.test(v) ? v : undefined)),
      page: keep('page', (v) => (/^\d{1,5}$/.test(v) && Number(v) >= 1 ? Number(v) : undefined)) ?? 1,
    },
    ignored,
  };
}

/** The filters as a query string, for the pages' links (with a page number when asked). */
export function universityApplicationsQuery(filters: UniversityApplicationFilters, page?: number): string {
  const p = new URLSearchParams();
  if (filters.state) p.set('state', filters.state);
  if (filters.programme) p.set('programme', filters.programme);
  if (page && page > 1) p.set('page', String(page));
  return p.toString();
}
