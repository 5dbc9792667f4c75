import { WAITING_STATUSES } from '../../../schemas/pipeline.ts';
import type { Supabase } from '../../supabase.ts';
import { ANSWER_WITHIN_WORKING_DAYS, workingDaysAgo } from './working-days.ts';

/** The organization's applications still submitted or viewed: a head count over the partial index. */
const waitingQuery = (supabase: Supabase, organizationId: string) =>
  supabase
    .from('applications')
    .select('id', { count: 'exact', head: true })
    .eq('organization_id', organizationId)
    .in('status', [...WAITING_STATUSES]);

/**
 * «Ждут ответа» on the employer's home: applications still submitted or viewed, and how many of
 * them have waited longer than 3 working days. Two counts over the partial index of waiting rows.
 */
export async function countWaitingApplications(supabase: Supabase, organizationId: string, now = new Date()) {
  const [all, overdue] = await Promise.all([
    waitingQuery(supabase, organizationId),
    waitingQuery(supabase, organizationId).lt(
      'created_at',
      workingDaysAgo(ANSWER_WITHIN_WORKING_DAYS, now).toISOString(),
    ),
  ]);
  const error = all.error ?? overdue.error;
  if (error) throw new Error(`waiting applications: ${error.message}`);
  return { waiting: all.count ?? 0, overdue: overdue.count ?? 0 };
}

/**
 * Only how many wait, for the «Отклики» link in the header of every employer page: one count, and
 * null (the link without a number) rather than a broken page when it cannot be read.
 */
export async function countApplicationsAwaitingAnswer(
  supabase: Supabase,
  organizationId: string,
): Promise<number | null> {
  const { count, error } = await waitingQuery(supabase, organizationId);
  if (error) {
    console.error('waiting applications for the header:', error.message);
    return null;
  }
  return count ?? 0;
}
