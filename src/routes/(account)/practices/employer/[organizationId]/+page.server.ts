import { error } from '@sveltejs/kit';
import { isUuid } from '$lib/schemas/pipeline';
import { listPlacements } from '$lib/server/placements/load-placements';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
  // an address that names no organization is a 404, not a database error
  if (!isUuid(params.organizationId)) error(404, 'Такого предприятия нет');
  const placements = (
    await listPlacements(locals.supabase, { organizationId: params.organizationId })
  ).filter((p) => p.status !== 'cancelled');
  return { placements, employerName: placements[0]?.employer?.name ?? 'Предприятие' };
};
