import { loadStipendAwards } from '$lib/server/stipends/load-stipend-awards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
  awards: await loadStipendAwards(locals.supabase, { studentId: locals.person!.id }),
});
