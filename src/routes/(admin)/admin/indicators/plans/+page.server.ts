import { redirect } from '@sveltejs/kit';
import { kemerovoToday } from '$lib/indicators';
import { formFailure } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import { createPeriod } from '$lib/server/indicators/create-period';
import { loadPlans } from '$lib/server/indicators/load-plans';
import { loadPeriods, pickPeriod } from '$lib/server/indicators/load-periods';
import { saveIndicatorPlans } from '$lib/server/indicators/save-indicator-plans';
import { parseForm } from '$lib/schemas/form';
import { parsePlansForm, periodSchema } from '$lib/schemas/indicators';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const periods = await loadPeriods(locals.supabase);
  const period = pickPeriod(periods, url.searchParams.get('period'), kemerovoToday());
  if (!period) return { periods, period: null, indicators: [], years: [], plans: {}, history: [] };
  return { periods, period, ...(await loadPlans(locals.supabase, period)) };
};

export const actions: Actions = {
  save: async ({ request, locals, url }) => {
    requireRole(locals, url, ['administrator']);
    const form = await request.formData();
    const periods = await loadPeriods(locals.supabase);
    const period = periods.find((p) => p.id === form.get('period'));
    if (!period) return formFailure(400, { form: 'Период программы не найден' }, form);
    const { indicators, years } = await loadPlans(locals.supabase, period);
    const parsed = parsePlansForm(
      form,
      indicators.map((i) => i.code),
      years,
    );
    if (!parsed.ok)
      return formFailure(
        400,
        { ...parsed.errors, form: 'Проверьте выделенные поля: ничего не сохранено' },
        form,
      );
    const saved = await saveIndicatorPlans(locals.supabase, period.id, parsed.plans);
    if (!saved.ok) return formFailure(saved.status, { [saved.field]: saved.message }, form);
    return { saved: true };
  },
  createPeriod: async ({ request, locals, url }) => {
    requireRole(locals, url, ['administrator']);
    const form = await request.formData();
    const parsed = parseForm(periodSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    const created = await createPeriod(locals.supabase, parsed.data);
    if (!created.ok) return formFailure(created.status, { [created.field]: created.message }, form);
    redirect(303, `/admin/indicators/plans?period=${created.id}&created=1`);
  },
};
