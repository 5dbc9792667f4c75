import { redirect } from '@sveltejs/kit';
import { formFailure } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import { closeOpportunity } from '$lib/server/opportunities/close-opportunity';
import { loadOwnOpportunity } from '$lib/server/opportunities/load-own-opportunity';
import type { Actions, PageServerLoad } from './$types';

/** The confirmation page of taking a posting down: works as a plain form without JavaScript. */
export const load: PageServerLoad = async ({ locals, params }) => ({
  opportunity: await loadOwnOpportunity(locals, params.id),
});

export const actions: Actions = {
  default: async ({ locals, url, params }) => {
    requireRole(locals, url, ['employer_staff']);
    const { id } = await loadOwnOpportunity(locals, params.id);
    const result = await closeOpportunity(locals.supabase, id);
    if (!result.ok) return formFailure(result.status, { form: result.message });
    redirect(303, `/employer/opportunities?closed=${id}`);
  },
};
