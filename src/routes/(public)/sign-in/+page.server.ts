import { auth } from '$lib/server/auth';
import { requestMeta } from '$lib/server/accounts/request-meta';
import { safeRedirectTarget, signIn } from '$lib/server/accounts/sign-in';
import { formFailure } from '$lib/server/forms';
import { signInSchema } from '$lib/schemas/auth';
import { parseForm } from '$lib/schemas/form';
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.person) redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo')));
};

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const parsed = parseForm(signInSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    const result = await signIn(auth(), parsed.data, requestMeta(event));
    if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
    redirect(303, safeRedirectTarget(event.url.searchParams.get('redirectTo')));
  },
};
