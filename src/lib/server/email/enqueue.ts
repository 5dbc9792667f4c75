import type { Queryable } from '../db.ts';
import { renderMessage, type EmailMessage } from './templates.ts';

/** Attempts of the send_email job before the letter is marked 'failed' (with exponential backoff). */
export const SEND_EMAIL_MAX_ATTEMPTS = 10;

/** A file sent with a letter (e.g. an .ics invitation); content is base64. */
export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface EnqueueOptions {
  /** Extra headers of the letter, e.g. List-Unsubscribe (values are one line each). */
  headers?: Record<string, string>;
  /** Files sent with the letter, at most 10 (app_private.outbound_emails.attachments). */
  attachments?: EmailAttachment[];
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Refuses an attachment that would break the MIME headers or is not base64. */
function checkAttachment(attachment: EmailAttachment): EmailAttachment {
  const { filename, contentType, content } = attachment;
  if (!filename || filename.length > 200 || /[\r\n"\\/]/.test(filename)) {
    throw new Error(`Некорректное имя вложения: ${filename}`);
  }
  if (!/^[a-z]+\/[a-z0-9.+-]+(;\s*[a-z-]+=[A-Za-z0-9-]+)*$/i.test(contentType)) {
    throw new Error(`Некорректный тип вложения: ${contentType}`);
  }
  if (!BASE64.test(content) || content.length % 4 !== 0) {
    throw new Error(`Вложение ${filename} должно быть в base64`);
  }
  return { filename, contentType, content };
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
  const attachments = (options.attachments ?? []).map(checkAttachment);
  const { subject, text, html } = renderMessage(message);
  const { rows } = await client.query<{ id: string }>(
    `insert into app_private.outbound_emails (to_address, template, subject, text_body, html_body, headers, attachments)
     values ($1, $2, $3, $4, $5, $6, $7)
     returning id`,
    [address, message.template, subject, text, html, JSON.stringify(headers), JSON.stringify(attachments)],
  );
  const id = rows[0].id;
  await client.query(
    `select graphile_worker.add_job('send_email', json_build_object('id', $1::uuid), max_attempts => $2::int)`,
    [id, SEND_EMAIL_MAX_ATTEMPTS],
  );
  return id;
}
