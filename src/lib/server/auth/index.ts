import { getRequestEvent } from '$app/server';
import { sveltekitCookies } from 'better-auth/svelte-kit';
import { createAuth } from './options.ts';

/** The app's better-auth instance; its cookies are set through SvelteKit's event.cookies. */
export const auth = createAuth({ plugins: [sveltekitCookies(getRequestEvent)] });
