import { error } from '@sveltejs/kit';
import { confirmEmploymentSchema, declineSchema } from '$lib/schemas/application';
import { parseForm } from '$lib/schemas/form';
import { acceptOffer } from '$lib/server/applications/accept-offer';
import { confirmMyEmployment } from '$lib/server/applications/confirm-my-employment';
import { declineOffer } from '$lib/server/applications/decline-offer';
import { loadStudentApplication } from '$lib/server/applications/load-student-application';
import { formFailure } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
  const found = await loadStudentApplication(locals.supabase, locals.person!.id, params.id);
  if (!found) error(404, 'Такого отклика нет');
  return found;
};

export const actions: Actions = {
  accept: async ({ locals, params }) => {
    const result = await acceptOffer(locals.supabase, params.id);
    if (!result.ok) return formFailure(result.status, { [result.field]: result.message });
    return { done: 'accepted' as const };
  },
  decline: async ({ locals, params, request }) => {
    const form = await request.formData();
    const parsed = parseForm(declineSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    const result = await declineOffer(locals.supabase, params.id, parsed.data.note);
    if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
    return { done: 'declined' as const };
  },
  confirmEmployment: async ({ locals, request }) => {
    const form = await request.formData();
    const parsed = parseForm(confirmEmploymentSchema, form);
    if (!parsed.ok)
      return formFailure(404, { form: parsed.errors.employmentId ?? 'Запись о приёме не найдена' });
    const result = await confirmMyEmployment(locals.supabase, parsed.data.employmentId);
    if (!result.ok) return formFailure(result.status, { form: result.message });
    return { done: 'confirmed' as const };
  },
};
