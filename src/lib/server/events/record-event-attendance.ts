import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { EVENT_FIELDS, type EventResult } from './event-fields.ts';

/**
 * After the start the organizer records attendance: the registrations of students who came, and
 * how many pupils of each school group came. The event becomes held.
 */
export async function recordEventAttendance(
  supabase: Supabase,
  id: string,
  attended: string[],
  groupCounts: Record<string, number>,
): Promise<EventResult> {
  const { error } = await supabase.rpc('record_event_attendance', {
    p_id: id,
    p_attended: attended,
    p_group_counts: groupCounts,
  });
  if (error) return { ok: false, ...describeDbError(error, EVENT_FIELDS) };
  return { ok: true };
}
