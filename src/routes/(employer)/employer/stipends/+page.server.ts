import { redirect } from '@sveltejs/kit';
import { orderNumberSchema, reasonSchema, stipendAwardSchema } from '$lib/schemas/stipends-target-agreements';
import { parseForm } from '$lib/schemas/form';
import { formFailure } from '$lib/server/forms';
import { recordAction } from '$lib/server/outcome-actions';
import { cancelStipendAward } from '$lib/server/stipends/cancel-stipend-award';
import { createStipendAward } from '$lib/server/stipends/create-stipend-award';
import { loadApplicants, loadStipendAwards } from '$lib/server/stipends/load-stipend-awards';
import { setStipendOrderNumber } from '$lib/server/stipends/set-stipend-order-number';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const organizationId = locals.person!.organization?.id ?? '';
  const [awards, applicants] = await Promise.all([
    loadStipendAwards(locals.supabase, { organizationId }),
    loadApplicants(locals.supabase, organizationId),
  ]);
  return { awards, applicants, created: url.searchParams.has('created') };
};

export const actions: Actions = {
  create: async ({ locals, request }) => {
    const form = await request.formData();
    const parsed = parseForm(stipendAwardSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    const result = await createStipendAward(locals.supabase, parsed.data);
    if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
    redirect(303, '/employer/stipends?created');
  },
  cancel: ({ locals, request }) =>
    recordAction(request, reasonSchema, (v) => cancelStipendAward(locals.supabase, v.id, v.reason)),
  order: ({ locals, request }) =>
    recordAction(request, orderNumberSchema, (v) =>
      setStipendOrderNumber(locals.supabase, v.id, v.orderNumber),
    ),
};
