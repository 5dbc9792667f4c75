import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { EVENT_FIELDS, type EventResult } from './event-fields.ts';

/** The organizer cancels a school group's registration; the freed places go to the waitlist. */
export async function cancelSchoolGroup(supabase: Supabase, groupId: string): Promise<EventResult> {
  const { error } = await supabase.rpc('cancel_school_group', { p_group_id: groupId });
  if (error) return { ok: false, ...describeDbError(error, EVENT_FIELDS) };
  return { ok: true };
}
