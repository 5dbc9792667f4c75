/**
 * The background job worker (graphile-worker): sends email and runs every task of
 * src/lib/server/jobs/task-list.ts. `npm run worker`; `npm start` launches it alongside the app.
 */
import { config } from '../src/lib/server/config.ts';
import { startWorker } from '../src/lib/server/jobs/runner.ts';

// Reading the whole configuration now makes a missing variable fail at start, not at the first job.
const { databaseUrl, mailMode } = config();
const worker = await startWorker(databaseUrl, { concurrency: 4, pollInterval: 1000 });
console.log(
  `[worker] обработчик фоновых задач запущен (${worker.workerId}); почта: ${mailMode === 'smtp' ? 'SMTP' : 'только в базе (mailbox)'}`,
);

let shuttingDown = false;
async function shutdown(signal: NodeJS.Signals) {
  // Ctrl+C in a terminal reaches both the launcher and this process, and the launcher then sends
  // SIGTERM as well: a repeated signal must not cut the wait for running jobs short. The launcher
  // kills a worker that does not finish in time.
  if (shuttingDown) return;
  shuttingDown = true;
  console.log(`[worker] получен ${signal}: дожидаюсь текущих задач и останавливаюсь`);
  try {
    await worker.stop();
    process.exit(0);
  } catch (err) {
    console.error(`[worker] остановка с ошибкой: ${(err as Error).message}`);
    process.exit(1);
  }
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

worker.runner.promise.catch((err: Error) => {
  console.error(`[worker] обработчик задач остановился из-за ошибки: ${err.message}`);
  process.exit(1);
});
