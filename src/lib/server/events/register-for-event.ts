import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { EVENT_FIELDS, type EventResult } from './event-fields.ts';

/** A student takes a place, or joins the waitlist when the event is full. */
export async function registerForEvent(
  supabase: Supabase,
  eventId: string,
): Promise<EventResult<{ status: 'registered' | 'waitlisted' | 'cancelled' }>> {
  const { data, error } = await supabase.rpc('register_for_event', { p_event_id: eventId });
  if (error) return { ok: false, ...describeDbError(error, EVENT_FIELDS) };
  return { ok: true, status: data };
}
