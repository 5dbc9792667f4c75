import { error } from '@sveltejs/kit';
import { loadTargetAgreements } from '$lib/server/target-agreements/load-target-agreements';
import type { PageServerLoad } from './$types';

/** The printable summary: any party (and the administration) — RLS decides, others get a 404. */
export const load: PageServerLoad = async ({ locals, params }) => {
  if (!/^[0-9a-f-]{36}$/i.test(params.id)) error(404, 'Договор не найден');
  const [agreement] = await loadTargetAgreements(locals.supabase, { id: params.id });
  if (!agreement) error(404, 'Договор не найден');
  const role = locals.person?.role;
  const back =
    role === 'employer_staff'
      ? '/employer/target-agreements'
      : role === 'university_staff'
        ? '/university/target-agreements'
        : role === 'student' || role === 'graduate'
          ? '/student/target-agreements'
          : null;
  return { agreement, back };
};
