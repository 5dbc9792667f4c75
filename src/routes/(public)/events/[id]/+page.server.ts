import { error } from '@sveltejs/kit';
import { requestMeta } from '$lib/server/accounts/request-meta';
import { cancelEvent } from '$lib/server/events/cancel-event';
import { cancelEventRegistration } from '$lib/server/events/cancel-event-registration';
import { cancelSchoolGroup } from '$lib/server/events/cancel-school-group';
import { loadEvent } from '$lib/server/events/load-events';
import { recordEventAttendance } from '$lib/server/events/record-event-attendance';
import { registerForEvent } from '$lib/server/events/register-for-event';
import { registerSchoolGroup } from '$lib/server/events/register-school-group';
import { formFailure } from '$lib/server/forms';
import { requireSignedIn } from '$lib/server/guards';
import { parseForm } from '$lib/schemas/form';
import { eventReasonSchema, groupIdSchema, isUuid, schoolGroupSchema } from '$lib/schemas/event';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
  if (!isUuid(params.id)) error(404, 'Мероприятие не найдено');
  const page = await loadEvent(locals.supabase, params.id, locals.person);
  if (!page) error(404, 'Мероприятие не найдено');
  return page;
};

export const actions: Actions = {
  register: async ({ params, locals, url }) => {
    requireSignedIn(locals, url);
    const result = await registerForEvent(locals.supabase, params.id);
    if (!result.ok) return formFailure(result.status, { register: result.message });
    return { done: result.status === 'waitlisted' ? ('waitlisted' as const) : ('registered' as const) };
  },
  unregister: async ({ params, locals, url }) => {
    requireSignedIn(locals, url);
    const result = await cancelEventRegistration(locals.supabase, params.id);
    if (!result.ok) return formFailure(result.status, { register: result.message });
    return { done: 'unregistered' as const };
  },
  school: async (event) => {
    const form = await event.request.formData();
    const parsed = parseForm(schoolGroupSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    const ip = requestMeta(event).ip ?? 'unknown';
    const result = await registerSchoolGroup(event.locals.supabase, event.params.id, parsed.data, ip);
    if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
    return { done: 'school' as const };
  },
  cancel: async ({ params, request, locals, url }) => {
    requireSignedIn(locals, url);
    const form = await request.formData();
    const parsed = parseForm(eventReasonSchema, form);
    if (!parsed.ok)
      return formFailure(400, { cancelReason: parsed.errors.reason ?? parsed.errors.form }, form);
    const result = await cancelEvent(locals.supabase, params.id, parsed.data.reason);
    if (!result.ok) return formFailure(result.status, { cancelReason: result.message }, form);
    return { done: 'cancelled' as const };
  },
  cancelGroup: async ({ request, locals, url }) => {
    requireSignedIn(locals, url);
    const form = await request.formData();
    const parsed = parseForm(groupIdSchema, form);
    if (!parsed.ok) return formFailure(400, { groups: parsed.errors.groupId }, form);
    const result = await cancelSchoolGroup(locals.supabase, parsed.data.groupId);
    if (!result.ok) return formFailure(result.status, { groups: result.message }, form);
    return { done: 'groupCancelled' as const };
  },
  attendance: async ({ params, request, locals, url }) => {
    requireSignedIn(locals, url);
    const form = await request.formData();
    const attended = form.getAll('attended').filter((v): v is string => typeof v === 'string' && isUuid(v));
    const counts: Record<string, number> = {};
    for (const [key, value] of form.entries()) {
      const id = key.startsWith('group-') ? key.slice(6) : '';
      if (!isUuid(id) || typeof value !== 'string') continue;
      const n = Number(value.trim() || '0');
      if (!Number.isInteger(n) || n < 0 || n > 400)
        return formFailure(400, { attendance: 'Число пришедших учеников — целое число от 0 до 400' }, form);
      counts[id] = n;
    }
    const result = await recordEventAttendance(locals.supabase, params.id, attended, counts);
    if (!result.ok) return formFailure(result.status, { attendance: result.message }, form);
    return { done: 'held' as const };
  },
};
