import { countWaitingApplications } from '$lib/server/applications/employer/count-waiting-applications';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const orgId = locals.person?.organization?.id;
  if (!orgId) return { note: null, waiting: null };
  const [{ data }, waiting] = await Promise.all([
    locals.supabase.from('organizations').select('verification_note').eq('id', orgId).single(),
    countWaitingApplications(locals.supabase, orgId),
  ]);
  return { note: data?.verification_note ?? null, waiting };
};
