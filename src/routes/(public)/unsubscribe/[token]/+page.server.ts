import { unsubscribeSavedSearch } from '$lib/server/saved-searches/unsubscribe';
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

// GET only shows the button: mail scanners that follow links must not unsubscribe anyone.
export const load: PageServerLoad = () => ({});

// The person's button (with or without JavaScript). Mail apps' one-click POSTs go to +server.ts.
export const actions: Actions = {
  default: async ({ params, locals }) => {
    const name = await unsubscribeSavedSearch(locals.supabase, params.token);
    // An unknown token (already unsubscribed, or mistyped) shows the same calm message, as a 404.
    if (name === null) return fail(404, { done: true, name });
    return { done: true, name };
  },
};
