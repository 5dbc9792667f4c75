import { fail, type RequestEvent } from '@sveltejs/kit';
import { colleagueInvitationSchema, invitationIdSchema } from '../../schemas/profile.ts';
import { formValues, parseForm, safeValues, type FieldErrors } from '../../schemas/form.ts';
import type { PersonRole } from '../../types.ts';
import { requireRole } from '../guards.ts';
import { inviteMember } from './invite-member.ts';
import { revokeInvitation } from './revoke-invitation.ts';

/**
 * The «Коллеги» block's two actions, shared by employers and universities: invite a colleague to
 * the signed-in person's own organization, and revoke an invitation still waiting for an answer.
 * Who may do either is the database's to decide (create_invitation, revoke_invitation): an employer
 * only once verified, a university always. Failures carry their own key (`invite`, `revoke`), so
 * another form on the same page does not show them.
 */

const inviteFailure = (status: number, errors: FieldErrors, form: FormData) =>
  fail(status, { invite: { errors, values: safeValues(formValues(form)) } });
const revokeFailure = (status: number, id: string, message: string) =>
  fail(status, { revoke: { id, message } });

export async function inviteColleague(event: RequestEvent, roles: readonly PersonRole[]) {
  const person = requireRole(event.locals, event.url, roles);
  const form = await event.request.formData();
  if (!person.organization) return inviteFailure(403, { form: 'Вы не состоите в организации' }, form);
  const parsed = parseForm(colleagueInvitationSchema, form);
  if (!parsed.ok) return inviteFailure(400, parsed.errors, form);
  const result = await inviteMember(event.locals.supabase, person, {
    organizationId: person.organization.id,
    email: parsed.data.email,
  });
  if (!result.ok) return inviteFailure(result.status, { [result.field]: result.message }, form);
  return { invited: parsed.data.email };
}

export async function revokeColleagueInvitation(event: RequestEvent, roles: readonly PersonRole[]) {
  requireRole(event.locals, event.url, roles);
  const form = await event.request.formData();
  const parsed = parseForm(invitationIdSchema, form);
  if (!parsed.ok) return revokeFailure(400, String(form.get('id') ?? ''), parsed.errors.id);
  const result = await revokeInvitation(event.locals.supabase, parsed.data.id);
  if (!result.ok) return revokeFailure(result.status, parsed.data.id, result.message);
  return { revoked: result.email };
}
