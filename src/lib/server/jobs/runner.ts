import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { run, type Runner, type TaskList } from 'graphile-worker';
import pg from 'pg';
import { forgetWorker, HEARTBEAT_INTERVAL_MS, recordHeartbeat } from './heartbeat.ts';
import { jobLogger } from './logger.ts';
import { taskList as defaultTaskList } from './task-list.ts';
import { startSearchWatcher, type SearchWatcher } from '../search/watcher.ts';
import { vacancySnapshotCrontab } from './tasks/take-vacancy-snapshot.ts';

/**
 * Scheduled jobs (graphile-worker crontab; times are UTC). Expired postings leave search at once by
 * a query-time filter; this marks them expired and removes them from the index. Reconciliation is
 * a cheap diff every 10 minutes, plus a nightly run at 03:00 Kemerovo time (UTC+7).
 */
export const DEFAULT_CRONTAB = [
  '*/5 * * * * expire_opportunities ?jobKey=expire_opportunities',
  '7 * * * * warn_expiring_opportunities ?jobKey=warn_expiring_opportunities',
  '*/10 * * * * reconcile_search ?id=reconcile_search&jobKey=reconcile_search',
  '0 20 * * * reconcile_search ?id=reconcile_search_nightly&jobKey=reconcile_search',
  // saved-search alerts: each search is due daily or weekly; looked at every hour
  '17 * * * * send_saved_search_alerts ?jobKey=send_saved_search_alerts',
  // practices start on their date (each accepted one also has its own job at the start): 00:05 Kemerovo
  '5 17 * * * start_due_placements ?jobKey=start_due_placements_daily',
  // no ghosting: the employer's digest of applications unanswered for 3 working days, at 09:00
  // Kemerovo time on working days (at most one a day per employer, however often it runs), and the
  // students' letter 21 days after applying without a decision (once per application)
  '0 2 * * 1-5 send_employer_pending_digests ?jobKey=send_employer_pending_digests',
  '37 * * * * tell_stale_applicants ?jobKey=tell_stale_applicants',
  // partnership contracts: expiry and the letters 30 and 7 days before (each once)
  '23 * * * * check_contract_terms ?jobKey=check_contract_terms',
  // events: the reminder the day before (once per registration)
  '*/15 * * * * remind_event_participants ?jobKey=remind_event_participants',
  // stipend awards whose months have passed become finished (idempotent)
  '23 * * * * finish_stipend_awards ?jobKey=finish_stipend_awards',
  // the vacancy bank's weekly snapshot, only when TRUDVSEM_API_URL is set
  ...vacancySnapshotCrontab(),
].join('\n');

export interface WorkerOptions {
  /** Defaults to every task of task-list.ts; tests pass tasks with injected dependencies. */
  taskList?: TaskList;
  concurrency?: number;
  /** How often to look for jobs whose time has come (retries, scheduled jobs), in ms. */
  pollInterval?: number;
  /**
   * Leave SIGTERM/SIGINT to the caller (default). graphile-worker's own handlers end the process
   * by re-raising the signal, which would skip our heartbeat cleanup.
   */
  noHandleSignals?: boolean;
  heartbeatIntervalMs?: number;
  /** Log every completed job, not only failures. */
  verbose?: boolean;
  /** Defaults to DEFAULT_CRONTAB with the default task list, none with a custom one. */
  crontab?: string;
  /**
   * Watch Meilisearch and reconcile the index at start and whenever it comes back (default: with
   * the default task list).
   */
  searchWatcher?: boolean;
}

export interface WorkerHandle {
  workerId: string;
  runner: Runner;
  /** Waits for running jobs to finish, then stops polling and the heartbeat. Safe to call twice. */
  stop(): Promise<void>;
}

/** Starts the graphile-worker job runner in this process, with a heartbeat for /healthz. */
export async function startWorker(
  connectionString: string,
  options: WorkerOptions = {},
): Promise<WorkerHandle> {
  const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const heartbeatPool = new pg.Pool({ connectionString, max: 1 });
  heartbeatPool.on('error', () => {}); // a dropped idle connection is replaced on the next beat

  const runner = await run({
    connectionString,
    taskList: options.taskList ?? defaultTaskList,
    concurrency: options.concurrency ?? 4,
    pollInterval: options.pollInterval ?? 1000,
    noHandleSignals: options.noHandleSignals ?? true,
    logger: jobLogger(options.verbose),
    crontab: options.crontab ?? (options.taskList ? undefined : DEFAULT_CRONTAB),
  });

  // Meilisearch may be down at start: the watcher applies the settings and reconciles as soon as
  // it answers, and again after every outage.
  let watcher: SearchWatcher | undefined;
  if (options.searchWatcher ?? !options.taskList) {
    watcher = startSearchWatcher({ connectionString });
  }

  let heartbeatFailing = false;
  const beat = async () => {
    try {
      await recordHeartbeat(heartbeatPool, workerId);
      if (heartbeatFailing) console.warn('[задачи] отметка о работе снова записывается');
      heartbeatFailing = false;
    } catch (err) {
      if (!heartbeatFailing)
        console.error(`[задачи] не удалось записать отметку о работе: ${(err as Error).message}`);
      heartbeatFailing = true;
    }
  };
  await beat();
  const timer = setInterval(beat, options.heartbeatIntervalMs ?? HEARTBEAT_INTERVAL_MS);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      clearInterval(timer);
      await watcher?.stop().catch(() => {});
      try {
        await runner.stop();
      } finally {
        await forgetWorker(heartbeatPool, workerId).catch(() => {});
        await heartbeatPool.end();
      }
    })());

  return { workerId, runner, stop };
}
