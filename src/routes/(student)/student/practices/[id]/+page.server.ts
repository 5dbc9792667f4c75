import { error } from '@sveltejs/kit';
import { loadPlacement } from '$lib/server/placements/load-placements';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
  const found = await loadPlacement(locals.supabase, params.id);
  if (!found) error(404, 'Практика не найдена');
  return found;
};
