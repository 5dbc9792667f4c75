import type { Meilisearch } from 'meilisearch';
import type { JobHelpers, Task } from 'graphile-worker';
import { isMeiliUnreachable, meiliClient } from '../../search/client.ts';
import { ensureSearchIndexOnce } from '../../search/settings.ts';
import { syncOpportunities } from '../../search/sync.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** While Meilisearch is unreachable, an index job comes back this often (not with backoff). */
export const UNREACHABLE_RETRY_MS = 3000;
const INDEX_TIMEOUT_MS = 5000;

/**
 * Queues the same job again shortly, under the same job key: graphile-worker's exponential backoff
 * would leave the index behind for minutes after an outage, and the attempt counter would run out.
 * The job key makes a newer change of the same posting replace the re-queued job.
 */
export async function requeueWhileUnreachable(
  helpers: JobHelpers,
  identifier: string,
  payload: Record<string, string>,
  jobKey: string,
) {
  await helpers.addJob(identifier, payload, {
    jobKey,
    runAt: new Date(Date.now() + UNREACHABLE_RETRY_MS),
  });
}

/**
 * index_opportunity {id}: queued by a trigger in the same transaction as every change of a posting.
 * Upserts its document when the posting is public, deletes it from the index otherwise.
 */
export function makeIndexOpportunity(
  getMeili: () => Meilisearch = () => meiliClient({ timeoutMs: INDEX_TIMEOUT_MS }),
): Task {
  return async (payload, helpers) => {
    const id = (payload as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || !UUID.test(id)) {
      helpers.logger.error(`index_opportunity: некорректные данные задачи ${JSON.stringify(payload)}`);
      return;
    }
    try {
      const meili = getMeili();
      await ensureSearchIndexOnce(meili);
      await helpers.withPgClient((client) => syncOpportunities(client, meili, [id]));
    } catch (err) {
      if (!isMeiliUnreachable(err)) throw err;
      helpers.logger.debug(`index_opportunity ${id}: Meilisearch недоступен, повтор через 3 с`);
      await requeueWhileUnreachable(helpers, 'index_opportunity', { id }, `index_opportunity:${id}`);
    }
  };
}

export const indexOpportunity = makeIndexOpportunity();
