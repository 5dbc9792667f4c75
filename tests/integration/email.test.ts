/**
 * Email end to end against the real database: enqueueEmail writes the outbox row and the job in the
 * caller's transaction, the in-process graphile-worker delivers it to a real SMTP server (smtp-server
 * on loopback), and a server that refuses the recipient leads to recorded, retried, finally failed
 * attempts.
 */
import { randomUUID } from 'node:crypto';
import { makeWorkerUtils, type WorkerUtils } from 'graphile-worker';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { enqueueEmail } from '../../src/lib/server/email/enqueue.ts';
import { renderEmail } from '../../src/lib/server/email/templates.ts';
import {
  createMailboxTransport,
  createTransport,
  type MailTransport,
} from '../../src/lib/server/email/transport.ts';
import { workerAlive } from '../../src/lib/server/jobs/heartbeat.ts';
import { migrateJobQueue } from '../../src/lib/server/jobs/migrate-queue.ts';
import { startWorker, type WorkerHandle } from '../../src/lib/server/jobs/runner.ts';
import { makeSendEmail } from '../../src/lib/server/jobs/tasks/send-email.ts';
import { parseMessage, startSmtpServer } from '../factories/smtp-server.ts';
import { GET as downloadAttachment } from '../../src/routes/dev/mailbox/[id]/attachments/[index]/+server.ts';

const FROM = 'КемероVоПРОФИ <no-reply@kemerovo-profi.test>';

// --- the tests ------------------------------------------------------------------------------------

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl)
  throw new Error('Интеграционным тестам нужен DATABASE_URL (его задаёт tests/integration/global-setup.ts)');

let pool: pg.Pool;
let workerUtils: WorkerUtils;
let worker: WorkerHandle | undefined;

interface OutboxRow {
  status: string;
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
}

async function outboxRow(id: string): Promise<OutboxRow | undefined> {
  const { rows } = await pool.query<OutboxRow>(
    'select status, attempts, last_error, sent_at from app_private.outbound_emails where id = $1',
    [id],
  );
  return rows[0];
}

async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`не дождались: ${what}`);
}

function startTestWorker(transport: MailTransport): Promise<WorkerHandle> {
  // Only the job under test: the queue is shared by every test file of the run, and jobs others
  // left in it (application letters, index updates) must not compete with the retries timed here.
  return startWorker(databaseUrl!, {
    taskList: { send_email: makeSendEmail(() => transport) },
    pollInterval: 200,
    heartbeatIntervalMs: 500,
  });
}

/** A recipient unique to this run, so letters of other runs in the same database never match. */
const recipient = (name: string) => `${name}-${randomUUID().slice(0, 8)}@example.ru`;

beforeAll(async () => {
  await migrateJobQueue(databaseUrl);
  pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  workerUtils = await makeWorkerUtils({ connectionString: databaseUrl });
});

afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});

afterAll(async () => {
  await workerUtils?.release();
  await pool?.end();
});

