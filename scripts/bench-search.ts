/**
 * `npm run bench:search [-- --opportunities N --rate R]`: search latency with N opportunities
 * (default 200 000) on a throwaway embedded stack (.data/bench):
 *   1. generates the postings in SQL (scripts/lib/bulk-sql.ts) and rebuilds the index (docs/s);
 *   2. starts the built app (`node server.js`; `vite build` first when missing or stale);
 *   3. sends one fixed set of ≥ 500 queries (a fifth and more with typos) at a steady rate, on
 *      loopback, (a) through the app's /api/opportunities/search, (b) straight to Meilisearch with
 *      the same requests the app makes (two when it corrects a typo), (b′) only the first of them,
 *      (c) to the Postgres fallback RPC through PostgREST;
 *   4. prints p50/p95/p99 of each, the ratios app ÷ Meilisearch and Postgres ÷ Meilisearch (p95),
 *      and recall@10 of the typo queries (against the top 10 of their clean form): through the app
 *      (Meilisearch with the app's spelling correction) and in Meilisearch alone — for the typos
 *      generated from the index's words, and per class for a second set written by hand from how
 *      people misspell (HUMAN_TYPOS: doubled and dropped letters, е/э/ё, е/и, а/о, и/ы,
 *      neighbouring keys, the other keyboard layout, transliteration).
 * It prints figures and asserts nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { fmt, percentile, startBenchStack } from './lib/bench-stack.ts';
import { ensureBuild } from './lib/build.ts';
import { fixedPorts } from './lib/fixed-ports.ts';
import { BULK_ROLE_TITLES, generateBulkOpportunities } from './lib/bulk-sql.ts';
import { HUMAN_TYPOS } from './lib/human-typos.ts';
import { assertPortFree, httpOk, waitFor } from './lib/ports.ts';
import { stopChild } from './lib/stack.ts';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    opportunities: { type: 'string', default: '200000' },
    rate: { type: 'string', default: '50' },
    'max-in-flight': { type: 'string', default: '8' },
  },
});
const N = Number(values.opportunities);
const RATE = Number(values.rate);
const MAX_IN_FLIGHT = Number(values['max-in-flight']);
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? fixedPorts().bench.app);

// ---------------------------------------------------------------------------------------------
// The fixed query set

interface BenchQuery {
  /** the URL query of the app (and of parseSearchParams) */
  query: string;
  /** for a typo query: the URL query of its clean form */
  clean?: string;
}

function typo(word: string, variant: number): string {
  const i = 2 + (variant % Math.max(1, word.length - 4));
  return variant % 2 === 0
    ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) // swap two letters
    : word.slice(0, i) + word.slice(i + 1); // drop one
}

