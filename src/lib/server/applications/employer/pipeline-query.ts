import { PAGE_SIZE, WAITING_STATUSES, type PipelineFilters } from '../../../schemas/pipeline.ts';
import type { ApplicationStatus } from '../../../applications.ts';
import type { Supabase } from '../../supabase.ts';
import { ANSWER_WITHIN_WORKING_DAYS, workingDaysAgo } from './working-days.ts';

/** `%`, `_` and `\` typed in the search box are letters, not patterns. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The filters as the arguments of the database function employer_pipeline(): the same conditions
 * as pipelineSelect, read with the indexes (see supabase/migrations/…_speed_up_employer_pipeline.sql).
 */
export function pipelineArgs(organizationId: string, filters: PipelineFilters, now = new Date()) {
  const waiting = filters.state === 'waiting' || (filters.overdue && !filters.state);
  const statuses: ApplicationStatus[] | undefined = waiting
    ? [...WAITING_STATUSES]
    : filters.state && filters.state !== 'waiting'
      ? [filters.state]
      : undefined;
  return {
    p_organization_id: organizationId,
    ...(statuses ? { p_statuses: statuses } : {}),
    ...(filters.overdue
      ? { p_created_before: workingDaysAgo(ANSWER_WITHIN_WORKING_DAYS, now).toISOString() }
      : {}),
    ...(filters.opportunity ? { p_opportunity_id: filters.opportunity } : {}),
    ...(filters.university ? { p_university_id: filters.university } : {}),
    ...(filters.programme ? { p_programme_code: filters.programme } : {}),
    ...(filters.year ? { p_year_of_study: filters.year } : {}),
    ...(filters.q ? { p_query: filters.q } : {}),
    p_sort: filters.sort,
    p_limit: PAGE_SIZE,
    p_offset: (filters.page - 1) * PAGE_SIZE,
  };
}

/**
 * The filtered, sorted query of one organization's applications. The organization filter is there
 * for the index (organization_id, status, created_at); RLS is what keeps other employers' rows
 * out, and would even if it were missing.
 */
export function pipelineSelect<C extends string>(
  supabase: Supabase,
  organizationId: string,
  filters: PipelineFilters,
  columns: C,
  { count, now = new Date() }: { count?: 'exact'; now?: Date } = {},
) {
  let query = supabase.from('applications').select(columns, count ? { count } : undefined);
  query = query.eq('organization_id', organizationId);
  if (filters.state === 'waiting') query = query.in('status', [...WAITING_STATUSES]);
  else if (filters.state) query = query.eq('status', filters.state);
  if (filters.overdue) {
    if (!filters.state) query = query.in('status', [...WAITING_STATUSES]);
    query = query.lt('created_at', workingDaysAgo(ANSWER_WITHIN_WORKING_DAYS, now).toISOString());
  }
  if (filters.opportunity) query = query.eq('opportunity_id', filters.opportunity);
  if (filters.university) query = query.eq('university_id', filters.university);
  if (filters.programme) query = query.eq('programme_code', filters.programme);
  if (filters.year) query = query.eq('year_of_study', filters.year);
  if (filters.q) query = query.ilike('applicant_name', likePattern(filters.q));
  switch (filters.sort) {
    case 'oldest':
      query = query.order('created_at', { ascending: true });
      break;
    case 'changed':
      query = query.order('status_changed_at', { ascending: false });
      break;
    case 'name':
      query = query.order('applicant_name', { ascending: true });
      break;
    default:
      query = query.order('created_at', { ascending: false });
  }
  // a stable order across pages when the first key ties
  return query.order('id', { ascending: true });
}

export { PAGE_SIZE };
