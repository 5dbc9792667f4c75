import { formFailure } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import {
  deleteSavedSearch,
  listSavedSearches,
  setAlertFrequency,
} from '$lib/server/saved-searches/manage-saved-searches';
import { loadClassifiers, loadUniversities } from '$lib/server/reference';
import { loadProgrammeGroups } from '$lib/server/reference';
import { describeSearch } from '$lib/search-criteria';
import { parseForm } from '$lib/schemas/form';
import { parseSearchParams } from '$lib/schemas/search';
import { deleteSavedSearchSchema, updateSavedSearchSchema } from '$lib/schemas/saved-search';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const [searches, { districts, industries }, universities, fields] = await Promise.all([
    listSavedSearches(locals.supabase),
    loadClassifiers(locals.supabase),
    loadUniversities(locals.supabase),
    loadProgrammeGroups(locals.supabase),
  ]);
  const labels = { district: districts, industry: industries, field: fields, university: universities };
  return {
    searches: searches.map((s) => ({
      ...s,
      criteria: describeSearch(parseSearchParams(new URLSearchParams(s.query)), labels),
    })),
  };
};

const GONE = 'Этот поиск уже удалён';

export const actions: Actions = {
  frequency: async ({ request, locals, url }) => {
    requireRole(locals, url, ['student', 'graduate']);
    const form = await request.formData();
    const parsed = parseForm(updateSavedSearchSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    const name = await setAlertFrequency(locals.supabase, parsed.data.id, parsed.data.frequency);
    if (!name) return formFailure(404, { form: GONE }, form);
    return { changed: name };
  },
  delete: async ({ request, locals, url }) => {
    requireRole(locals, url, ['student', 'graduate']);
    const form = await request.formData();
    const parsed = parseForm(deleteSavedSearchSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    const name = await deleteSavedSearch(locals.supabase, parsed.data.id);
    if (!name) return formFailure(404, { form: GONE }, form);
    return { deleted: name };
  },
};
