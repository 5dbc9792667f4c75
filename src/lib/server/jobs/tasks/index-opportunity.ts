import type { Meilisearch } from 'meilisearch';
import type { JobHelpers, Task } from 'graphile-worker';
import { isMeiliUnreachable, meiliClient } from '../../search/client.ts';
import { ensureSearchIndexOnce } from '../../search/settings.ts';
import { syncOpportunities } from '../../search/sync.ts';
import { UUID } from '../../../schemas/fields.ts';

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
      // Two jobs of one posting can run at once (a change while its job runs queues another):
      // a lock per posting makes the later one read and enqueue after the earlier, and
      // Meilisearch applies tasks in order, so the newest state wins. And a change committed while
      // this job was being fetched may find the job locked and queue nothing (measured: about 1
      // in 50 publications under load), so the posting is read only after any transaction
      // writing it has ended: that change is then seen here.
      await helpers.withPgClient(async (client) => {
        await client.query('begin');
        try {
          await client.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [
            `index_opportunity:${id}`,
          ]);
          await syncOpportunities(client, meili, [id], undefined, { waitForWriters: true });
          await client.query('commit');
        } catch (err) {
          await client.query('rollback').catch(() => {});
          throw err;
        }
      });
    } catch (err) {
      if (!isMeiliUnreachable(err)) throw err;
      helpers.logger.debug(`index_opportunity ${id}: Meilisearch недоступен, повтор через 3 с`);
      await requeueWhileUnreachable(helpers, 'index_opportunity', { id }, `index_opportunity:${id}`);
    }
  };
}

export const indexOpportunity = makeIndexOpportunity();
