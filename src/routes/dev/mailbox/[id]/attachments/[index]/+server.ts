import { error } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import type { RequestHandler } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// A file of a letter in the development mailbox: the same gate as the mailbox pages (mailbox mode
// only), so whoever may read the letter may download what came with it, and nobody else.
export const GET: RequestHandler = async ({ params }) => {
  if (!config().devMailbox || !UUID.test(params.id) || !/^\d{1,2}$/.test(params.index)) {
    error(404, 'Файл не найден');
  }
  const { rows } = await db().query<{ filename: string; content_type: string; content: Buffer }>(
    `select a ->> 'filename' as filename, a ->> 'contentType' as content_type,
            decode(a ->> 'content', 'base64') as content
       from app_private.outbound_emails, jsonb_array_elements(attachments) with ordinality as x (a, n)
      where id = $1 and n = $2::int + 1`,
    [params.id, params.index],
  );
  const file = rows[0];
  if (!file) error(404, 'Файл не найден');
  return new Response(new Uint8Array(file.content), {
    headers: {
      'content-type': file.content_type,
      // RFC 6266 with RFC 5987 for a Russian name; the ASCII fallback keeps old clients working.
      'content-disposition': `attachment; filename="${file.filename.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
  });
};
