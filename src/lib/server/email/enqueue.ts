import type { Queryable } from '../db.ts';
import { renderMessage, type EmailMessage } from './templates.ts';

/** Attempts of the send_email job before the letter is marked 'failed' (with exponential backoff). */
export const SEND_EMAIL_MAX_ATTEMPTS = 10;

export interface EnqueueOptions {
  /** Extra headers of the letter, e.g. List-Unsubscribe (values are one line each). */
  headers?: Record<string, string>;
}

/**
 * Renders the letter, records it in the outbox and queues the send_email job — all through the
 * given client, so a caller inside a transaction gets both or neither with its own change.
 * Returns the id of the app_private.outbound_emails row.
 */
export async function enqueueEmail(
  client: Queryable,
  to: string,
  message: EmailMessage,
  options: EnqueueOptions = {},
): Promise<string> {
  const address = to.trim();
  if (!address || /[\r\n]/.test(address)) throw new Error('Некорректный адрес получателя письма');
  const headers = options.headers ?? {};
  for (const [name, value] of Object.entries(headers)) {
    if (!/^[A-Za-z0-9-]+$/.test(name) || /[\r\n]/.test(value)) {
      throw new Error(`Некорректный заголовок письма: ${name}`);
    }
  }
  const { subject, text, html } = renderMessage(message);
  const { rows } = await client.query<{ id: string }>(
    `insert into app_private.outbound_emails (to_address, template, subject, text_body, html_body, headers)
     values ($1, $2, $3, $4, $5, $6)
     returning id`,
    [address, message.template, subject, text, html, JSON.stringify(headers)],
  );
  const id = rows[0].id;
  await client.query(
    `select graphile_worker.add_job('send_email', json_build_object('id', $1::uuid), max_attempts => $2::int)`,
    [id, SEND_EMAIL_MAX_ATTEMPTS],
  );
  return id;
}
