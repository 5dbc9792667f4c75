import { auth } from '$lib/server/auth';
import { requestMeta } from '$lib/server/accounts/request-meta';
import { signUpPerson } from '$lib/server/accounts/sign-up-person';
import { formFailure } from '$lib/server/forms';
import { loadClassifiers, loadUniversities } from '$lib/server/reference';
import { signUpPersonSchema } from '$lib/schemas/auth';
import { parseForm } from '$lib/schemas/form';
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  if (locals.person) redirect(303, '/home');
  const [universities, { programmes }] = await Promise.all([
    loadUniversities(locals.supabase),
    loadClassifiers(locals.supabase),
  ]);
  return { universities, programmes };
};

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const parsed = parseForm(signUpPersonSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    const { programmes } = await loadClassifiers(event.locals.supabase);
    if (parsed.data.programmeCode && !programmes.some((p) => p.value === parsed.data.programmeCode)) {
      return formFailure(
        400,
        { programmeCode: 'Такого кода нет в перечне направлений подготовки (ОКСО)' },
        form,
      );
    }
    const result = await signUpPerson(auth(), parsed.data, requestMeta(event));
    if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
    redirect(303, `/sign-up/check-email?email=${encodeURIComponent(parsed.data.email)}`);
  },
};
