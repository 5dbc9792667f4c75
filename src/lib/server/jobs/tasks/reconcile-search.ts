import type { Meilisearch } from 'meilisearch';
import type { Task } from 'graphile-worker';
import { meiliClient } from '../../search/client.ts';
import { reconcileSearchIndex } from '../../search/sync.ts';

/**
 * reconcile_search: makes the index equal the public postings of Postgres (cron: every 10 minutes
 * and nightly; the worker also runs it at start and whenever Meilisearch comes back). A failure is
 * retried by graphile-worker; the next scheduled run repairs whatever is left.
 */
export function makeReconcileSearch(getMeili: () => Meilisearch = () => meiliClient()): Task {
  return async (_payload, helpers) => {
    const counts = await helpers.withPgClient((client) => reconcileSearchIndex(client, getMeili()));
    const changed = counts.upserted + counts.deleted;
    const line =
      `reconcile_search: в базе ${counts.expected}, в индексе было ${counts.indexed}; ` +
      `добавлено ${counts.missing}, обновлено ${counts.stale}, удалено ${counts.deleted} за ${counts.ms} мс`;
    if (changed) helpers.logger.info(line);
    else helpers.logger.debug(line);
  };
}

export const reconcileSearch = makeReconcileSearch();
