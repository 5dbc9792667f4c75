import { error } from '@sveltejs/kit';
import { loadStudentPracticeApplications } from '$lib/server/applications/university/load-student-practice-applications';
import { parseUniversityApplicationsQuery } from '$lib/schemas/university';
import type { PageServerLoad } from './$types';

/** The university's students' applications to practice postings: a read-only overview. */
export const load: PageServerLoad = async ({ locals, url }) => {
  const university = locals.person?.organization;
  if (!university || university.kind !== 'university') error(403, 'Вы не состоите в вузе');
  const { filters, ignored } = parseUniversityApplicationsQuery(url.searchParams);
  const list = await loadStudentPracticeApplications(locals.supabase, university.id, filters);
  return { filters, ignored, ...list };
};
