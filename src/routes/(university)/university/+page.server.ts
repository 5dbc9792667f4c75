import { inviteColleague, revokeColleagueInvitation } from '$lib/server/organizations/colleague-actions';
import { loadColleagues } from '$lib/server/organizations/load-colleagues';
import { loadUniversityHome } from '$lib/server/university-home/load-university-home';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const orgId = locals.person!.organization?.id ?? '';
  const [home, team] = await Promise.all([
    loadUniversityHome(locals.supabase, orgId),
    loadColleagues(locals),
  ]);
  return { ...home, ...team };
};

export const actions: Actions = {
  invite: (event) => inviteColleague(event, ['university_staff']),
  revoke: (event) => revokeColleagueInvitation(event, ['university_staff']),
};
