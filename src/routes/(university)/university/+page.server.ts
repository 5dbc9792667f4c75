import { formFailure } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import { inviteMember } from '$lib/server/organizations/invite-member';
import { parseForm } from '$lib/schemas/form';
import { invitationSchema } from '$lib/schemas/profile';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const orgId = locals.person!.organization?.id ?? '';
  const [students, colleagues] = await Promise.all([
    locals.supabase
      .from('profiles')
      .select('id, full_name, role, programme_code, year_of_study, graduation_year')
      .eq('university_id', orgId)
      .in('role', ['student', 'graduate'])
      .order('full_name')
      .limit(500),
    locals.supabase.from('memberships').select('profiles(full_name, position)').eq('organization_id', orgId),
  ]);
  if (students.error) throw new Error(students.error.message);
  return { students: students.data, colleagues: colleagues.data ?? [] };
};

export const actions: Actions = {
  invite: async ({ request, locals, url }) => {
    const person = requireRole(locals, url, ['university_staff']);
    const form = await request.formData();
    form.set('organizationId', person.organization?.id ?? '');
    const parsed = parseForm(invitationSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    const result = await inviteMember(locals.supabase, person, parsed.data);
    if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
    return { invited: parsed.data.email };
  },
};
