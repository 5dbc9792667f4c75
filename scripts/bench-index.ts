/**
 * `npm run bench:index [-- --opportunities N --changes K]`: on a throwaway embedded stack
 * (.data/bench-index) with N generated opportunities (default 200 000):
 *   1. the full reindex rate (documents/s) of `search:reindex`;
 *   2. commit-to-searchable latency: with the worker running (as `npm run worker` does), K single-
 *      posting changes (default 200: edits of a title and publications of new postings), one every
 *      250 ms, each polled in Meilisearch until a search finds it; prints p50/p95/max.
 * It prints figures and asserts nothing.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { fmt, percentile, startBenchStack } from './lib/bench-stack.ts';
import { generateBulkOpportunities } from './lib/bulk-sql.ts';

const { values } = parseArgs({
  options: {
    opportunities: { type: 'string', default: '200000' },
    changes: { type: 'string', default: '200' },
  },
});
const N = Number(values.opportunities);
const K = Number(values.changes);

const stack = await startBenchStack('.data/bench-index');
Object.assign(process.env, stack.env);
const pool = new pg.Pool({ connectionString: stack.env.DATABASE_URL, max: 6 });
const { createMeiliClient } = await import('../src/lib/server/search/client.ts');
const { rebuildSearchIndex } = await import('../src/lib/server/search/reindex.ts');
const { startWorker } = await import('../src/lib/server/jobs/runner.ts');
let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
try {
  console.log(`[bench] генерирую ${fmt(N)} публикаций…`);
  const client = await pool.connect();
  const { employerIds } = await generateBulkOpportunities(client, N);
  await client.query('vacuum analyze public.opportunities');
  client.release();

  const meili = createMeiliClient(
    { url: stack.env.MEILISEARCH_URL, apiKey: stack.env.MEILISEARCH_MASTER_KEY },
    60_000,
  );
  console.log('[bench] полная переиндексация…');
  const reindex = await rebuildSearchIndex(pool, meili, {
    onProgress: ({ indexed, total, docsPerSecond }) =>
      process.stdout.write(`\r  ${indexed} / ${total} ${fmt(docsPerSecond)} док/с   `),
  });
  process.stdout.write('\n');

  worker = await startWorker(stack.env.DATABASE_URL, { concurrency: 4, pollInterval: 1000 });
  // let the worker's start-up reconciliation finish
  for (;;) {
    const { results } = await meili.tasks.getTasks({ statuses: ['enqueued', 'processing'] });
    if (!results.length) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await new Promise((r) => setTimeout(r, 2000));

  const { rows: existing } = await pool.query<{ id: string; title: string }>(
    `select id, title from public.opportunities where status = 'published' order by id limit $1`,
    [K],
  );
  const index = meili.index('opportunities');
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  console.log(`[bench] ${K} изменений по одному, раз в 250 мс…`);
  for (let i = 0; i < K; i++) {
    // one Cyrillic word: a token of mixed scripts would be split into several words
    const token = `метка${[...randomBytes(5).toString('hex')].map((c) => 'абвгдежзиклмнопр'[parseInt(c, 16)]).join('')}`;
    let id: string;
    if (i % 2 === 0) {
      id = existing[i].id;
      await pool.query('update public.opportunities set title = $2 where id = $1', [
        id,
        `${existing[i].title.slice(0, 150)} ${token}`,
      ]);
    } else {
      // a draft published in its own transaction, as publish_opportunity() does
      const { rows } = await pool.query<{ id: string }>(
        `insert into public.opportunities (organization_id, kind, title, description_text, industry_code, district_code)
         values ($1, 'internship', $2, 'Стажировка для студентов старших курсов.', 'J', 'leninsky') returning id`,
        [employerIds[i % employerIds.length], `Стажёр-аналитик ${token}`],
      );
      id = rows[0].id;
      await pool.query(
        `update public.opportunities set status = 'published', published_at = now(),
                expires_at = now() + interval '30 days' where id = $1`,
        [id],
      );
    }
    const committed = performance.now();
    pending.push(
      (async () => {
        for (;;) {
          const res = await index.search(token, { attributesToRetrieve: ['id'], limit: 20 });
          if (res.hits.some((h) => h.id === id)) break;
          await new Promise((r) => setTimeout(r, 20));
        }
        latencies.push(performance.now() - committed);
      })(),
    );
    await new Promise((r) => setTimeout(r, 250));
  }
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  console.log(`\nИндексация, ${fmt(N)} публикаций:`);
  console.log(
    `  полная переиндексация: ${fmt(reindex.documents)} документов за ${fmt(reindex.ms / 1000, 1)} с — ${fmt(reindex.docsPerSecond)} док/с  (цель ≥ 2 000)`,
  );
  console.log(
    `  от коммита до поиска, ${latencies.length} изменений: p50 ${fmt(percentile(latencies, 50))} мс, ` +
      `p95 ${fmt(percentile(latencies, 95))} мс, max ${fmt(latencies[latencies.length - 1])} мс  (цель p95 ≤ 2 000 мс)`,
  );
} finally {
  await worker?.stop();
  await pool.end();
  await stack.stop();
}
