import { error, redirect } from '@sveltejs/kit';
import type { PersonRole, PublicPerson } from '../types.ts';

/** For +layout.server.ts of each role's area: sign in first, and only the roles named may enter. */
export function requireRole(
  locals: App.Locals,
  url: URL,
  roles: readonly PersonRole[],
): PublicPerson & { role: PersonRole } {
  const person = locals.person;
  if (!person) redirect(303, `/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  if (!person.role || !roles.includes(person.role)) error(403, 'Этот раздел для другой роли');
  return person as PublicPerson & { role: PersonRole };
}

export function requireSignedIn(locals: App.Locals, url: URL): PublicPerson {
  const person = locals.person;
  if (!person) redirect(303, `/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  return person;
}
