import { listPlacements } from '$lib/server/placements/load-placements';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
  const placements = (
    await listPlacements(locals.supabase, { organizationId: params.organizationId })
  ).filter((p) => p.status !== 'cancelled');
  return { placements, employerName: placements[0]?.employer?.name ?? 'Предприятие' };
};
