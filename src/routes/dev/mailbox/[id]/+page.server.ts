import { error } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { requireDevMailbox } from '$lib/server/dev-mailbox-access';
import type { PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Development tool, like the list: reads the outbox directly through db() in 'mailbox' mode only,
// for the same clients (requireDevMailbox).
export const load: PageServerLoad = async (event) => {
  requireDevMailbox(event);
  const { params } = event;
  if (!UUID.test(params.id)) error(404, 'Страница не найдена');
  const { rows } = await db().query<{
    id: string;
    to_address: string;
    template: string;
    subject: string;
    text_body: string;
    html_body: string;
    status: string;
    attempts: number;
    last_error: string | null;
    created_at: Date;
    sent_at: Date | null;
    attachments: { filename: string; contentType: string; size: number }[];
  }>(
    `select id, to_address, template, subject, text_body, html_body, status, attempts, last_error,
            created_at, sent_at,
            (select coalesce(jsonb_agg(jsonb_build_object(
                      'filename', a ->> 'filename', 'contentType', a ->> 'contentType',
                      'size', octet_length(decode(a ->> 'content', 'base64'))) order by n), '[]')
               from jsonb_array_elements(attachments) with ordinality as x (a, n)) as attachments
       from app_private.outbound_emails
      where id = $1`,
    [params.id],
  );
  if (!rows[0]) error(404, 'Страница не найдена');
  return { email: rows[0] };
};