describe('email delivery', () => {
  it('delivers an enqueued letter through a real SMTP server', async () => {
    const smtp = await startSmtpServer();
    const transport = createTransport(smtp.url, FROM);
    try {
      expect(await transport.verify()).toBe(true);
      const to = recipient('anna');
      const url = 'http://127.0.0.1:3000/api/auth/verify-email?token=' + 'x'.repeat(120) + '&callbackURL=%2F';
      const id = await enqueueEmail(pool, to, {
        template: 'verify_email',
        data: { name: 'Анна Иванова', url },
      });
      expect((await outboxRow(id))?.status).toBe('queued');

      worker = await startTestWorker(transport);
      const row = await waitUntil('письмо отправлено', async () => {
        const r = await outboxRow(id);
        return r?.status === 'sent' && r;
      });
      expect(row.attempts).toBe(1);
      expect(row.last_error).toBeNull();
      expect(row.sent_at).toBeInstanceOf(Date);

      const message = smtp.received.find((m) => m.envelopeTo.includes(to));
      expect(message).toBeDefined();
      const parsed = parseMessage(message!.raw);
      expect(parsed.to).toBe(to);
      expect(parsed.subject).toBe(renderEmail('verify_email', { name: 'Анна Иванова', url }).subject);
      expect(parsed.subject).toBe('Подтвердите адрес электронной почты — КемероVоПРОФИ');
      expect(parsed.text).toContain('Здравствуйте, Анна Иванова!');
      expect(parsed.text).toContain(url);
      expect(message!.raw).toMatch(new RegExp(`^X-Outbound-Email-Id: ${id}\r$`, 'im'));
    } finally {
      transport.close();
      await smtp.close();
    }
  });

  it('sends the attachments of a letter (an .ics invitation) as MIME parts', async () => {
    const smtp = await startSmtpServer();
    const transport = createTransport(smtp.url, FROM);
    try {
      const to = recipient('ics');
      const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nSUMMARY:Собеседование\r\nEND:VCALENDAR\r\n';
      const id = await enqueueEmail(
        pool,
        to,
        {
          template: 'employer_verified',
          data: { organizationName: 'АО «Азот»', url: 'http://127.0.0.1:3000/employer' },
        },
        {
          attachments: [
            {
              filename: 'sobesedovanie.ics',
              contentType: 'text/calendar; method=REQUEST; charset=UTF-8',
              content: Buffer.from(ics).toString('base64'),
            },
          ],
        },
      );
      const { rows } = await pool.query<{ attachments: unknown[] }>(
        'select attachments from app_private.outbound_emails where id = $1',
        [id],
      );
      expect(rows[0].attachments).toHaveLength(1);

      worker = await startTestWorker(transport);
      await waitUntil('письмо отправлено', async () => (await outboxRow(id))?.status === 'sent');
      const message = smtp.received.find((m) => m.envelopeTo.includes(to));
      const parsed = parseMessage(message!.raw);
      expect(parsed.text).toContain('АО „Азот“');
      expect(parsed.attachments).toHaveLength(1);
      expect(parsed.attachments[0].filename).toBe('sobesedovanie.ics');
      expect(parsed.attachments[0].contentType).toMatch(/^text\/calendar/);
      expect(parsed.attachments[0].content.toString('utf8')).toBe(ics);
    } finally {
      transport.close();
      await smtp.close();
    }
  });

  it('the development mailbox serves a letter’s attachment for download, and nothing else', async () => {
    process.env.EMBEDDED_MAILBOX = '1'; // the embedded default (config() is first read below)
    const ics = 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n';
    const id = await enqueueEmail(
      pool,
      recipient('mailbox'),
      {
        template: 'employer_verified',
        data: { organizationName: 'АО «Азот»', url: 'http://127.0.0.1:3000/employer' },
      },
      {
        attachments: [
          {
            filename: 'собеседование.ics',
            contentType: 'text/calendar; charset=UTF-8',
            content: Buffer.from(ics).toString('base64'),
          },
        ],
      },
    );
    type Event = Parameters<typeof downloadAttachment>[0];
    const get = (params: { id: string; index: string }) => downloadAttachment({ params } as unknown as Event);
    const response = await get({ id, index: '0' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=UTF-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="_____________.ics"; filename*=UTF-8''${encodeURIComponent('собеседование.ics')}`,
    );
    expect(await response.text()).toBe(ics);
    for (const params of [
      { id, index: '1' },
      { id: randomUUID(), index: '0' },
      { id: 'not-a-uuid', index: '0' },
    ]) {
      await expect(get(params)).rejects.toMatchObject({ status: 404 });
    }
  });

  it('refuses an attachment that is not base64 or whose name would break the headers', async () => {
    const letter = {
      template: 'employer_verified' as const,
      data: { organizationName: 'АО «Азот»', url: 'http://127.0.0.1:3000/employer' },
    };
    const file = { filename: 'a.ics', contentType: 'text/calendar', content: 'QUJD' };
    await expect(
      enqueueEmail(pool, recipient('bad'), letter, { attachments: [{ ...file, content: 'не base64' }] }),
    ).rejects.toThrow(/base64/);
    await expect(
      enqueueEmail(pool, recipient('bad'), letter, { attachments: [{ ...file, filename: 'a\r\nBcc: x' }] }),
    ).rejects.toThrow(/имя вложения/);
  });

  it('records a refused letter, retries it, and marks it failed after the last attempt', async () => {
    const smtp = await startSmtpServer({ rejectRecipients: true });
    const transport = createTransport(smtp.url, FROM);
    try {
      const to = recipient('nobody');
      const id = await enqueueEmail(pool, to, {
        template: 'employer_rejected',
        data: { organizationName: 'ООО «Тест»', reason: 'ИНН не найден' },
      });
      worker = await startTestWorker(transport);

      const first = await waitUntil('первая попытка', async () => {
        const r = await outboxRow(id);
        return r && r.attempts >= 1 && r;
      });
      expect(first.status).toBe('queued');
      expect(first.last_error).toMatch(/550/);

      // graphile-worker retries after exp(attempts) seconds; run the retry now and make it the last.
      // (_private_jobs: the public jobs view does not show the payload that names our letter.)
      const { rows: jobs } = await pool.query<{ id: string; attempts: number; max_attempts: number }>(
        `select id, attempts, max_attempts from graphile_worker._private_jobs where payload->>'id' = $1`,
        [id],
      );
      expect(jobs).toHaveLength(1);
      expect(jobs[0].attempts).toBe(1);
      expect(jobs[0].max_attempts).toBe(10);
      await workerUtils.rescheduleJobs([jobs[0].id], { runAt: new Date(), maxAttempts: 2 });

      const last = await waitUntil('письмо помечено как неотправленное', async () => {
        const r = await outboxRow(id);
        return r?.status === 'failed' && r;
      });
      expect(last.attempts).toBe(2);
      expect(last.last_error).toMatch(/550/);
      expect(last.sent_at).toBeNull();
      expect(smtp.received.some((m) => m.envelopeTo.includes(to))).toBe(false);
    } finally {
      transport.close();
      await smtp.close();
    }
  });

  it('keeps the letter in the database in mailbox mode', async () => {
    const id = await enqueueEmail(pool, recipient('boris'), {
      template: 'reset_password',
      data: { name: 'Борис', url: 'http://127.0.0.1:3000/reset-password?token=abc' },
    });
    worker = await startTestWorker(createMailboxTransport());
    const row = await waitUntil('письмо сохранено', async () => {
      const r = await outboxRow(id);
      return r?.status === 'stored' && r;
    });
    expect(row.attempts).toBe(1);
  });

  it('enqueues in the caller’s transaction: a rollback leaves neither letter nor job', async () => {
    const client = await pool.connect();
    let id: string;
    try {
      await client.query('begin');
      id = await enqueueEmail(client, recipient('rollback'), {
        template: 'employer_verified',
        data: { organizationName: 'АО «Азот»', url: 'http://127.0.0.1:3000/employer' },
      });
      await client.query('rollback');
    } finally {
      client.release();
    }
    expect(await outboxRow(id)).toBeUndefined();
    const { rowCount } = await pool.query(
      `select from graphile_worker._private_jobs where payload->>'id' = $1`,
      [id],
    );
    expect(rowCount).toBe(0);
  });

  it('reports a running worker through its heartbeat and forgets it on stop', async () => {
    worker = await startTestWorker(createMailboxTransport());
    const { workerId } = worker;
    expect(await workerAlive(pool)).toBe(true);
    await worker.stop();
    worker = undefined;
    const { rowCount } = await pool.query('select from app_private.worker_heartbeats where worker_id = $1', [
      workerId,
    ]);
    expect(rowCount).toBe(0);
  });

  it('tells whether SMTP is reachable', async () => {
    const closed = createTransport('smtp://127.0.0.1:1', FROM);
    expect(await closed.verify(2000)).toBe(false);
    closed.close();
    expect(await createMailboxTransport().verify()).toBe(true);
  });
});
