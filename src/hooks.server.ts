import { building } from '$app/environment';
import {
  demoPasswordRefusal,
  findDemoPasswordAccounts,
} from '$lib/server/accounts/find-demo-password-accounts';
import { auth } from '$lib/server/auth';
import { handleCrossSiteForms } from '$lib/server/csrf';
import { loadPerson } from '$lib/server/session';
import { db } from '$lib/server/db';
import { anonClient } from '$lib/server/supabase';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { svelteKitHandler } from 'better-auth/svelte-kit';

/**
 * The production app (NODE_ENV=production) does not start while a demo log-in with the published
 * password exists, nor when it cannot check: one Russian line naming the fix, exit code 1.
 */
export const init: ServerInit = async () => {
  // read at run time: the build must not fold NODE_ENV into a constant
  const env = process.env;
  if (building || env.NODE_ENV !== 'production') return;
  let refusal: string | null;
  try {
    refusal = demoPasswordRefusal(await findDemoPasswordAccounts(db()));
  } catch (err) {
    const e = err as Error & { code?: string };
    refusal = `не удалось проверить демо-учётные записи в базе: ${e.message || e.code || String(err)}`;
  }
  if (!refusal) return;
  process.stderr.write(`Ошибка: ${refusal}\n`);
  process.exit(1);
};

/** better-auth's own endpoints under /api/auth (verification links, password reset redirects). */
const handleAuthEndpoints: Handle = ({ event, resolve }) =>
  svelteKitHandler({ event, resolve, auth: auth(), building });

/** Who is asking, and a supabase-js client that acts as them. */
const handlePerson: Handle = async ({ event, resolve }) => {
  event.locals.person = null;
  event.locals.supabase = anonClient();
  // Most requests (search, public pages) come without a session: no session lookup for them.
  if (!event.cookies.getAll().some((c) => c.name.endsWith('kp.session_token'))) return resolve(event);
  const session = await auth().api.getSession({ headers: event.request.headers });
  if (session?.user.emailVerified) {
    const { person, supabase } = await loadPerson(session.user);
    event.locals.person = person;
    event.locals.supabase = supabase;
  }
  return resolve(event);
};

/** Pages are personal: never let a shared cache keep them. */
const handleHeaders: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  if (event.locals.person) response.headers.set('cache-control', 'private, no-store');
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
  return response;
};

export const handle = sequence(handleCrossSiteForms, handleAuthEndpoints, handlePerson, handleHeaders);

export const handleError: HandleServerError = ({ error, status }) => {
  if (status !== 404) console.error(error);
  return {
    message:
      status === 404 ? 'Страница не найдена' : 'Что-то пошло не так. Мы уже разбираемся — попробуйте позже.',
  };
};
