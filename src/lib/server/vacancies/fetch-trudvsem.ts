import { isTrudvsemPage, type TrudvsemPage } from './count-vacancies.ts';

/** The API gives at most 100 vacancies a page; `offset` is the page's number. */
export const PAGE_LIMIT = 100;
/** A bound on pages (100 000 vacancies), so a misbehaving answer cannot loop for ever. */
export const MAX_PAGES = 1000;

/**
 * Every page of the region's vacancies from the API at `baseUrl` (TRUDVSEM_API_URL, e.g.
 * https://opendata.trudvsem.ru/api/v1/vacancies/region/4200000000000), until a page comes back
 * short or the reported total is reached.
 */
export async function fetchTrudvsemPages(
  baseUrl: string,
  {
    fetchImpl = fetch,
    timeoutMs = 30_000,
    pageLimit = PAGE_LIMIT,
  }: { fetchImpl?: typeof fetch; timeoutMs?: number; pageLimit?: number } = {},
): Promise<TrudvsemPage[]> {
  const pages: TrudvsemPage[] = [];
  let fetched = 0;
  for (let offset = 0; offset < MAX_PAGES; offset += 1) {
    const url = new URL(baseUrl);
    url.searchParams.set('offset', String(offset));
    url.searchParams.set('limit', String(pageLimit));
    const response = await fetchImpl(url, {
      headers: { accept: 'application/json', 'user-agent': 'KemerovoPROFI vacancy-bank' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    // the API answers 404 past the last page
    if (response.status === 404 && offset > 0) break;
    if (!response.ok) throw new Error(`«Работа России» ответила ${response.status} на странице ${offset}`);
    const page: unknown = await response.json();
    if (!isTrudvsemPage(page)) throw new Error(`ответ на странице ${offset} — не ответ API «Работа России»`);
    pages.push(page);
    const count = page.results?.vacancies?.length ?? 0;
    fetched += count;
    const total = pages[0].meta?.total;
    if (count < pageLimit || (typeof total === 'number' && fetched >= total)) break;
  }
  return pages;
}
