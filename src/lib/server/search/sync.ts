import type { Meilisearch } from 'meilisearch';
import type { Queryable } from '../db.ts';
import { OPPORTUNITIES_INDEX } from './client.ts';
import { loadOpportunityDocuments, loadPublicVersions } from './document.ts';
import { ensureSearchIndex } from './settings.ts';
import type { OpportunityDocument } from './types.ts';

export interface SyncCounts {
  upserted: number;
  deleted: number;
}

const CHUNK = 1000;

/**
 * Brings these postings in the index up to date with Postgres: the public ones are upserted with
 * what the database holds now, every other id is deleted. Returns the Meilisearch tasks enqueued
 * (Meilisearch keeps its queue on disk, so an enqueued task is not lost).
 */
export async function syncOpportunities(
  db: Queryable,
  meili: Meilisearch,
  ids: string[],
  uid = OPPORTUNITIES_INDEX,
  options: { waitForWriters?: boolean } = {},
): Promise<SyncCounts & { taskUids: number[] }> {
  const index = meili.index<OpportunityDocument>(uid);
  const out = { upserted: 0, deleted: 0, taskUids: [] as number[] };
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const docs = await loadOpportunityDocuments(db, { ids: chunk, waitForWriters: options.waitForWriters });
    const found = new Set(docs.map((d) => d.id));
    const gone = chunk.filter((id) => !found.has(id));
    if (docs.length) {
      out.taskUids.push((await index.addDocuments(docs, { primaryKey: 'id' })).taskUid);
      out.upserted += docs.length;
    }
    if (gone.length) {
      out.taskUids.push((await index.deleteDocuments(gone)).taskUid);
      out.deleted += gone.length;
    }
  }
  return out;
}

/** id → updated_at_ts of every document in the index, read in pages. */
export async function loadIndexedVersions(
  meili: Meilisearch,
  uid = OPPORTUNITIES_INDEX,
): Promise<Map<string, number>> {
  const index = meili.index<Pick<OpportunityDocument, 'id' | 'updated_at_ts'>>(uid);
  const out = new Map<string, number>();
  const limit = 20_000;
  for (let offset = 0; ; offset += limit) {
    const page = await index.getDocuments({ fields: ['id', 'updated_at_ts'], limit, offset });
    for (const d of page.results) out.set(String(d.id), d.updated_at_ts);
    if (page.results.length < limit) break;
  }
  return out;
}

export interface ReconcileCounts extends SyncCounts {
  /** public postings in Postgres */
  expected: number;
  /** documents in the index before reconciliation */
  indexed: number;
  /** of the upserted: missing from the index / there with an older version */
  missing: number;
  stale: number;
  ms: number;
}

/**
 * Makes the index equal the set of public postings of Postgres (the source of truth): compares
 * every id and updated_at_ts, upserts what is missing or stale, deletes what should not be there,
 * and waits until Meilisearch has applied it. Cheap when nothing differs (two reads).
 */
export async function reconcileSearchIndex(
  db: Queryable,
  meili: Meilisearch,
  uid = OPPORTUNITIES_INDEX,
): Promise<ReconcileCounts> {
  const started = Date.now();
  await ensureSearchIndex(meili, uid);
  // the index first: a posting that changes in between is then at worst synced once more
  const indexed = await loadIndexedVersions(meili, uid);
  const expected = await loadPublicVersions(db);
  const missing: string[] = [];
  const stale: string[] = [];
  const extra: string[] = [];
  for (const [id, version] of expected) {
    const have = indexed.get(id);
    if (have === undefined) missing.push(id);
    else if (have !== version) stale.push(id);
  }
  for (const id of indexed.keys()) if (!expected.has(id)) extra.push(id);
  // Each id is synced from what Postgres holds at this moment, like a single index job would.
  const result = await syncOpportunities(db, meili, [...missing, ...stale, ...extra], uid);
  for (const taskUid of result.taskUids) {
    const task = await meili.tasks.waitForTask(taskUid, { timeout: 600_000, interval: 100 });
    if (task.status !== 'succeeded') {
      throw new Error(`задача Meilisearch ${taskUid}: ${task.error?.message ?? task.status}`);
    }
  }
  return {
    upserted: result.upserted,
    deleted: result.deleted,
    expected: expected.size,
    indexed: indexed.size,
    missing: missing.length,
    stale: stale.length,
    ms: Date.now() - started,
  };
}
