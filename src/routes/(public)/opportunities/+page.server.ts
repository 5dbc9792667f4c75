import { formFailure } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import { saveSearch } from '$lib/server/saved-searches/save-search';
import { loadFilterOptions } from '$lib/server/search-page/filter-options';
import { searchPageResult } from '$lib/server/search-page/search-page-data';
import { searchOpportunities } from '$lib/server/search/search';
import { parseForm } from '$lib/schemas/form';
import { saveSearchSchema } from '$lib/schemas/saved-search';
import { parseExpandedFacets, parseSearchParams, searchQueryString } from '$lib/schemas/search';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
  const params = parseSearchParams(url.searchParams);
  const result = await searchOpportunities(params, { supabase: locals.supabase });
  // which long filter lists show in full (`?all=`): the page's look, not part of the search
  const expanded = parseExpandedFacets(url.searchParams);
  const filters = await loadFilterOptions(params, result.facets, expanded);
  const role = locals.person?.role;
  return {
    params,
    /** The query without the page: what a saved search keeps. */
    query: searchQueryString({ ...params, page: 1 }),
    result: searchPageResult(result),
    filters,
    expanded,
    canSaveSearch: role === 'student' || role === 'graduate',
  };
};

export const actions: Actions = {
  save: async ({ request, locals, url }) => {
    requireRole(locals, url, ['student', 'graduate']);
    const form = await request.formData();
    const parsed = parseForm(saveSearchSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    const result = await saveSearch(locals.supabase, parsed.data);
    if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
    return { savedSearch: parsed.data.name };
  },
};
