import { redirect } from '@sveltejs/kit';
import { createEvent } from '$lib/server/events/create-event';
import { formFailure } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import { parseForm } from '$lib/schemas/form';
import { eventSchema } from '$lib/schemas/event';
import type { Actions, PageServerLoad } from './$types';

const ORGANIZERS = ['employer_staff', 'university_staff', 'administrator'] as const;

export const load: PageServerLoad = ({ locals, url }) => {
  const person = requireRole(locals, url, ORGANIZERS);
  return { organizationName: person.organization?.name ?? '' };
};

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    const person = requireRole(locals, url, ORGANIZERS);
    const form = await request.formData();
    const parsed = parseForm(eventSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    const result = await createEvent(locals.supabase, person.organization?.id ?? '', parsed.data);
    if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
    redirect(303, `/events/${result.id}?created=1`);
  },
};
