import type { Supabase } from '../../supabase.ts';
import { ANSWER_WITHIN_WORKING_DAYS, workingDaysAgo } from './working-days.ts';

/**
 * The organization's applications still submitted or viewed, and those created before
 * `overdueBefore`: waiting_application_counts() counts both in one index-only read of
 * (organization_id, status, created_at), for members of the organization (zeros for anyone else).
 * Through RLS the same counts read and checked every application of the organization, because the
 * condition on an enum may not use an index under a policy.
 */
async function waitingCounts(supabase: Supabase, organizationId: string, overdueBefore?: Date) {
  const { data, error } = await supabase
    .rpc('waiting_application_counts', {
      p_organization_id: organizationId,
      ...(overdueBefore ? { p_overdue_before: overdueBefore.toISOString() } : {}),
    })
    .single();
  if (error) return { error };
  return { counts: { waiting: data.waiting ?? 0, overdue: data.overdue ?? 0 } };
}

/**
 * «Ждут ответа» on the employer's home: applications still submitted or viewed, and how many of
 * them have waited longer than 3 working days.
 */
export async function countWaitingApplications(supabase: Supabase, organizationId: string, now = new Date()) {
  const result = await waitingCounts(
    supabase,
    organizationId,
    workingDaysAgo(ANSWER_WITHIN_WORKING_DAYS, now),
  );
  if (result.error) throw new Error(`waiting applications: ${result.error.message}`);
  return result.counts;
}

/**
 * Only how many wait, for the «Отклики» link in the header of every employer page: one count, and
 * null (the link without a number) rather than a broken page when it cannot be read.
 */
export async function countApplicationsAwaitingAnswer(
  supabase: Supabase,
  organizationId: string,
): Promise<number | null> {
  const result = await waitingCounts(supabase, organizationId);
  if (result.error) {
    console.error('waiting applications for the header:', result.error.message);
    return null;
  }
  return result.counts.waiting;
}
