import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { EVENT_FIELDS, type EventResult } from './event-fields.ts';

/** A student gives up their place (or leaves the waitlist); a freed place goes to the waitlist. */
export async function cancelEventRegistration(supabase: Supabase, eventId: string): Promise<EventResult> {
  const { error } = await supabase.rpc('cancel_event_registration', { p_event_id: eventId });
  if (error) return { ok: false, ...describeDbError(error, EVENT_FIELDS) };
  return { ok: true };
}
