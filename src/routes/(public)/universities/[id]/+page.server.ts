import { error } from '@sveltejs/kit';
import { loadUniversityPage } from '$lib/server/organizations/load-university-page';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
  const page = await loadUniversityPage(locals.supabase, params.id);
  if (!page) error(404, 'Такого вуза на платформе нет');
  return page;
};
