import type { Task } from 'graphile-worker';
import { defaultTransport, type MailTransport, type OutboundEmail } from '../../email/transport.ts';
import { UUID } from '../../../schemas/fields.ts';

interface OutboxRow extends OutboundEmail {
  status: 'queued' | 'sent' | 'stored' | 'failed';
}

/**
 * Delivers one letter of app_private.outbound_emails. The row is locked for the whole attempt, so
 * two workers never send it twice, and a letter already 'sent' or 'stored' is skipped. A failure is
 * recorded on the row (attempts, last_error) and rethrown, so graphile-worker retries it with
 * exponential backoff; the last allowed attempt leaves the row 'failed'.
 *
 * The transport is injectable for tests; the worker uses the one the configuration asks for.
 */
export function makeSendEmail(getTransport: () => MailTransport = defaultTransport): Task {
  return async (payload, helpers) => {
    const id = (payload as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || !UUID.test(id)) {
      // Retrying cannot fix a malformed payload: log it and let the job complete.
      helpers.logger.error(`send_email: некорректные данные задачи ${JSON.stringify(payload)}`);
      return;
    }
    const deliveryError = await helpers.withPgClient(async (client) => {
      let failure: unknown;
      await client.query('begin');
      try {
        const { rows } = await client.query<OutboxRow>(
          `select id, to_address, subject, text_body, html_body, headers, attachments, status
             from app_private.outbound_emails where id = $1 for update`,
          [id],
        );
        const row = rows[0];
        if (!row) {
          helpers.logger.warn(`send_email: письмо ${id} не найдено`);
        } else if (row.status !== 'sent' && row.status !== 'stored') {
          // (A letter already sent or stored is a duplicate job or a retry after a lost commit.)
          try {
            const status = await getTransport().deliver(row);
            await client.query(
              `update app_private.outbound_emails
                  set status = $2, sent_at = now(), attempts = attempts + 1, last_error = null
                where id = $1`,
              [id, status],
            );
          } catch (err) {
            failure = err;
            const isLastAttempt = helpers.job.attempts >= helpers.job.max_attempts;
            const message = err instanceof Error ? err.message : String(err);
            await client.query(
              `update app_private.outbound_emails
                  set status = $2, attempts = attempts + 1, last_error = $3
                where id = $1`,
              [id, isLastAttempt ? 'failed' : 'queued', message.slice(0, 2000)],
            );
          }
        }
        await client.query('commit');
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      }
      return failure;
    });
    // Rethrown after the commit, so the attempt is on record and graphile-worker schedules a retry.
    if (deliveryError) throw deliveryError;
  };
}

export const sendEmail = makeSendEmail();
