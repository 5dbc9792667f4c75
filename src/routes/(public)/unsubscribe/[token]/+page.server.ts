import { unsubscribeSavedSearch } from '$lib/server/saved-searches/unsubscribe';
import type { Actions, PageServerLoad } from './$types';

// GET only shows the button: mail scanners that follow links must not unsubscribe anyone.
export const load: PageServerLoad = () => ({});

export const actions: Actions = {
  default: async ({ params, locals }) => {
    const name = await unsubscribeSavedSearch(locals.supabase, params.token);
    return { done: true, name };
  },
};
