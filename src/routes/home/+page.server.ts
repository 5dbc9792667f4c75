import { ROLE_HOME } from '$lib/types';
import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** Where sign-in and the email verification link land: each role's own home. */
export const load: PageServerLoad = ({ locals, url }) => {
  const person = locals.person;
  if (!person) redirect(303, '/sign-in');
  if (!person.role) redirect(303, '/profile');
  const verified = url.searchParams.has('verified') ? '?verified=1' : '';
  redirect(303, `${ROLE_HOME[person.role]}${verified}`);
};