export function buildQueries(): BenchQuery[] {
  const words = [
    ...new Set(
      BULK_ROLE_TITLES.flatMap((t) => t.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length >= 4),
    ),
  ].sort();
  const phrases = BULK_ROLE_TITLES.map((t) => t.toLowerCase());
  const filters = [
    '',
    '&kind=internship',
    '&kind=vacancy&kind=practice',
    '&district=leninsky&remote=1',
    '&year=3',
    '&paid=1&pay_min=40000',
    '&sort=newest',
    '&field=09.00.00',
    '&schedule=flexible&sort=pay',
    '&industry=B&sort=deadline',
  ];
  const out: BenchQuery[] = [];
  for (let i = 0; i < 300; i++) {
    const q = i % 3 === 0 ? phrases[i % phrases.length] : words[(i * 7) % words.length];
    out.push({ query: `q=${encodeURIComponent(q)}${filters[i % filters.length]}` });
  }
  for (let i = 0; i < 60; i++)
    out.push({ query: `${filters[i % filters.length].slice(1)}&page=${1 + (i % 3)}` });
  const long = words.filter((w) => w.length >= 6);
  for (let i = 0; i < 160; i++) {
    const word = long[(i * 5) % long.length];
    const f = i % 4 === 0 ? '&kind=vacancy' : '';
    out.push({
      query: `q=${encodeURIComponent(typo(word, i))}${f}`,
      clean: `q=${encodeURIComponent(word)}${f}`,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/** Sends every request at a steady rate (bounded in flight); returns latencies in ms. */
async function runAtRate(
  name: string,
  queries: BenchQuery[],
  send: (q: BenchQuery) => Promise<void>,
): Promise<number[]> {
  const latencies: number[] = [];
  const errors: string[] = [];
  let inFlight = 0;
  const started = performance.now();
  const all: Promise<void>[] = [];
  for (let i = 0; i < queries.length; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    while (inFlight >= MAX_IN_FLIGHT) await new Promise((r) => setTimeout(r, 1));
    inFlight++;
    const t0 = performance.now();
    all.push(
      send(queries[i])
        .then(
          () => void latencies.push(performance.now() - t0),
          (err: Error) => void errors.push(err.message),
        )
        .finally(() => inFlight--),
    );
  }
  await Promise.all(all);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `  ${name}: ${latencies.length} ответов за ${fmt(seconds, 1)} с (${fmt(latencies.length / seconds, 1)} запр/с)` +
      (errors.length ? `, ошибок ${errors.length}: ${errors[0]}` : ''),
  );
  return latencies.sort((a, b) => a - b);
}

const stack = await startBenchStack('.data/bench');
let app: ChildProcess | undefined;
const pool = new pg.Pool({ connectionString: stack.env.DATABASE_URL, max: 2 });
try {
  Object.assign(process.env, stack.env);
  const { createMeiliClient, MEILI_HEADERS } = await import('../src/lib/server/search/client.ts');
  const { rebuildSearchIndex } = await import('../src/lib/server/search/reindex.ts');
  const { meiliSearchRequest, searchMeilisearch, fallbackFilters, understandQuery } =
    await import('../src/lib/server/search/search.ts');
  const { parseSearchParams, PAGE_SIZE } = await import('../src/lib/schemas/search.ts');

  console.log(`[bench] генерирую ${fmt(N)} публикаций…`);
  const t = Date.now();
  const client = await pool.connect();
  await generateBulkOpportunities(client, N);
  await client.query('vacuum analyze public.opportunities');
  client.release();
  console.log(`[bench] сгенерировано за ${fmt((Date.now() - t) / 1000, 1)} с`);

  const meili = createMeiliClient(
    { url: stack.env.MEILISEARCH_URL, apiKey: stack.env.MEILISEARCH_MASTER_KEY },
    60_000,
  );
  console.log('[bench] полная переиндексация…');
  const reindex = await rebuildSearchIndex(pool, meili);
  console.log(
    `[bench] переиндексация: ${fmt(reindex.documents)} документов за ${fmt(reindex.ms / 1000, 1)} с — ${fmt(reindex.docsPerSecond)} док/с`,
  );

  await ensureBuild(root, (_scope, message) => console.log(`[bench] ${message}`));
  await assertPortFree(APP_PORT, 'приложение', 'BENCH_APP_PORT');
  const appUrl = `http://127.0.0.1:${APP_PORT}`;
  app = spawn(process.execPath, [path.join(root, 'server.js')], {
    env: { ...process.env, ...stack.env, PORT: String(APP_PORT), HOST: '127.0.0.1', ORIGIN: appUrl },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor('приложение', () => httpOk(`${appUrl}/api/opportunities/search?q=инженер`));

  const queries = buildQueries();
  const typos = queries.filter((q) => q.clean).length;
  console.log(
    `[bench] ${queries.length} запросов (${typos} с опечатками, ${Math.round((typos / queries.length) * 100)} %), ${RATE} запр/с, не более ${MAX_IN_FLIGHT} одновременно`,
  );

  // the first request the app sends to Meilisearch for a query (as the app understands it)
  const meiliBody = (query: string) => {
    const { params } = understandQuery(parseSearchParams(new URLSearchParams(query)));
    return JSON.stringify({ q: params.q, ...meiliSearchRequest(params) });
  };
  // the headers the app's client sends (no compression: see MEILI_HEADERS)
  const meiliHeaders = {
    ...MEILI_HEADERS,
    authorization: `Bearer ${stack.env.MEILISEARCH_MASTER_KEY}`,
    'content-type': 'application/json',
  };
  const restHeaders = {
    apikey: stack.env.SUPABASE_ANON_KEY,
    authorization: `Bearer ${stack.env.SUPABASE_ANON_KEY}`,
    'content-type': 'application/json',
  };
  const ok = async (res: Response) => {
    const body = await res.text();
    if (!res.ok) throw new Error(`${res.status} ${body.slice(0, 200)}`);
    return body;
  };
  const targets = {
    app: async (q: BenchQuery) => {
      const body = JSON.parse(await ok(await fetch(`${appUrl}/api/opportunities/search?${q.query}`)));
      if (body.degraded) throw new Error('приложение ответило из Postgres (degraded)');
    },
    // the Meilisearch requests the app makes for the query (a second one when it corrects a typo),
    // sent from here: the app's work without the app
    meilisearch: async (q: BenchQuery) => {
      const params = parseSearchParams(new URLSearchParams(q.query));
      await searchMeilisearch(meili, params, Date.now() / 1000);
    },
    // only the first of them, as one raw HTTP request
    'meili-1-req': async (q: BenchQuery) => {
      await ok(
        await fetch(`${stack.env.MEILISEARCH_URL}/indexes/opportunities/search`, {
          method: 'POST',
          headers: meiliHeaders,
          body: meiliBody(q.query),
        }),
      );
    },
    postgres: async (q: BenchQuery) => {
      const p = parseSearchParams(new URLSearchParams(q.query));
      await ok(
        await fetch(`${stack.env.SUPABASE_URL}/rest/v1/rpc/search_opportunities_fallback`, {
          method: 'POST',
          headers: restHeaders,
          body: JSON.stringify({
            p_q: p.q,
            p_filters: fallbackFilters(p),
            p_sort: p.sort,
            p_limit: PAGE_SIZE,
            p_offset: (p.page - 1) * PAGE_SIZE,
          }),
        }),
      );
    },
  };

  // warm-up of every path (connections, caches), not measured
  for (const send of Object.values(targets))
    for (const q of queries.slice(0, 30)) await send(q).catch(() => {});

  const results: Record<string, number[]> = {};
  for (const [name, send] of Object.entries(targets)) results[name] = await runAtRate(name, queries, send);

  // recall@10 of the typo queries: the share of the top 10 of the correctly spelt query that the
  // misspelt one also puts in its top 10. Through the app (Meilisearch and the app's spelling
  // correction: what a student gets) and, for comparison, Meilisearch alone with the app's request.
  const top10 = {
    app: async (query: string) => {
      const res = await fetch(`${appUrl}/api/opportunities/search?${query}`);
      const body = (await res.json()) as { hits: { id: string }[] };
      return body.hits.slice(0, 10).map((h) => h.id);
    },
    meilisearch: async (query: string) => {
      const res = await fetch(`${stack.env.MEILISEARCH_URL}/indexes/opportunities/search`, {
        method: 'POST',
        headers: meiliHeaders,
        body: meiliBody(query),
      });
      const body = (await res.json()) as { hits: { id: string }[] };
      return body.hits.slice(0, 10).map((h) => h.id);
    },
  };
  type Recall = Record<keyof typeof top10, { sum: number; count: number }>;
  const newRecall = (): Recall => ({ app: { sum: 0, count: 0 }, meilisearch: { sum: 0, count: 0 } });
  /** adds one typo query's recall@10 against its clean form (skipped when the clean form finds nothing) */
  const measure = async (into: Recall, query: string, clean: string) => {
    for (const path of ['app', 'meilisearch'] as const) {
      const expected = await top10[path](clean);
      if (!expected.length) continue;
      const got = new Set(await top10[path](query));
      into[path].sum += expected.filter((id) => got.has(id)).length / expected.length;
      into[path].count++;
    }
  };
  const recall = newRecall();
  for (const q of queries.filter((x) => x.clean)) await measure(recall, q.query, q.clean!);
  const byClass: Record<string, Recall> = {};
  for (const [name, pairs] of Object.entries(HUMAN_TYPOS)) {
    byClass[name] = newRecall();
    for (const [typed, meant] of pairs)
      await measure(byClass[name], `q=${encodeURIComponent(typed)}`, `q=${encodeURIComponent(meant)}`);
  }
  const share = (r: { sum: number; count: number }) => (r.count ? fmt(r.sum / r.count, 3) : '—');

  const p = (name: string, pc: number) => percentile(results[name], pc);
  console.log(`\nПоиск, ${fmt(N)} публикаций, ${queries.length} запросов, ${RATE} запр/с (мс):`);
  console.log('  путь              p50      p95      p99');
  for (const name of Object.keys(targets)) {
    console.log(
      `  ${name.padEnd(14)} ${fmt(p(name, 50), 1).padStart(7)}  ${fmt(p(name, 95), 1).padStart(7)}  ${fmt(p(name, 99), 1).padStart(7)}`,
    );
  }
  console.log(
    `  приложение ÷ Meilisearch (p95): ${fmt(p('app', 95) / p('meilisearch', 95), 2)}  (цель ≤ 1,5)`,
  );
  console.log(
    `  приложение ÷ один запрос к Meilisearch (p95): ${fmt(p('app', 95) / p('meili-1-req', 95), 2)}`,
  );
  console.log(`  Postgres ÷ Meilisearch (p95):   ${fmt(p('postgres', 95) / p('meilisearch', 95), 1)}`);
  console.log(`  приложение p95: ${fmt(p('app', 95), 1)} мс  (цель ≤ 60 мс)`);
  console.log(
    `  recall@10 запросов с опечатками через приложение: ${fmt(recall.app.sum / recall.app.count, 3)} по ${recall.app.count} запросам  (цель ≥ 0,9)`,
  );
  console.log(
    `  recall@10 запросов с опечатками в Meilisearch без исправления: ${fmt(recall.meilisearch.sum / recall.meilisearch.count, 3)}`,
  );
  console.log(`  переиндексация: ${fmt(reindex.docsPerSecond)} док/с  (цель ≥ 2 000)`);
  console.log(
    '\nrecall@10 опечаток, написанных вручную, по классам (цель ≥ 0,9 через приложение в каждом классе):',
  );
  console.log('  класс                            запросов  приложение  Meilisearch без исправления');
  for (const [name, r] of Object.entries(byClass)) {
    console.log(
      `  ${name.padEnd(32)} ${String(r.app.count).padStart(8)}  ${share(r.app).padStart(10)}  ${share(r.meilisearch).padStart(10)}`,
    );
  }
} finally {
  if (app) await stopChild(app);
  await pool.end();
  await stack.stop();
}
