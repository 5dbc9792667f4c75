import { error } from '@sveltejs/kit';
import { requireSignedIn } from '$lib/server/guards';
import { loadOpportunityPreview } from '$lib/server/search-page/load-opportunity';
import type { PageServerLoad } from './$types';

/** A posting as the public would see it, for its own organization and the administration. */
export const load: PageServerLoad = async ({ params, locals, url }) => {
  const person = requireSignedIn(locals, url);
  const opportunity = await loadOpportunityPreview(locals.supabase, person, params.id);
  if (!opportunity) error(404, 'Публикация не найдена');
  const own = person.organization?.id === opportunity.organization_id;
  return { opportunity, own };
};
