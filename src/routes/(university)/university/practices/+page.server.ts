import { formLists, parseForm } from '$lib/schemas/form';
import { createPlacementsSchema } from '$lib/schemas/placement';
import { formFailure } from '$lib/server/forms';
import { createPlacements } from '$lib/server/placements/create-placements';
import { listPlacements } from '$lib/server/placements/load-placements';
import { checkPracticeOrder } from '$lib/server/university-imports/check-practice-order';
import { importPracticeOrder } from '$lib/server/university-imports/import-practice-order';
import { checkUpload, writeUpload } from '$lib/server/university-imports/upload-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const universityId = locals.person!.organization?.id ?? '';
  const [placements, students, employers] = await Promise.all([
    listPlacements(locals.supabase),
    locals.supabase
      .from('profiles')
      .select('id, full_name, programme_code, year_of_study')
      .eq('university_id', universityId)
      .eq('role', 'student')
      .eq('enrolment_status', 'confirmed')
      .order('full_name')
      .limit(2000),
    locals.supabase
      .from('organizations')
      .select('id, name')
      .eq('kind', 'employer')
      .eq('verification_status', 'verified')
      .order('name')
      .limit(1000),
  ]);
  if (students.error) throw new Error(students.error.message);
  if (employers.error) throw new Error(employers.error.message);
  return { placements, students: students.data, employers: employers.data };
};

export const actions: Actions = {
  create: async ({ request, locals }) => {
    const form = await request.formData();
    const { studentIds } = formLists(form, ['studentIds']);
    const parsed = parseForm(createPlacementsSchema, form);
    const errors = parsed.ok ? {} : { ...parsed.errors };
    if (!studentIds.length) errors.studentIds = 'Выберите хотя бы одного студента';
    if (!parsed.ok || Object.keys(errors).length) return formFailure(400, errors, form);
    const result = await createPlacements(locals.supabase, studentIds, parsed.data);
    if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
    return { created: result.created, existing: result.existing };
  },
  /** The practice order (XLSX): the preview, nothing written. */
  checkOrder: ({ request, locals }) =>
    checkUpload(request, locals.supabase, (supabase, name, bytes) =>
      checkPracticeOrder(supabase, name, bytes),
    ),
  /** The same file from the preview: the placements created in one transaction. */
  importOrder: ({ request, locals }) =>
    writeUpload(request, locals.supabase, (supabase, bytes, onlyValid) =>
      importPracticeOrder(supabase, bytes, onlyValid),
    ),
};
