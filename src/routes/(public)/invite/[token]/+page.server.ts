import { auth } from '$lib/server/auth';
import { acceptInvitation } from '$lib/server/accounts/accept-invitation';
import { requestMeta } from '$lib/server/accounts/request-meta';
import { formFailure } from '$lib/server/forms';
import { anonClient } from '$lib/server/supabase';
import { acceptInvitationSchema } from '$lib/schemas/auth';
import { parseForm } from '$lib/schemas/form';
import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

async function preview(token: string) {
  const { data, error: e } = await anonClient().rpc('invitation_preview', { p_token: token });
  if (e) throw new Error(e.message);
  const invitation = data?.[0];
  if (!invitation) error(404, 'Приглашение не найдено. Проверьте ссылку из письма.');
  return invitation;
}

export const load: PageServerLoad = async ({ params, locals }) => {
  if (locals.person) redirect(303, '/home');
  return { invitation: await preview(params.token) };
};

export const actions: Actions = {
  default: async (event) => {
    const invitation = await preview(event.params.token);
    const form = await event.request.formData();
    if (invitation.state !== 'valid') {
      return formFailure(
        410,
        { form: 'Приглашение недействительно или устарело. Попросите прислать новое.' },
        form,
      );
    }
    const parsed = parseForm(acceptInvitationSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    const result = await acceptInvitation(
      auth(),
      event.params.token,
      invitation.email,
      parsed.data,
      requestMeta(event),
    );
    if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
    redirect(303, `/sign-up/check-email?email=${encodeURIComponent(invitation.email)}`);
  },
};
