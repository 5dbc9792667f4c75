import { loadTargetAgreements } from '$lib/server/target-agreements/load-target-agreements';
import { partyActions } from '$lib/server/target-agreements/party-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
  agreements: await loadTargetAgreements(locals.supabase, { studentId: locals.person!.id }),
});

export const actions: Actions = { sign: partyActions.sign, terminate: partyActions.terminate };
