import { error, redirect } from '@sveltejs/kit';
import { formFailure } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import { deleteOpportunity } from '$lib/server/opportunities/delete-opportunity';
import { rememberDeletedTitle } from '$lib/server/opportunities/deleted-title';
import type { Actions, PageServerLoad } from './$types';

/** The confirmation page of deleting a draft: works as a plain form without JavaScript. */
export const load: PageServerLoad = async ({ locals, params }) => {
  const orgId = locals.person?.organization?.id;
  if (!orgId || !/^[0-9a-f-]{36}$/i.test(params.id)) error(404, 'Публикация не найдена');
  const { data, error: dbError } = await locals.supabase
    .from('opportunities')
    .select('id, kind, title, status, ever_published, updated_at')
    .eq('id', params.id)
    .eq('organization_id', orgId)
    .maybeSingle();
  if (dbError) throw new Error(dbError.message);
  if (!data) error(404, 'Публикация не найдена');
  return { opportunity: data };
};

export const actions: Actions = {
  default: async ({ locals, url, params, cookies }) => {
    requireRole(locals, url, ['employer_staff']);
    const result = await deleteOpportunity(locals.supabase, params.id);
    if (!result.ok) return formFailure(result.status, { form: result.message });
    rememberDeletedTitle(cookies, result.title);
    redirect(303, '/employer/opportunities?deleted=1');
  },
};
