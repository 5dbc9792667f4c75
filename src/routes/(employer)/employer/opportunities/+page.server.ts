import { redirect } from '@sveltejs/kit';
import { formFailure } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import { takeDeletedTitle } from '$lib/server/opportunities/deleted-title';
import { duplicateOpportunity } from '$lib/server/opportunities/duplicate-opportunity';
import { extendOpportunity } from '$lib/server/opportunities/extend-opportunity';
import { publishOpportunity } from '$lib/server/opportunities/publish-opportunity';
import { parseForm } from '$lib/schemas/form';
import { opportunityIdSchema, publicationTermSchema } from '$lib/schemas/opportunity';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, cookies }) => {
  const deletedTitle = takeDeletedTitle(cookies);
  const orgId = locals.person?.organization?.id;
  if (!orgId) return { opportunities: [], deletedTitle };
  // The policies also show other employers' published postings: only our own belong here.
  const { data, error } = await locals.supabase
    .from('opportunities')
    .select(
      'id, kind, status, title, apply_by, published_at, expires_at, moderation_note, ever_published, updated_at',
    )
    .eq('organization_id', orgId)
    .order('updated_at', { ascending: false });
  if (error) throw new Error(error.message);
  return { opportunities: data, deletedTitle };
};

export const actions: Actions = {
  publish: async ({ request, locals, url }) => {
    requireRole(locals, url, ['employer_staff']);
    const form = await request.formData();
    const parsed = parseForm(publicationTermSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    const result = await publishOpportunity(locals.supabase, parsed.data.id, parsed.data.days);
    if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
    return { done: result.status, id: parsed.data.id };
  },

  extend: async ({ request, locals, url }) => {
    requireRole(locals, url, ['employer_staff']);
    const form = await request.formData();
    const parsed = parseForm(publicationTermSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    const result = await extendOpportunity(locals.supabase, parsed.data.id, parsed.data.days);
    if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
    return { done: 'extended' as const, id: parsed.data.id };
  },

  duplicate: async ({ request, locals, url }) => {
    requireRole(locals, url, ['employer_staff']);
    const form = await request.formData();
    const parsed = parseForm(opportunityIdSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    const result = await duplicateOpportunity(locals.supabase, parsed.data.id);
    if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
    redirect(303, `/employer/opportunities/${result.id}/edit?copied=1`);
  },
};
