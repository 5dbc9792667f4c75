import type { TablesUpdate } from '../../database.types.ts';
import type { ResumeInput } from '../../schemas/resume.ts';
import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';

/** Database hints → form fields. */
export const RESUME_FIELDS: Record<string, string> = {
  desired_districts: 'desiredDistricts',
  attachment: 'attachment',
};

export type SaveResult = { ok: true } | { ok: false; field: string; message: string; status: number };

/**
 * Writes the person's résumé through their own client (RLS: only their own row; the database
 * checks the role, the districts and the attachment's owner). One row per person: updated when it
 * exists, created otherwise.
 */
export async function writeResume(
  supabase: Supabase,
  personId: string,
  columns: TablesUpdate<'resumes'>,
): Promise<SaveResult> {
  const update = () =>
    supabase.from('resumes').update(columns).eq('profile_id', personId).select('profile_id');
  const first = await update();
  let error = first.error;
  if (!error && first.data?.length === 0) {
    ({ error } = await supabase.from('resumes').insert({ ...columns, profile_id: personId }));
    // two tabs saving the first résumé at once: the other one created it, so update it
    if (error?.code === '23505') ({ error } = await update());
  }
  if (error) return { ok: false, ...describeDbError(error, RESUME_FIELDS) };
  return { ok: true };
}

export function saveResume(supabase: Supabase, personId: string, input: ResumeInput): Promise<SaveResult> {
  return writeResume(supabase, personId, {
    headline: input.headline,
    about: input.about,
    average_grade: input.averageGrade,
    skills: input.skills,
    experience: input.experience,
    languages: input.languages,
    desired_kinds: input.desiredKinds,
    desired_districts: input.desiredDistricts,
    desired_schedules: input.desiredSchedules,
    portfolio_url: input.portfolioUrl,
    github_url: input.githubUrl,
  });
}
