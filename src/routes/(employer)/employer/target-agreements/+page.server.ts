import { redirect } from '@sveltejs/kit';
import { parseForm } from '$lib/schemas/form';
import { targetAgreementSchema } from '$lib/schemas/stipends-target-agreements';
import { formFailure } from '$lib/server/forms';
import { loadClassifiers } from '$lib/server/reference';
import { loadApplicants } from '$lib/server/stipends/load-stipend-awards';
import { createTargetAgreement } from '$lib/server/target-agreements/create-target-agreement';
import { loadTargetAgreements } from '$lib/server/target-agreements/load-target-agreements';
import { partyActions } from '$lib/server/target-agreements/party-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const organizationId = locals.person!.organization?.id ?? '';
  const [agreements, applicants, { programmes }] = await Promise.all([
    loadTargetAgreements(locals.supabase, { organizationId }),
    loadApplicants(locals.supabase, organizationId),
    loadClassifiers(locals.supabase),
  ]);
  return { agreements, applicants, programmes, created: url.searchParams.has('created') };
};

export const actions: Actions = {
  create: async ({ locals, request }) => {
    const form = await request.formData();
    const parsed = parseForm(targetAgreementSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    const result = await createTargetAgreement(locals.supabase, parsed.data);
    if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
    redirect(303, '/employer/target-agreements?created');
  },
  ...partyActions,
};
