import { kemerovoToday } from '$lib/indicators';
import { formFailure } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import { loadPeriods, pickPeriod } from '$lib/server/indicators/load-periods';
import { loadStudentNumbers } from '$lib/server/indicators/load-student-numbers';
import { saveStudentNumber } from '$lib/server/indicators/save-student-number';
import { parseForm } from '$lib/schemas/form';
import { studentNumberSchema } from '$lib/schemas/indicators';
import type { Actions, PageServerLoad } from './$types';

const yearsOf = (period: { starts_on: string; ends_on: string } | null) => {
  if (!period) return [];
  const first = Number(period.starts_on.slice(0, 4));
  return Array.from({ length: Number(period.ends_on.slice(0, 4)) - first + 1 }, (_, i) => first + i);
};

export const load: PageServerLoad = async ({ locals, url }) => {
  const periods = await loadPeriods(locals.supabase);
  const period = pickPeriod(periods, url.searchParams.get('period'), kemerovoToday());
  const years = yearsOf(period);
  return { periods, period, years, ...(await loadStudentNumbers(locals.supabase, years)) };
};

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    requireRole(locals, url, ['administrator']);
    const form = await request.formData();
    const parsed = parseForm(studentNumberSchema, form);
    if (!parsed.ok)
      return formFailure(
        400,
        { ...parsed.errors, form: 'Проверьте выделенные поля: ничего не сохранено' },
        form,
      );
    const saved = await saveStudentNumber(locals.supabase, parsed.data);
    if (!saved.ok) return formFailure(saved.status, { [saved.field]: saved.message }, form);
    return { saved: parsed.data };
  },
};
