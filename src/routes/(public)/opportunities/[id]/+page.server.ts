import { error } from '@sveltejs/kit';
import { loadPublicOpportunity } from '$lib/server/search-page/load-opportunity';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
  const opportunity = await loadPublicOpportunity(locals.supabase, params.id);
  if (!opportunity) error(404, 'Такой публикации нет или она уже снята с публикации');
  return { opportunity };
};
