import { fail } from '@sveltejs/kit';
import { requireRole } from '$lib/server/guards';
import { inviteMember } from '$lib/server/organizations/invite-member';
import { loadColleagues } from '$lib/server/organizations/load-colleagues';
import { loadOwnOrganization, saveOwnOrganization } from '$lib/server/organizations/organization-page';
import { revokeInvitation } from '$lib/server/organizations/revoke-invitation';
import { formValues, parseForm, safeValues, type FieldErrors } from '$lib/schemas/form';
import { colleagueInvitationSchema, invitationIdSchema } from '$lib/schemas/profile';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const [organization, team] = await Promise.all([loadOwnOrganization(locals), loadColleagues(locals)]);
  return { ...organization, ...team };
};

/** Failures of the colleague forms carry their own key, so the organization form does not show them. */
const inviteFailure = (status: number, errors: FieldErrors, form: FormData) =>
  fail(status, { invite: { errors, values: safeValues(formValues(form)) } });
const revokeFailure = (status: number, id: string, message: string) =>
  fail(status, { revoke: { id, message } });

export const actions: Actions = {
  save: (event) => saveOwnOrganization(event, ['employer_staff']),

  invite: async ({ request, locals, url }) => {
    const person = requireRole(locals, url, ['employer_staff']);
    const form = await request.formData();
    if (!person.organization) return inviteFailure(403, { form: 'Вы не состоите в организации' }, form);
    const parsed = parseForm(colleagueInvitationSchema, form);
    if (!parsed.ok) return inviteFailure(400, parsed.errors, form);
    const result = await inviteMember(locals.supabase, person, {
      organizationId: person.organization.id,
      email: parsed.data.email,
    });
    if (!result.ok) return inviteFailure(result.status, { [result.field]: result.message }, form);
    return { invited: parsed.data.email };
  },

  revoke: async ({ request, locals, url }) => {
    requireRole(locals, url, ['employer_staff']);
    const form = await request.formData();
    const parsed = parseForm(invitationIdSchema, form);
    if (!parsed.ok) return revokeFailure(400, String(form.get('id') ?? ''), parsed.errors.id);
    const result = await revokeInvitation(locals.supabase, parsed.data.id);
    if (!result.ok) return revokeFailure(result.status, parsed.data.id, result.message);
    return { revoked: result.email };
  },
};
