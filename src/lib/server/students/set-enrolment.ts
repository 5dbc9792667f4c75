import type { EnrolmentStatus } from '$lib/enrolment';
import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';

/**
 * The university's decision on students' claims (one or many) through the staff member's own
 * client; the database checks that each is a student of their university. Returns how many changed.
 */
export async function setEnrolment(
  supabase: Supabase,
  profileIds: string[],
  status: Exclude<EnrolmentStatus, 'claimed'>,
  source: 'queue' | 'list_upload' = 'queue',
): Promise<{ ok: true; changed: number; refused: number } | { ok: false; status: number; message: string }> {
  const { data, error } = await supabase.rpc('set_student_enrolment', {
    p_profile_ids: profileIds,
    p_status: status,
    p_source: source,
  });
  if (error) {
    const e = describeDbError(error);
    return { ok: false, status: e.status, message: e.message };
  }
  const rows = data ?? [];
  return {
    ok: true,
    changed: rows.filter((r) => r.changed).length,
    refused: rows.filter((r) => !r.changed && r.message).length,
  };
}
