import { inviteColleague, revokeColleagueInvitation } from '$lib/server/organizations/colleague-actions';
import { loadColleagues } from '$lib/server/organizations/load-colleagues';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const orgId = locals.person!.organization?.id ?? '';
  const [students, team] = await Promise.all([
    locals.supabase
      .from('profiles')
      .select('id, full_name, role, programme_code, year_of_study, graduation_year, enrolment_status')
      .eq('university_id', orgId)
      .in('role', ['student', 'graduate'])
      .order('full_name')
      .limit(500),
    loadColleagues(locals),
  ]);
  if (students.error) throw new Error(students.error.message);
  return { students: students.data, ...team };
};

export const actions: Actions = {
  invite: (event) => inviteColleague(event, ['university_staff']),
  revoke: (event) => revokeColleagueInvitation(event, ['university_staff']),
};
