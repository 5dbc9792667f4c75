import { getRequestEvent } from '$app/server';
import { sveltekitCookies } from 'better-auth/svelte-kit';
import { createAuth, type Auth } from './options.ts';

let instance: Auth | undefined;

/**
 * The app's better-auth instance (created on first use, so that building the app needs no
 * configuration); its cookies are set through SvelteKit's event.cookies.
 */
export function auth(): Auth {
  instance ??= createAuth({ plugins: [sveltekitCookies(getRequestEvent)] });
  return instance;
}
