import { formFailure } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import { saveSearch } from '$lib/server/saved-searches/save-search';
import { loadFilterOptions } from '$lib/server/search-page/filter-options';
import { searchPageResult } from '$lib/server/search-page/search-page-data';
import { searchOpportunities } from '$lib/server/search/search';
import { parseForm } from '$lib/schemas/form';
import { saveSearchSchema } from '$lib/schemas/saved-search';
import { parseExpandedFacets, parseSearchParams } from '$lib/schemas/search';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
  // read as a whole (not param by param, which SvelteKit lists in the page's data) — the page reads
  // the same URL with the same functions instead of getting the search back in its data
  const search = new URLSearchParams(url.search);
  const params = parseSearchParams(search);
  const result = await searchOpportunities(params, { supabase: locals.supabase });
  // which long filter lists show in full (`?all=`): the page's look, not part of the search
  const filters = await loadFilterOptions(params, result.facets, parseExpandedFacets(search));
  const role = locals.person?.role;
  return {
    result: searchPageResult(result),
    filters,
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
