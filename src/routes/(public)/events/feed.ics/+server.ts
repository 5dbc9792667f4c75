import { toCalendarEvent } from '$lib/server/events/event-calendar';
import { writeCalendar } from '$lib/server/events/ics';
import { loadCalendar } from '$lib/server/events/load-events';
import { anonClient } from '$lib/server/supabase';
import type { RequestHandler } from './$types';

/** The public iCalendar feed: planned events and held ones of the last year (as anyone sees them). */
export const GET: RequestHandler = async () => {
  const { upcoming, past } = await loadCalendar(anonClient());
  const body = writeCalendar([...upcoming, ...past].map((e) => toCalendarEvent(e)));
  return new Response(body, {
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'inline; filename="kemerovo-profi-events.ics"',
      'cache-control': 'public, max-age=300',
    },
  });
};
