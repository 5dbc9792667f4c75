import { describeDbError } from '../errors.ts';
import { hitRateLimit, LIMITS, waitMessage } from '../rate-limit.ts';
import type { Supabase } from '../supabase.ts';
import type { SchoolGroupInput } from '../../schemas/event.ts';
import { EVENT_FIELDS, type EventResult } from './event-fields.ts';

/**
 * A teacher registers a school group (no account): limited per client address, since the form is
 * open to anyone.
 */
export async function registerSchoolGroup(
  supabase: Supabase,
  eventId: string,
  input: SchoolGroupInput,
  clientAddress: string,
): Promise<EventResult> {
  const { max, windowSeconds } = LIMITS.schoolGroupsPerIp;
  const wait = await hitRateLimit(`school-group:ip:${clientAddress}`, max, windowSeconds);
  if (wait) return { ok: false, field: 'form', message: waitMessage(wait), status: 429 };
  const { error } = await supabase.rpc('register_school_group', {
    p_event_id: eventId,
    p_teacher_name: input.teacherName,
    p_school_name: input.schoolName,
    p_email: input.email,
    p_headcount: input.headcount,
  });
  if (error) return { ok: false, ...describeDbError(error, EVENT_FIELDS) };
  return { ok: true };
}
