import { WAITING_STATUSES } from '../../../schemas/pipeline.ts';
import type { Supabase } from '../../supabase.ts';
import { ANSWER_WITHIN_WORKING_DAYS, workingDaysAgo } from './working-days.ts';

/**
 * «Ждут ответа» on the employer's home: applications still submitted or viewed, and how many of
 * them have waited longer than 3 working days. Two counts over the partial index of waiting rows.
 */
export async function countWaitingApplications(supabase: Supabase, organizationId: string, now = new Date()) {
  const waiting = () =>
    supabase
      .from('applications')
      .select('id', { count: 'exact', head: true })
      .eq('organization_id', organizationId)
      .in('status', [...WAITING_STATUSES]);
  const [all, overdue] = await Promise.all([
    waiting(),
    waiting().lt('created_at', workingDaysAgo(ANSWER_WITHIN_WORKING_DAYS, now).toISOString()),
  ]);
  const error = all.error ?? overdue.error;
  if (error) throw new Error(`waiting applications: ${error.message}`);
  return { waiting: all.count ?? 0, overdue: overdue.count ?? 0 };
}
