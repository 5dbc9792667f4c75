import { loadOwnOrganization, saveOwnOrganization } from '$lib/server/organizations/organization-page';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => loadOwnOrganization(locals);

export const actions: Actions = {
  default: (event) => saveOwnOrganization(event, ['university_staff']),
};
