import type { Cookies } from '@sveltejs/kit';

/**
 * The title of a just deleted draft, for the success message of the list it returns to. It travels
 * in a short-lived cookie rather than in the URL, so that a link cannot make the page say anything.
 */
const COOKIE = 'deleted_draft';
const PATH = '/employer/opportunities';

export function rememberDeletedTitle(cookies: Cookies, title: string): void {
  cookies.set(COOKIE, title, { path: PATH, maxAge: 60, httpOnly: true, sameSite: 'lax' });
}

/** Reads the title once: the message shows after that one redirect, not on later visits. */
export function takeDeletedTitle(cookies: Cookies): string | null {
  const title = cookies.get(COOKIE) ?? null;
  if (title !== null) cookies.delete(COOKIE, { path: PATH });
  return title;
}
