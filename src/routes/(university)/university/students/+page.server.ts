import { fail } from '@sveltejs/kit';
import { formLists } from '$lib/schemas/form';
import { setEnrolment } from '$lib/server/students/set-enrolment';
import { checkStudentList } from '$lib/server/university-imports/check-student-list';
import { importStudentList } from '$lib/server/university-imports/import-student-list';
import type { ListStatus } from '$lib/server/university-imports/student-list';
import { checkUpload, writeUpload } from '$lib/server/university-imports/upload-actions';
import type { Actions, PageServerLoad } from './$types';

const DECISIONS = ['confirmed', 'rejected', 'left', 'graduated'] as const;
type Decision = (typeof DECISIONS)[number];
const LIST_STATUSES: readonly ListStatus[] = ['confirmed', 'graduated', 'left'];
/** The status the upload form chose for rows whose «Статус» is empty. */
const listStatus = (form: FormData): ListStatus => {
  const value = form.get('defaultStatus');
  return LIST_STATUSES.find((s) => s === value) ?? 'confirmed';
};

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
  /** The list of enrolled students (XLSX): the preview, nothing written. */
  checkList: ({ request, locals }) =>
    checkUpload(
      request,
      locals.supabase,
      (supabase, name, bytes, form) => checkStudentList(supabase, name, bytes, listStatus(form)),
      (form) => ({ defaultStatus: listStatus(form) }),
    ),
  /** The same file from the preview: written in one transaction. */
  importList: ({ request, locals }) =>
    writeUpload(request, locals.supabase, (supabase, bytes, onlyValid, form) =>
      importStudentList(supabase, bytes, listStatus(form), onlyValid),
    ),
};
