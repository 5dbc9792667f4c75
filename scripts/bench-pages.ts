/**
 * `npm run bench:pages [-- --seconds S --connections C --profile]`: how fast the public pages are
 * next to what serves them, on a throwaway embedded stack (.data/bench-pages) with the demo data
 * (scripts/lib/seed.ts, ~400 postings):
 *   1. starts the built app (`node server.js`; `vite build` first when missing or stale);
 *   2. for `/`, `/opportunities`, a query, a posting page, an employer page and the search JSON
 *      endpoint (with and without the query): fetches the page once, starts a bare `node:http`
 *      server on loopback that answers every request with exactly those bytes, and runs autocannon
 *      (C connections for S seconds each, from a process of its own) against the bare server and
 *      then the app, in this run;
 *   3. prints req/s and p50/p95 of both, the ratio app ÷ bare server, the ratio of the search pages
 *      to the search JSON endpoint, and each page's HTML size;
 *   4. the same load against a second app process with the public page cache off
 *      (PUBLIC_PAGE_CACHE_SECONDS=0): what every page costs to render — what signed-in people and
 *      cache misses get.
 * Goals (issue 10 item 21): landing, posting and employer pages ≥ 0.3× the bare server; the search
 * page ≥ 0.8× the search JSON endpoint; no page over 40 KB of HTML for 20 results.
 * `--profile` runs the app with `node --cpu-prof` and leaves the profile in .data/bench-pages/profile;
 * `--only <text>` measures only the rows whose name contains the text (the goals need them all).
 * It prints figures and asserts nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { fmt, percentile, startBenchStack } from './lib/bench-stack.ts';
import { ensureBuild } from './lib/build.ts';
import { fixedPorts } from './lib/fixed-ports.ts';
import { assertPortFree, httpOk, waitFor } from './lib/ports.ts';
import { stopChild } from './lib/stack.ts';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    profile: { type: 'boolean', default: false },
    only: { type: 'string' },
    // internal: this script run as the load generator of one row (see load())
    'load-url': { type: 'string' },
  },
});
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? fixedPorts().bench.app);
const UNCACHED_PORT = fixedPorts().bench.appUncached;
const DATA_DIR = '.data/bench-pages';
const QUERY = `q=${encodeURIComponent('инженер')}`;

interface Load {
  rps: number;
  p50: number;
  p95: number;
  errors: number;
  non2xx: number;
}

/** autocannon against one URL, bounded in connections and seconds; latencies of every response. */
async function runLoad(url: string): Promise<Load> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration: SECONDS }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => void latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  return {
    rps: result.requests.total / SECONDS,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/**
 * runLoad in a process of its own: this process also serves the bare servers and the embedded
 * stack's gateway to PostgREST (scripts/lib/gateway.ts), and a load generator sharing their event
 * loop would slow down what it measures.
 */
async function load(url: string): Promise<Load> {
  const child = spawn(
    process.execPath,
    [
      import.meta.filename,
      '--load-url',
      url,
      '--seconds',
      String(SECONDS),
      '--connections',
      String(CONNECTIONS),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (code !== 0) throw new Error(`нагрузка на ${url}: код ${code}`);
  return JSON.parse(out) as Load;
}

if (values['load-url']) {
  process.stdout.write(JSON.stringify(await runLoad(values['load-url'])));
  process.exit(0);
}

/** A bare node:http server on a loopback port the OS picks, answering with these bytes. */
async function bareServer(
  body: Buffer,
  contentType: string,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': contentType, 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const started = Date.now();
const stack = await startBenchStack(DATA_DIR);
let app: ChildProcess | undefined;
let uncachedApp: ChildProcess | undefined;
try {
  Object.assign(process.env, stack.env);
  const { seedDemo } = await import('./lib/seed.ts');
  const { closeDb, db } = await import('../src/lib/server/db.ts');
  await seedDemo((scope, message) => console.log(`[${scope}] ${message}`));
  const { reconcileSearchIndex } = await import('../src/lib/server/search/sync.ts');
  const { createMeiliClient } = await import('../src/lib/server/search/client.ts');
  const indexed = await reconcileSearchIndex(
    db(),
    createMeiliClient({ url: stack.env.MEILISEARCH_URL, apiKey: stack.env.MEILISEARCH_MASTER_KEY }, 60_000),
  );
  console.log(`[bench] проиндексировано публикаций: ${indexed.upserted}`);
  // the employer with the most open postings, and its newest posting
  const { rows } = await db().query<{ organization_id: string; id: string }>(
    `select o.organization_id, (array_agg(o.id order by o.published_at desc))[1] as id
       from public.opportunities o
      where o.status = 'published' and o.expires_at > now()
      group by 1 order by count(*) desc limit 1`,
  );
  await closeDb();

  await ensureBuild(root, (_scope, message) => console.log(`[bench] ${message}`));
  await assertPortFree(APP_PORT, 'приложение', 'BENCH_APP_PORT');
  const appUrl = `http://127.0.0.1:${APP_PORT}`;
  const profileDir = path.resolve(root, DATA_DIR, 'profile');
  app = spawn(
    process.execPath,
    [...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), path.join(root, 'server.js')],
    {
      env: { ...process.env, ...stack.env, PORT: String(APP_PORT), HOST: '127.0.0.1', ORIGIN: appUrl },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  await assertPortFree(UNCACHED_PORT, 'приложение без кэша страниц', 'TEST_PORT_OFFSET');
  const uncachedUrl = `http://127.0.0.1:${UNCACHED_PORT}`;
  uncachedApp = spawn(process.execPath, [path.join(root, 'server.js')], {
    env: {
      ...process.env,
      ...stack.env,
      PORT: String(UNCACHED_PORT),
      HOST: '127.0.0.1',
      ORIGIN: uncachedUrl,
      PUBLIC_PAGE_CACHE_SECONDS: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor('приложение', () => httpOk(`${appUrl}/`), 60_000);
  await waitFor('приложение без кэша страниц', () => httpOk(`${uncachedUrl}/`), 60_000);

  const targets = [
    { name: 'главная /', path: '/' },
    { name: '/opportunities', path: '/opportunities' },
    { name: 'поиск «инженер»', path: `/opportunities?${QUERY}` },
    { name: 'публикация', path: `/opportunities/${rows[0].id}` },
    { name: 'работодатель', path: `/employers/${rows[0].organization_id}` },
    { name: 'JSON поиска', path: '/api/opportunities/search' },
    { name: 'JSON «инженер»', path: `/api/opportunities/search?${QUERY}` },
  ];
  console.log(
    `\n[bench] autocannon: ${CONNECTIONS} соединений × ${SECONDS} с на каждую строку, loopback; ` +
      `«голый» — node:http, отдающий те же байты\n`,
  );
  console.log(
    `  ${'страница'.padEnd(17)} ${'размер'.padStart(8)}  ${'голый запр/с'.padStart(12)} ${'p95'.padStart(6)}  ` +
      `${'прил. запр/с'.padStart(12)} ${'p50'.padStart(6)} ${'p95'.padStart(6)}  ${'прил.÷голый'.padStart(11)}  ` +
      `${'без кэша'.padStart(9)} ${'p95'.padStart(6)} ${'÷голый'.padStart(7)}`,
  );
  const measured = new Map<string, { app: Load; uncached: Load; bare: Load; bytes: number }>();
  for (const target of targets.filter((t) => !values.only || t.name.includes(values.only!))) {
    const res = await fetch(appUrl + target.path);
    const body = Buffer.from(await res.arrayBuffer());
    if (res.status !== 200) throw new Error(`${target.path}: ${res.status} ${body.toString().slice(0, 200)}`);
    // warm the app's caches and the JIT on this page before it is timed
    for (let i = 0; i < 20; i++) {
      await (await fetch(appUrl + target.path)).arrayBuffer();
      await (await fetch(uncachedUrl + target.path)).arrayBuffer();
    }
    const bare = await bareServer(body, res.headers.get('content-type') ?? 'text/html');
    let bareLoad: Load;
    try {
      bareLoad = await load(bare.url);
    } finally {
      await bare.close();
    }
    const appLoad = await load(appUrl + target.path);
    const uncachedLoad = await load(uncachedUrl + target.path);
    measured.set(target.name, { app: appLoad, uncached: uncachedLoad, bare: bareLoad, bytes: body.length });
    const failures = appLoad.errors + appLoad.non2xx + uncachedLoad.errors + uncachedLoad.non2xx;
    console.log(
      `  ${target.name.padEnd(17)} ${`${fmt(body.length / 1000, 1)} КБ`.padStart(8)}  ` +
        `${fmt(bareLoad.rps).padStart(12)} ${fmt(bareLoad.p95).padStart(6)}  ` +
        `${fmt(appLoad.rps).padStart(12)} ${fmt(appLoad.p50).padStart(6)} ${fmt(appLoad.p95).padStart(6)}  ` +
        `${fmt(appLoad.rps / bareLoad.rps, 2).padStart(11)}  ` +
        `${fmt(uncachedLoad.rps).padStart(9)} ${fmt(uncachedLoad.p95).padStart(6)} ${fmt(uncachedLoad.rps / bareLoad.rps, 2).padStart(7)}` +
        (failures ? `  ошибок/не-2xx: ${failures}` : ''),
    );
  }
  if (measured.size === targets.length) {
    const m = (name: string) => measured.get(name)!;
    const ratio = (name: string) => m(name).app.rps / m(name).bare.rps;
    const uncachedRatio = (name: string) => m(name).uncached.rps / m(name).bare.rps;
    console.log('\n  цели (приложение как в работе — с кэшем публичных страниц; в скобках — без него):');
    for (const name of ['главная /', 'публикация', 'работодатель']) {
      console.log(
        `    ${name}: ${fmt(ratio(name), 2)}× голого сервера (без кэша ${fmt(uncachedRatio(name), 2)}×; цель ≥ 0,3)`,
      );
    }
    const vsJson = (page: string, json: string) =>
      `${fmt(m(page).app.rps / m(json).app.rps, 2)} (без кэша ${fmt(m(page).uncached.rps / m(json).uncached.rps, 2)}; цель ≥ 0,8)`;
    console.log(`    /opportunities ÷ JSON поиска: ${vsJson('/opportunities', 'JSON поиска')}`);
    console.log(`    поиск «инженер» ÷ JSON «инженер»: ${vsJson('поиск «инженер»', 'JSON «инженер»')}`);
    console.log(
      `    HTML страницы поиска (20 результатов): ${fmt(m('/opportunities').bytes / 1000, 1)} КБ, ` +
        `с запросом ${fmt(m('поиск «инженер»').bytes / 1000, 1)} КБ (цель ≤ 40)`,
    );
  }
  console.log(`[bench] всего ${fmt((Date.now() - started) / 1000, 0)} с`);
} finally {
  if (app) await stopChild(app);
  if (uncachedApp) await stopChild(uncachedApp);
  await stack.stop();
  if (values.profile) console.log(`[bench] профиль процессора: ${path.resolve(root, DATA_DIR, 'profile')}`);
}
