import { error, redirect } from '@sveltejs/kit';
import { formFailure } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import { extendOpportunity } from '$lib/server/opportunities/extend-opportunity';
import type { Actions, PageServerLoad } from './$types';

/** The page the expiry email links to: one button. Sign-in comes first (the layout sends back here). */
export const load: PageServerLoad = async ({ locals, params }) => {
  const orgId = locals.person?.organization?.id;
  const { data, error: dbError } = /^[0-9a-f-]{36}$/i.test(params.id)
    ? await locals.supabase
        .from('opportunities')
        .select('id, title, status, expires_at')
        .eq('id', params.id)
        .eq('organization_id', orgId ?? '')
        .maybeSingle()
    : { data: null, error: null };
  if (dbError) throw new Error(dbError.message);
  if (!data) error(404, 'Публикация не найдена');
  return { opportunity: data };
};

export const actions: Actions = {
  default: async ({ locals, url, params }) => {
    requireRole(locals, url, ['employer_staff']);
    const result = await extendOpportunity(locals.supabase, params.id, 30);
    if (!result.ok) return formFailure(result.status, { form: result.message });
    redirect(303, `/employer/opportunities?extended=${params.id}`);
  },
};
