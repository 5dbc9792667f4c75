import {
  loadStudentApplications,
  STUDENT_LIST_LIMIT,
} from '$lib/server/applications/load-student-applications';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
  applications: await loadStudentApplications(locals.supabase, locals.person!.id),
  limit: STUDENT_LIST_LIMIT,
});
