import { decideEmployerVerification } from '$lib/server/organizations/decide-employer-verification';
import { formFailure } from '$lib/server/forms';
import { listEmployers, parseEmployerListQuery } from '$lib/server/organizations/list-employers';
import { redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/guards';
import { parseForm } from '$lib/schemas/form';
import { verificationDecisionSchema } from '$lib/schemas/profile';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const query = parseEmployerListQuery(url.searchParams);
  const list = await listEmployers(locals.supabase, query);
  // a page past the end (the list got shorter) shows the last one
  if (query.page > list.pageCount) {
    const last = new URLSearchParams(url.searchParams);
    last.set('page', String(list.pageCount));
    redirect(303, `?${last}`);
  }
  return { status: query.status, q: query.q, page: query.page, ...list };
};

export const actions: Actions = {
  decide: async ({ request, locals, url }) => {
    requireRole(locals, url, ['administrator']);
    const form = await request.formData();
    const parsed = parseForm(verificationDecisionSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    const result = await decideEmployerVerification(locals.supabase, parsed.data);
    if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
    return { decided: parsed.data.decision, organizationName: result.organizationName };
  },
};
