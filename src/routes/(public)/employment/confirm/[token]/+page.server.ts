import { error, fail } from '@sveltejs/kit';
import { confirmEmploymentByToken, employmentByToken } from '$lib/server/applications/confirm-employment';
import type { Actions, PageServerLoad } from './$types';

const GONE =
  'Ссылка недействительна или уже использована. Если вы уже подтвердили приём, ничего делать не нужно.';

// GET only shows what the link confirms: mail services' link scanners open links, and must not confirm anything.
export const load: PageServerLoad = async ({ params, locals, request }) => {
  const employment = await employmentByToken(locals.supabase, params.token);
  // after the button the link is used up: the action's own answer (thanks, or why not) is the page
  if (!employment && request.method === 'POST') return { employment: null };
  if (!employment) error(404, GONE);
  if (employment.status === 'cancelled')
    error(410, 'Этот приём на работу отменён работодателем: подтверждать нечего.');
  return { employment };
};

// The person's button «Да, я работаю здесь» (with or without JavaScript).
export const actions: Actions = {
  default: async ({ params, locals }) => {
    const result = await confirmEmploymentByToken(locals.supabase, params.token);
    if (!result.ok) return fail(result.status, { message: result.status === 404 ? GONE : result.message });
    return { confirmed: result.employment };
  },
};
