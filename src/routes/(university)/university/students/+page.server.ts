import { fail } from '@sveltejs/kit';
import { formLists } from '$lib/schemas/form';
import { setEnrolment } from '$lib/server/students/set-enrolment';
import type { Actions, PageServerLoad } from './$types';

const DECISIONS = ['confirmed', 'rejected', 'left', 'graduated'] as const;
type Decision = (typeof DECISIONS)[number];

export const load: PageServerLoad = async ({ locals }) => {
  const universityId = locals.person!.organization?.id ?? '';
  const { data, error } = await locals.supabase
    .from('profiles')
    .select(
      'id, full_name, role, programme_code, year_of_study, graduation_year, birth_date, enrolment_status',
    )
    .eq('university_id', universityId)
    .in('role', ['student', 'graduate'])
    .order('enrolment_status')
    .order('full_name')
    .limit(2000);
  if (error) throw new Error(error.message);
  return { students: data };
};

export const actions: Actions = {
  /** One student by the row's button, or the ticked ones by the decision buttons under the table. */
  decide: async ({ request, locals }) => {
    const form = await request.formData();
    const one = form.get('one');
    const ids = typeof one === 'string' && one ? [one] : formLists(form, ['ids']).ids;
    const status = (typeof one === 'string' && one ? 'confirmed' : form.get('status')) as Decision;
    if (!DECISIONS.includes(status)) return fail(400, { error: 'Выберите решение' });
    if (!ids.length) return fail(400, { error: 'Отметьте хотя бы одного студента' });
    const result = await setEnrolment(locals.supabase, ids, status);
    if (!result.ok) return fail(result.status, { error: result.message });
    return { changed: result.changed, refused: result.refused };
  },
};
