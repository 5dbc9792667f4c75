import { listPlacements } from '$lib/server/placements/load-placements';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
  placements: await listPlacements(locals.supabase, {
    organizationId: locals.person!.organization?.id ?? '',
  }),
});
