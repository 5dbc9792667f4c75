import { error, redirect } from '@sveltejs/kit';
import { withdrawSchema } from '$lib/schemas/application';
import { parseForm } from '$lib/schemas/form';
import { loadStudentApplication } from '$lib/server/applications/load-student-application';
import { withdrawApplication } from '$lib/server/applications/withdraw-application';
import { formFailure } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

/** The confirmation page of withdrawing an application: a plain form, works without JavaScript. */
export const load: PageServerLoad = async ({ locals, params }) => {
  const found = await loadStudentApplication(locals.supabase, locals.person!.id, params.id);
  if (!found) error(404, 'Такого отклика нет');
  return { application: found.application };
};

export const actions: Actions = {
  default: async ({ locals, params, request }) => {
    const form = await request.formData();
    const parsed = parseForm(withdrawSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    const result = await withdrawApplication(locals.supabase, params.id, parsed.data.note);
    if (!result.ok) {
      if (result.status === 404) error(404, 'Такого отклика нет');
      return formFailure(result.status, { [result.field]: result.message }, form);
    }
    redirect(303, `/student/applications/${params.id}?withdrawn=1`);
  },
};
