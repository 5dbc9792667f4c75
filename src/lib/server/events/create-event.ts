import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import type { EventInput } from '../../schemas/event.ts';
import { EVENT_FIELDS, type EventResult } from './event-fields.ts';

/** An organizer (its member) puts an event on the calendar: planned. */
export async function createEvent(
  supabase: Supabase,
  organizationId: string,
  input: EventInput,
): Promise<EventResult<{ id: string }>> {
  const { data, error } = await supabase.rpc('create_event', {
    p_organization_id: organizationId,
    p_kind: input.kind,
    p_title: input.title,
    p_description: input.description,
    p_starts_at: input.startsAt,
    p_ends_at: input.endsAt,
    p_place: input.place ?? '',
    p_online_url: input.onlineUrl ?? '',
    p_audience: input.audience,
    p_capacity: input.capacity,
  });
  if (error) return { ok: false, ...describeDbError(error, EVENT_FIELDS) };
  return { ok: true, id: data };
}
