/**
 * A real graphile-worker for integration tests with only the tasks under test, sending letters to a
 * real in-process SMTP server; and a way to run a cron task once and wait for it.
 */
import { makeWorkerUtils, type Task, type WorkerUtils } from 'graphile-worker';
import { createTransport } from '../../src/lib/server/email/transport.ts';
import { startWorker, type WorkerHandle } from '../../src/lib/server/jobs/runner.ts';
import { makeSendEmail } from '../../src/lib/server/jobs/tasks/send-email.ts';
import { testDb } from './db.ts';
import { parseMessage, startSmtpServer, type TestSmtpServer } from './smtp-server.ts';

const FROM = 'КемероVоПРОФИ <no-reply@kemerovo-profi.test>';

export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`не дождались: ${what}`);
}

export interface TestWorker {
  smtp: TestSmtpServer;
  /** Queues a job and waits until the worker has finished it. */
  run(task: string, payload?: object): Promise<void>;
  /** Letters the SMTP server received for an address, decoded. */
  lettersTo(address: string): ReturnType<typeof parseMessage>[];
  /** Waits until every letter queued for these addresses has left through SMTP. */
  drain(addresses: string[]): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestWorker(tasks: Record<string, Task>): Promise<TestWorker> {
  const databaseUrl = process.env.DATABASE_URL!;
  const smtp = await startSmtpServer();
  const utils: WorkerUtils = await makeWorkerUtils({ connectionString: databaseUrl });
  const transport = createTransport(smtp.url, FROM);
  const worker: WorkerHandle = await startWorker(databaseUrl, {
    taskList: { send_email: makeSendEmail(() => transport), ...tasks },
    pollInterval: 200,
    heartbeatIntervalMs: 500,
  });
  const jobGone = async (id: string) => {
    const { rowCount } = await testDb().query('select from graphile_worker._private_jobs where id = $1', [
      id,
    ]);
    return rowCount === 0;
  };
  return {
    smtp,
    async run(task, payload = {}) {
      const job = await utils.addJob(task, payload);
      await waitUntil(`задача ${task} выполнена`, () => jobGone(job.id));
    },
    lettersTo: (address) =>
      smtp.received.filter((m) => m.envelopeTo.includes(address)).map((m) => parseMessage(m.raw)),
    async drain(addresses) {
      await waitUntil('письма отправлены', async () => {
        const { rows } = await testDb().query<{ n: number }>(
          `select count(*)::int as n from app_private.outbound_emails
            where status = 'queued' and lower(to_address) = any($1::text[])`,
          [addresses.map((a) => a.toLowerCase())],
        );
        return rows[0].n === 0;
      });
    },
    async stop() {
      await worker.stop();
      await utils.release();
      await smtp.close();
    },
  };
}
