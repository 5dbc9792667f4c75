import { error } from '@sveltejs/kit';
import { toCalendarEvent } from '$lib/server/events/event-calendar';
import { writeCalendar } from '$lib/server/events/ics';
import { loadEvent } from '$lib/server/events/load-events';
import { isUuid } from '$lib/schemas/event';
import type { RequestHandler } from './$types';

/** One event as an .ics file, for whoever may see the event. */
export const GET: RequestHandler = async ({ params, locals }) => {
  if (!isUuid(params.id)) error(404, 'Мероприятие не найдено');
  const page = await loadEvent(locals.supabase, params.id, locals.person);
  if (!page) error(404, 'Мероприятие не найдено');
  return new Response(writeCalendar([toCalendarEvent(page.event)], page.event.title), {
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'attachment; filename="event.ics"',
      'cache-control': 'private, max-age=60',
    },
  });
};
