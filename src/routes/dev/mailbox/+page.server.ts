import { db } from '$lib/server/db';
import { requireDevMailbox } from '$lib/server/dev-mailbox-access';
import type { PageServerLoad } from './$types';

// A development tool of the embedded default ('mailbox' mode: no SMTP_URL): it reads the outbox
// directly through db(), since app_private is not exposed through PostgREST. With SMTP configured
// or NODE_ENV=production the page does not exist; otherwise only loopback clients and a signed-in
// administrator see it.
export const load: PageServerLoad = async (event) => {
  requireDevMailbox(event);
  const { url } = event;
  const to = (url.searchParams.get('to') ?? '').trim();
  const { rows } = await db().query<{
    id: string;
    to_address: string;
    subject: string;
    status: string;
    created_at: Date;
  }>(
    `select id, to_address, subject, status, created_at
       from app_private.outbound_emails
      where $1 = '' or lower(to_address) = lower($1)
      order by created_at desc
      limit 100`,
    [to],
  );
  return { to, emails: rows };
};
