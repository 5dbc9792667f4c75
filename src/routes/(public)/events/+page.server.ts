import { loadCalendar } from '$lib/server/events/load-events';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const calendar = await loadCalendar(locals.supabase);
  const role = locals.person?.role;
  const canOrganize =
    role === 'administrator' ||
    role === 'university_staff' ||
    (role === 'employer_staff' && locals.person?.organization?.verificationStatus === 'verified');
  return { ...calendar, canOrganize };
};
