import { error } from '@sveltejs/kit';
import { loadEmployerPage } from '$lib/server/search-page/load-employer-page';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
  const page = await loadEmployerPage(locals.supabase, params.id);
  if (!page) error(404, 'Такого работодателя на платформе нет');
  return page;
};
