import { error, redirect } from '@sveltejs/kit';
import { applySchema, isUuid } from '$lib/schemas/application';
import { parseForm } from '$lib/schemas/form';
import { requestMeta } from '$lib/server/accounts/request-meta';
import { applyToOpportunity } from '$lib/server/applications/apply';
import { loadApplyBlock } from '$lib/server/applications/load-apply-block';
import { loadCachedResponseStats } from '$lib/server/search-page/load-employer-page';
import { formFailure } from '$lib/server/forms';
import { loadPublicOpportunity } from '$lib/server/search-page/load-opportunity';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
  const opportunity = await loadPublicOpportunity(locals.supabase, params.id);
  if (!opportunity) error(404, 'Такой публикации нет или она уже снята с публикации');
  const person = locals.person ? { id: locals.person.id, fullName: locals.person.fullName } : null;
  const [applyBlock, responseStats] = await Promise.all([
    loadApplyBlock(locals.supabase, person, opportunity.id, { applyBy: opportunity.apply_by }),
    loadCachedResponseStats(opportunity.organization_id),
  ]);
  return { opportunity, applyBlock, responseStats };
};

export const actions: Actions = {
  /** «Откликнуться»: a plain POST without JavaScript; a repeat lands on the same application. */
  apply: async (event) => {
    const { locals, params, request, url } = event;
    // an address that names no posting is a 404, as the page itself is (not a database error)
    if (!isUuid(params.id)) error(404, 'Такой публикации нет или она уже снята с публикации');
    if (!locals.person) redirect(303, `/sign-in?redirectTo=${encodeURIComponent(url.pathname)}`);
    const form = await request.formData();
    const parsed = parseForm(applySchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    const result = await applyToOpportunity(locals.supabase, {
      ...parsed.data,
      opportunityId: params.id,
      applicantName: locals.person.fullName,
      meta: requestMeta(event),
    });
    if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
    redirect(
      303,
      `/student/applications/${result.applicationId}?${result.created ? 'applied' : 'already'}=1`,
    );
  },
};
