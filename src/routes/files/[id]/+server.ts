import { error } from '@sveltejs/kit';
import { attachmentDisposition } from '$lib/server/files/pdf';
import { readStoredFile } from '$lib/server/files/store-file';
import type { RequestHandler } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A private file, read with the asker's own JWT: RLS lets the owner, an employer the file was sent
 * to with an application, and the administration read it. Anyone else — another student, another
 * employer, a visitor — gets the same 404 as for a file that does not exist.
 */
export const GET: RequestHandler = async ({ params, locals }) => {
  if (!locals.person || !UUID.test(params.id)) error(404, 'Файл не найден');
  const file = await readStoredFile(locals.supabase, params.id);
  if (!file) error(404, 'Файл не найден');
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      'content-type': 'application/pdf',
      'content-length': String(file.bytes.byteLength),
      'content-disposition': attachmentDisposition(file.fileName),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    },
  });
};
