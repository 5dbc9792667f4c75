import { auth } from '$lib/server/auth';
import { requestMeta } from '$lib/server/accounts/request-meta';
import { signUpEmployer } from '$lib/server/accounts/sign-up-employer';
import { formFailure } from '$lib/server/forms';
import { loadClassifiers } from '$lib/server/reference';
import { signUpEmployerSchema } from '$lib/schemas/auth';
import { parseForm } from '$lib/schemas/form';
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  if (locals.person) redirect(303, '/home');
  const { industries, districts } = await loadClassifiers(locals.supabase);
  return { industries, districts };
};

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const parsed = parseForm(signUpEmployerSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    const { districts } = await loadClassifiers(event.locals.supabase);
    if (parsed.data.districtCode && !districts.some((d) => d.value === parsed.data.districtCode)) {
      return formFailure(400, { districtCode: 'Выберите район Кемерова из списка' }, form);
    }
    const result = await signUpEmployer(auth(), parsed.data, requestMeta(event));
    if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
    redirect(303, `/sign-up/check-email?email=${encodeURIComponent(parsed.data.email)}&employer=1`);
  },
};
