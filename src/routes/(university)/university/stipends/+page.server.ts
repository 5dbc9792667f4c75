import { reasonSchema, recordIdSchema } from '$lib/schemas/stipends-target-agreements';
import { recordAction } from '$lib/server/outcome-actions';
import { cancelStipendAward } from '$lib/server/stipends/cancel-stipend-award';
import { confirmStipendAward } from '$lib/server/stipends/confirm-stipend-award';
import { loadStipendAwards } from '$lib/server/stipends/load-stipend-awards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const awards = await loadStipendAwards(locals.supabase, {
    universityId: locals.person!.organization?.id ?? '',
  });
  return {
    queue: awards.filter((a) => a.status === 'awaiting_university'),
    others: awards.filter((a) => a.status !== 'awaiting_university'),
  };
};

export const actions: Actions = {
  confirm: ({ locals, request }) =>
    recordAction(request, recordIdSchema, (v) => confirmStipendAward(locals.supabase, v.id)),
  cancel: ({ locals, request }) =>
    recordAction(request, reasonSchema, (v) => cancelStipendAward(locals.supabase, v.id, v.reason)),
};
