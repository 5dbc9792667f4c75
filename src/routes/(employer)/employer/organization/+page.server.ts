import { inviteColleague, revokeColleagueInvitation } from '$lib/server/organizations/colleague-actions';
import { loadColleagues } from '$lib/server/organizations/load-colleagues';
import { loadOwnOrganization, saveOwnOrganization } from '$lib/server/organizations/organization-page';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const [organization, team] = await Promise.all([loadOwnOrganization(locals), loadColleagues(locals)]);
  return { ...organization, ...team };
};

export const actions: Actions = {
  save: (event) => saveOwnOrganization(event, ['employer_staff']),
  invite: (event) => inviteColleague(event, ['employer_staff']),
  revoke: (event) => revokeColleagueInvitation(event, ['employer_staff']),
};
