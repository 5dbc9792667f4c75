import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { EVENT_FIELDS, type EventResult } from './event-fields.ts';

/** The organizer cancels a planned event; everyone registered gets a letter. */
export async function cancelEvent(supabase: Supabase, id: string, reason: string): Promise<EventResult> {
  const { error } = await supabase.rpc('cancel_event', { p_id: id, p_reason: reason });
  if (error) return { ok: false, ...describeDbError(error, EVENT_FIELDS) };
  return { ok: true };
}
