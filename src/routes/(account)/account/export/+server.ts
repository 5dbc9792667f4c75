import { exportPersonalData } from '$lib/server/accounts/export-personal-data';
import { requireSignedIn } from '$lib/server/guards';
import type { RequestHandler } from './$types';

/** Downloads the person's data as JSON. */
export const GET: RequestHandler = async ({ locals, url }) => {
  const person = requireSignedIn(locals, url);
  const data = await exportPersonalData(locals.supabase, person);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="kemerovo-profi-${new Date().toISOString().slice(0, 10)}.json"`,
      'cache-control': 'private, no-store',
    },
  });
};
