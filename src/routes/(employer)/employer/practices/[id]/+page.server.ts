import { error } from '@sveltejs/kit';
import { loadPlacement } from '$lib/server/placements/load-placements';
import { placementActions } from '$lib/server/placements/placement-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
  const found = await loadPlacement(locals.supabase, params.id);
  if (!found) error(404, 'Практика не найдена');
  return found;
};

export const actions: Actions = placementActions;
