import type { Meilisearch } from 'meilisearch';
import pg from 'pg';
import { meiliClient } from './client.ts';
import { reconcileSearchIndex, type ReconcileCounts } from './sync.ts';

export interface SearchWatcherOptions {
  connectionString: string;
  /** defaults to the configured Meilisearch (master key) */
  meili?: Meilisearch;
  intervalMs?: number;
  log?: (message: string) => void;
  onReconciled?: (counts: ReconcileCounts) => void;
}

export interface SearchWatcher {
  /** whether the last health check succeeded */
  readonly up: boolean;
  stop(): Promise<void>;
}

/**
 * Checks Meilisearch's /health every 2 s. Whenever it becomes reachable — at worker start and after
 * every outage — it applies the index settings and reconciles the index with Postgres at once, so
 * that after an outage search is complete again within seconds instead of at the next cron run.
 * A reconciliation that fails (Meilisearch went away again) is retried at the next "up".
 */
export function startSearchWatcher(options: SearchWatcherOptions): SearchWatcher {
  const meili = options.meili ?? meiliClient({ timeoutMs: 1500 });
  const reconcileClient = options.meili ?? meiliClient();
  const log = options.log ?? ((m: string) => console.log(`[поиск] ${m}`));
  const pool = new pg.Pool({ connectionString: options.connectionString, max: 2 });
  pool.on('error', () => {}); // a dropped idle connection is replaced on the next use
  let state: 'unknown' | 'up' | 'down' = 'unknown';
  let reconciled = false;
  let failedAt = 0;
  let running: Promise<void> | undefined;
  let stopped = false;

  const reconcile = async () => {
    try {
      const counts = await reconcileSearchIndex(pool, reconcileClient);
      reconciled = true;
      if (counts.upserted || counts.deleted) {
        log(
          `индекс сверен с базой: добавлено ${counts.missing}, обновлено ${counts.stale}, ` +
            `удалено ${counts.deleted} (${counts.ms} мс)`,
        );
      }
      options.onReconciled?.(counts);
    } catch (err) {
      failedAt = Date.now();
      log(`не удалось сверить индекс с базой: ${(err as Error).message}; повторю, когда Meilisearch ответит`);
    }
  };

  const check = async () => {
    if (stopped) return;
    const healthy = await meili.isHealthy().catch(() => false);
    const was = state;
    state = healthy ? 'up' : 'down';
    if (!healthy) {
      if (was !== 'down') log('Meilisearch недоступен: поиск работает по базе, индекс догонит позже');
      reconciled = false;
      failedAt = 0; // after the outage, try again at once
      return;
    }
    if (was === 'down') log('Meilisearch снова доступен: сверяю индекс с базой');
    // an error while Meilisearch answers is retried every 30 s, not on every check
    if (!reconciled && !running && Date.now() - failedAt > 30_000) {
      running = reconcile().finally(() => {
        running = undefined;
      });
    }
  };

  void check();
  const timer = setInterval(() => void check(), options.intervalMs ?? 2000);

  return {
    get up() {
      return state === 'up';
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => {});
      await pool.end();
    },
  };
}
