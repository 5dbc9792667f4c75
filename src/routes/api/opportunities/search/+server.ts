import { json } from '@sveltejs/kit';
import { parseSearchParams } from '$lib/schemas/search';
import { searchOpportunities } from '$lib/server/search/search';
import type { RequestHandler } from './$types';

/** GET /api/opportunities/search?q=…&kind=…: the search as JSON (SearchResult), never cached. */
export const GET: RequestHandler = async ({ url, locals }) => {
  const result = await searchOpportunities(parseSearchParams(url.searchParams), {
    supabase: locals.supabase,
  });
  return json(result, { headers: { 'cache-control': 'no-store' } });
};
