import { isOpportunityKind } from '$lib/schemas/opportunity';
import { loadPostingFormOptions, savePostingForm } from '$lib/server/opportunities/opportunity-page';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const kind = url.searchParams.get('kind');
  // Without JavaScript the kind is the first step: a GET form that comes back here with ?kind=…
  if (!isOpportunityKind(kind)) return { kind: null, options: null };
  return { kind, options: await loadPostingFormOptions(locals) };
};

export const actions: Actions = {
  default: (event) => savePostingForm(event),
};
