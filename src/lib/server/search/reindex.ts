import type { Meilisearch } from 'meilisearch';
import type { Queryable } from '../db.ts';
import { OPPORTUNITIES_INDEX } from './client.ts';
import { loadOpportunityDocuments } from './document.ts';
import { ensureSearchIndex } from './settings.ts';
import { reconcileSearchIndex } from './sync.ts';

export interface ReindexProgress {
  indexed: number;
  total: number;
  docsPerSecond: number;
}

export interface ReindexResult {
  documents: number;
  ms: number;
  docsPerSecond: number;
}

const BATCH = 5000;

/**
 * Rebuilds the index from Postgres without a moment of empty search: every public posting goes in
 * batches into a fresh index `<uid>_tmp` (settings applied first, so documents are indexed once),
 * which then takes the place of the live one by an atomic swap; the old index is deleted. Changes
 * made meanwhile went to the old index, so a reconciliation runs at the end.
 */
export async function rebuildSearchIndex(
  db: Queryable,
  meili: Meilisearch,
  options: { uid?: string; onProgress?: (p: ReindexProgress) => void } = {},
): Promise<ReindexResult> {
  const uid = options.uid ?? OPPORTUNITIES_INDEX;
  const tmp = `${uid}_tmp`;
  const started = Date.now();
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from public.opportunities o
       join public.organizations org on org.id = o.organization_id
      where o.status = 'published' and o.expires_at > now()
        and org.kind = 'employer' and org.verification_status = 'verified'`,
  );
  const total = rows[0].n;
  await meili.deleteIndexIfExists(tmp);
  await ensureSearchIndex(meili, tmp);
  const index = meili.index(tmp);

  // Postgres reads the next batch while Meilisearch indexes the previous ones.
  const pending: { taskUid: number; count: number }[] = [];
  let afterId: string | undefined;
  let loaded = 0;
  const producer = (async () => {
    for (;;) {
      const docs = await loadOpportunityDocuments(db, { all: true, afterId, limit: BATCH });
      if (!docs.length) break;
      afterId = docs[docs.length - 1].id;
      loaded += docs.length;
      const task = await index.addDocuments(docs, { primaryKey: 'id' });
      pending.push({ taskUid: task.taskUid, count: docs.length });
      if (docs.length < BATCH) break;
    }
  })();
  let indexed = 0;
  let producerDone = false;
  void producer.finally(() => (producerDone = true)).catch(() => {});
  while (!producerDone || pending.length) {
    const next = pending.shift();
    if (!next) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    const task = await meili.tasks.waitForTask(next.taskUid, { timeout: 600_000, interval: 100 });
    if (task.status !== 'succeeded') {
      throw new Error(`индексация не удалась: ${task.error?.message ?? task.status}`);
    }
    indexed += next.count;
    const seconds = (Date.now() - started) / 1000;
    options.onProgress?.({ indexed, total: Math.max(total, loaded), docsPerSecond: indexed / seconds });
  }
  await producer;

  await ensureSearchIndex(meili, uid); // the live index must exist to be swapped
  await meili.swapIndexes([{ indexes: [uid, tmp], rename: false }]).waitTask({ timeout: 600_000 });
  await meili.deleteIndex(tmp).waitTask({ timeout: 600_000 });
  const ms = Date.now() - started;
  await reconcileSearchIndex(db, meili, uid);
  return { documents: indexed, ms, docsPerSecond: indexed / (ms / 1000) };
}
