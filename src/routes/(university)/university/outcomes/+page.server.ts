import { error } from '@sveltejs/kit';
import { loadStudentOutcomes } from '$lib/server/applications/university/load-student-outcomes';
import type { PageServerLoad } from './$types';

/** Every outcome record of the university's students and graduates: a read-only overview. */
export const load: PageServerLoad = async ({ locals }) => {
  const university = locals.person?.organization;
  if (!university || university.kind !== 'university') error(403, 'Вы не состоите в вузе');
  return { outcomes: await loadStudentOutcomes(locals.supabase, university.id) };
};
