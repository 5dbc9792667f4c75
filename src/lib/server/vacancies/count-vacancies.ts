/**
 * Counts the open vacancies of Kemerovo employers in answers of the «Работа России» open-data API
 * (https://opendata.trudvsem.ru/api/v1/vacancies/region/4200000000000, pages by offset/limit):
 * `{status, meta: {total, limit}, results: {vacancies: [{vacancy: {…, company: {inn, name}, addresses:
 * {address: [{location}]}}}]}}`. A vacancy is Kemerovo's when one of its addresses is in the city
 * (the word «Кемерово» — not «Кемеровский район» nor «Кемеровская область»), or, when it has no
 * address, when its company's address is. Counted per employer ИНН.
 */
export interface TrudvsemVacancy {
  id?: string;
  'job-name'?: string;
  company?: { inn?: string | number; name?: string; address?: string };
  addresses?: { address?: { location?: string }[] };
}

export interface TrudvsemPage {
  status?: string | number;
  meta?: { total?: number; limit?: number };
  results?: { vacancies?: { vacancy?: TrudvsemVacancy }[] };
}

export interface VacancyCount {
  /** vacancies in the answer (the region) */
  regionTotal: number;
  /** of them in Kemerovo */
  total: number;
  employers: { inn: string; name: string; vacancies: number }[];
  /** the API's own total for the region (meta.total), for the log */
  reportedTotal: number | null;
}

const KEMEROVO = /(^|[^а-яё])кемерово($|[^а-яё])/i;

export function isInKemerovo(vacancy: TrudvsemVacancy): boolean {
  const locations = (vacancy.addresses?.address ?? []).map((a) => a.location ?? '').filter(Boolean);
  if (locations.length > 0) return locations.some((l) => KEMEROVO.test(l));
  return KEMEROVO.test(vacancy.company?.address ?? '');
}

/** Whether a parsed JSON value has the API's envelope. */
export function isTrudvsemPage(value: unknown): value is TrudvsemPage {
  return (
    typeof value === 'object' &&
    value !== null &&
    'results' in value &&
    (typeof (value as TrudvsemPage).results === 'object' || (value as TrudvsemPage).results === undefined)
  );
}

export function countKemerovoVacancies(pages: TrudvsemPage[]): VacancyCount {
  const byInn = new Map<string, { inn: string; name: string; vacancies: number }>();
  const seen = new Set<string>();
  let regionTotal = 0;
  let total = 0;
  for (const page of pages) {
    for (const item of page.results?.vacancies ?? []) {
      const v = item.vacancy;
      if (!v) continue;
      // pages fetched while the list changes may repeat a vacancy: each counts once
      if (v.id) {
        if (seen.has(v.id)) continue;
        seen.add(v.id);
      }
      regionTotal += 1;
      if (!isInKemerovo(v)) continue;
      total += 1;
      const inn = String(v.company?.inn ?? '').trim();
      if (!/^(\d{10}|\d{12})$/.test(inn)) continue;
      const entry = byInn.get(inn) ?? { inn, name: v.company?.name ?? '', vacancies: 0 };
      entry.vacancies += 1;
      byInn.set(inn, entry);
    }
  }
  return {
    regionTotal,
    total,
    employers: [...byInn.values()].sort((a, b) => b.vacancies - a.vacancies),
    reportedTotal: pages[0]?.meta?.total ?? null,
  };
}
