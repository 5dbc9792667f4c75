/**
 * `npm run bench:applications` — applications at city scale, on a throwaway stack (.data/bench-applications):
 *   200 000 students, 1 000 000 applications, one employer holding 20 000 of them.
 *   1. The employer's pipeline page (first page, with a filter): server time p50/p95/p99 over
 *      sequential requests (goal p95 ≤ 100 ms).
 *   2. a closed-loop load of 200 connections for 60 s (like autocannon, in a process of its own, but
 *      requests under way at the end are answered and counted), mixing search, posting pages and
 *      applying (each apply a fresh person and posting): errors, p95 (goal 0 errors, p95 ≤ 300 ms), and the application
 *      rows written against the successful answers (goal: equal).
 *      The mix: about 5–8% of job-posting views end in an application on job boards (the industry's
 *      average click-to-apply rate); when every 20th request applies (19 pages: searches and postings),
 *      about one posting view in ten does — the mix the goal is read against. Every 10th and every 5th
 *      request are printed too, as stress mixes.
 * Figures are printed, never asserted. Options: --students N --applications N --big N --seconds N
 * --connections N (smaller runs for a quick look); --pages-per-apply N[,N…] (one load per number;
 * default 19,9,4); --profile DIR writes the app's CPU profile into DIR.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { generateBulkApplications, type BulkApplicationsResult } from './lib/bulk-applications.ts';
import { fmt, percentile, startBenchStack } from './lib/bench-stack.ts';
import { ensureBuild } from './lib/build.ts';
import { generateBulkOpportunities } from './lib/bulk-sql.ts';
import { UNIVERSITIES } from './lib/demo-organizations.ts';
import { fixedPorts } from './lib/fixed-ports.ts';
import { assertPortFree, httpOk, waitFor } from './lib/ports.ts';
import { cpuSecondsBetween, readProcessCpu } from './lib/process-cpu.ts';
import { RawHttpConnection } from './lib/raw-http.ts';
import { stopChild } from './lib/stack.ts';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    students: { type: 'string', default: '200000' },
    applications: { type: 'string', default: '1000000' },
    big: { type: 'string', default: '20000' },
    postings: { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '60' },
    connections: { type: 'string', default: '200' },
    'page-requests': { type: 'string', default: '300' },
    // page views (searches and postings) in a visitor's round before each application
    'pages-per-apply': { type: 'string', default: '19,9,4' },
    // a folder: the app runs with --cpu-prof and writes its CPU profile there when it stops
    profile: { type: 'string' },
    // internal: this script run as the load generator (see runLoadInChild)
    'load-plan': { type: 'string' },
  },
});
const STUDENTS = Number(values.students);
const APPLICATIONS = Number(values.applications);
const BIG = Number(values.big);
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const LOAD_STUDENTS = 20_000;
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? fixedPorts().bench.app);
const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';
const SEARCH_WORDS = [
  'инженер',
  'химик',
  'программист',
  'стажировка',
  'практика',
  'врач',
  'экономист',
  'энергетик',
];

/** better-auth's session cookie: the token, signed with HMAC-SHA-256 of the auth secret (better-call). */
function sessionCookie(token: string, secret: string): string {
  const signature = createHmac('sha256', secret).update(token).digest('base64');
  return `kp.session_token=${encodeURIComponent(`${token}.${signature}`)}`;
}

interface LoadPlan {
  appUrl: string;
  pagesPerApply: number;
  /** the first application's number: its person and posting come after the earlier loads' */
  applyOffset: number;
  connections: number;
  seconds: number;
  cookies: string[];
  postings: string[];
  vacancies: string[];
}

interface LoadResult {
  total: number;
  errors: number;
  non2xx: number;
  p50: number;
  p95: number;
  p99: number;
  searches: number;
  postingPages: number;
  cacheHits: number;
  applyOk: number;
  applyRefused: number;
  applyP50: number;
  applyP95: number;
  bytesReceived: number;
  /** CPU seconds of the load generator itself (it has exited before the machine's second reading) */
  cpuSeconds: number;
}

/**
 * The mixed load, run by this script in a process of its own (`--load-plan`): the bench process
 * also serves the embedded stack's gateway to PostgREST, and 200 connections' worth of load
 * generation on its event loop would slow down the very app it measures.
 */
async function runLoadInChild(plan: LoadPlan): Promise<LoadResult> {
  const file = path.join(os.tmpdir(), `bench-applications-plan-${process.pid}.json`);
  await writeFile(file, JSON.stringify(plan));
  try {
    const child = spawn(process.execPath, [import.meta.filename, '--load-plan', file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    if (code !== 0) throw new Error(`нагрузка: код ${code}`);
    return JSON.parse(out) as LoadResult;
  } finally {
    await rm(file, { force: true });
  }
}

/**
 * The mixed load, closed loop like autocannon: `connections` visitors, each on a kept-alive
 * connection of its own (raw-http.ts: a lean client, so that the generator takes little of the CPU
 * it measures), each going round search page → posting page → search page (internships) → posting
 * page … (`pagesPerApply` pages) → apply, again and again for `seconds`. Unlike autocannon, a request
 * under way when the time is up is answered and counted, not cut off — so that the application rows
 * can be compared with the successful answers exactly. Each apply is a fresh person and posting.
 */
async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const base = new URL(plan.appUrl);
  let bytesReceived = 0;
  let searchCounter = 0;
  let postingCounter = 0;
  let applyCounter = plan.applyOffset;
  const counts = { searches: 0, postingPages: 0, cacheHits: 0, applyOk: 0, applyRefused: 0 };
  let errors = 0;
  let non2xx = 0;
  const latencies: number[] = [];
  const applyLatencies: number[] = [];
  const applyBody = new URLSearchParams({
    coverLetter: 'Прошу рассмотреть мою кандидатуру.',
    consent: 'on',
  }).toString();

  // a visitor's round: pages (searches and postings, alternating; every other search narrowed to
  // internships), then one application
  const views: ((c: RawHttpConnection) => Promise<void>)[] = [
    (c) =>
      page(
        c,
        'searches',
        `/opportunities?q=${encodeURIComponent(SEARCH_WORDS[searchCounter++ % SEARCH_WORDS.length])}`,
      ),
    (c) =>
      page(c, 'postingPages', `/opportunities/${plan.postings[postingCounter++ % plan.postings.length]}`),
    (c) =>
      page(
        c,
        'searches',
        `/opportunities?q=${encodeURIComponent(SEARCH_WORDS[searchCounter++ % SEARCH_WORDS.length])}&kind=internship`,
      ),
    (c) =>
      page(c, 'postingPages', `/opportunities/${plan.postings[postingCounter++ % plan.postings.length]}`),
  ];
  const steps = [...Array.from({ length: plan.pagesPerApply }, (_, i) => views[i % views.length]), apply];

  async function page(connection: RawHttpConnection, kind: 'searches' | 'postingPages', pathname: string) {
    const t = performance.now();
    // what a browser (Chromium) asks for: a kept page then comes compressed
    const answer = await connection.request('GET', pathname, { 'accept-encoding': BROWSER_ACCEPT_ENCODING });
    latencies.push(performance.now() - t);
    bytesReceived += answer.body.byteLength;
    counts[kind]++;
    if (answer.status < 200 || answer.status >= 300) non2xx++;
    if (answer.headers.age !== undefined) counts.cacheHits++;
  }

  async function apply(connection: RawHttpConnection) {
    const c = applyCounter++;
    const cookie = plan.cookies[c % plan.cookies.length];
    const vacancy = plan.vacancies[Math.floor(c / plan.cookies.length) % plan.vacancies.length];
    const t = performance.now();
    const answer = await connection.request(
      'POST',
      `/opportunities/${vacancy}?/apply`,
      {
        cookie,
        'accept-encoding': BROWSER_ACCEPT_ENCODING,
        origin: base.origin,
        accept: 'application/json',
        'x-sveltekit-action': 'true',
        'content-type': 'application/x-www-form-urlencoded',
      },
      applyBody,
    );
    const elapsed = performance.now() - t;
    latencies.push(elapsed);
    applyLatencies.push(elapsed);
    if (answer.status < 200 || answer.status >= 300) non2xx++;
    bytesReceived += answer.body.byteLength;
    const type =
      answer.status === 200
        ? (JSON.parse(answer.body.toString('utf8')) as { type?: string }).type
        : undefined;
    if (type === 'success' || type === 'redirect') counts.applyOk++;
    else counts.applyRefused++;
  }

  const deadline = performance.now() + plan.seconds * 1000;
  await Promise.all(
    Array.from({ length: plan.connections }, async () => {
      // each visitor on a kept-alive connection of its own
      const connection = new RawHttpConnection(base.hostname, Number(base.port));
      for (let i = 0; performance.now() < deadline; i = (i + 1) % steps.length) {
        await steps[i](connection).catch(() => void errors++);
      }
      connection.close();
    }),
  );
  latencies.sort((a, b) => a - b);
  applyLatencies.sort((a, b) => a - b);
  return {
    total: latencies.length + errors,
    errors,
    non2xx,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    ...counts,
    applyP50: percentile(applyLatencies, 50),
    applyP95: percentile(applyLatencies, 95),
    bytesReceived,
    cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
  };
}

if (values['load-plan']) {
  const plan = JSON.parse(await readFile(values['load-plan'], 'utf8')) as LoadPlan;
  process.stdout.write(JSON.stringify(await runLoad(plan)));
  process.exit(0);
}

const started = Date.now();
const stack = await startBenchStack('.data/bench-applications');
let app: ChildProcess | undefined;
const pool = new pg.Pool({ connectionString: stack.env.DATABASE_URL, max: 4 });
try {
  Object.assign(process.env, stack.env);
  const client = await pool.connect();
  let bulk: BulkApplicationsResult;
  try {
    for (const u of UNIVERSITIES) {
      await client.query(
        `insert into public.organizations (kind, name, short_name, verification_status) values ('university', $1, $2, 'verified')`,
        [u.name, u.short],
      );
    }
    console.log(`[bench] публикации: ${fmt(Number(values.postings))}…`);
    await generateBulkOpportunities(client, Number(values.postings), { employers: 60 });
    const t0 = Date.now();
    bulk = await generateBulkApplications(
      client,
      {
        students: STUDENTS,
        applications: APPLICATIONS,
        bigEmployerApplications: BIG,
        loadStudents: LOAD_STUDENTS,
      },
      (m) => console.log(`[bench] ${m}…`),
    );
    console.log(`[bench] данные созданы за ${fmt((Date.now() - t0) / 1000, 1)} с`);
  } finally {
    client.release();
  }

  const { createMeiliClient } = await import('../src/lib/server/search/client.ts');
  const { rebuildSearchIndex } = await import('../src/lib/server/search/reindex.ts');
  await rebuildSearchIndex(
    pool,
    createMeiliClient({ url: stack.env.MEILISEARCH_URL, apiKey: stack.env.MEILISEARCH_MASTER_KEY }, 60_000),
  );

  await ensureBuild(root, (_scope, message) => console.log(`[bench] ${message}`));
  await assertPortFree(APP_PORT, 'приложение', 'BENCH_APP_PORT');
  const appUrl = `http://127.0.0.1:${APP_PORT}`;
  const profileArgs = values.profile ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(values.profile)] : [];
  app = spawn(process.execPath, [...profileArgs, path.join(root, 'server.js')], {
    env: { ...process.env, ...stack.env, PORT: String(APP_PORT), HOST: '127.0.0.1', ORIGIN: appUrl },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor('приложение', () => httpOk(`${appUrl}/`), 60_000);
  const secret = stack.env.BETTER_AUTH_SECRET;

  // 1. The pipeline page -------------------------------------------------------------------------
  const { rows: uni } = await pool.query<{ university_id: string }>(
    `select university_id from public.applications where organization_id = $1 group by 1 order by count(*) desc limit 1`,
    [bulk.bigEmployerId],
  );
  const employerCookie = sessionCookie(bulk.employerMember.sessionToken, secret);
  const pages = [
    `/employer/applications?state=submitted`,
    `/employer/applications?state=interview&university=${uni[0].university_id}`,
    `/employer/applications?q=${encodeURIComponent('Петрова')}`,
  ];
  for (const pagePath of pages) {
    const times: number[] = [];
    const requests = Number(values['page-requests']);
    for (let i = 0; i < requests + 20; i++) {
      const t = performance.now();
      const res = await fetch(appUrl + pagePath, { headers: { cookie: employerCookie }, redirect: 'manual' });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${pagePath}: ${res.status} ${body.slice(0, 200)}`);
      if (i >= 20) times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(
      `  воронка ${pagePath}: p50 ${fmt(percentile(times, 50), 1)} · p95 ${fmt(percentile(times, 95), 1)} · p99 ${fmt(percentile(times, 99), 1)} мс (цель p95 ≤ 100)`,
    );
  }

  // 2. Mixed load ---------------------------------------------------------------------------------
  const { rows: vacancies } = await pool.query<{ id: string }>(
    `select id from public.opportunities where status = 'published' and kind = 'vacancy' and expires_at > now() + interval '1 day' order by id`,
  );
  const { rows: postings } = await pool.query<{ id: string }>(
    `select id from public.opportunities where status = 'published' order by id limit 500`,
  );
  const mixes = String(values['pages-per-apply'])
    .split(',')
    .map((n) => Number(n.trim()));
  if (mixes.some((n) => !Number.isInteger(n) || n < 0 || n > 100)) {
    throw new Error('--pages-per-apply: целые числа от 0 до 100 через запятую');
  }
  let appliesSoFar = 0;
  const verdicts: string[] = [];
  for (const pagesPerApply of mixes) {
    const plan: LoadPlan = {
      appUrl,
      pagesPerApply,
      // every load applies with (person, posting) pairs no earlier load used
      applyOffset: appliesSoFar,
      connections: CONNECTIONS,
      seconds: SECONDS,
      cookies: bulk.loadStudents.map((s) => sessionCookie(s.sessionToken, secret)),
      postings: postings.map((p) => p.id),
      vacancies: vacancies.map((v) => v.id),
    };
    const measured = await measureLoad(plan);
    appliesSoFar += measured.attempted;
    verdicts.push(measured.verdict);
  }
  console.log(
    `  итог по смесям (цель: 0 ошибок, p95 ≤ 300 мс, новых строк столько же, сколько успешных ответов; ` +
      `цель читается по смеси «каждый 20-й», почему — в шапке скрипта):`,
  );
  for (const line of verdicts) console.log(`    ${line}`);

  /** One mixed load with its figures: latencies, applications written, Postgres waits, CPU per process. */
  async function measureLoad(plan: LoadPlan) {
    const countRows = async () =>
      (
        await pool.query<{ n: number }>(
          `select count(*)::int n from public.applications where applicant_id = any($1::uuid[])`,
          [bulk.loadStudents.map((s) => s.id)],
        )
      ).rows[0].n;
    const rowsBefore = await countRows();
    const walStats = async () =>
      (
        await pool.query<{ bytes: string; fpi: string; records: string }>(
          `select wal_bytes::text as bytes, wal_fpi::text as fpi, wal_records::text as records from pg_stat_wal`,
        )
      ).rows[0];
    const walBefore = await walStats();
    // what Postgres's sessions wait on during the load (sampled twice a second): where the time goes
    const waits = new Map<string, number>();
    let samples = 0;
    const sampler = setInterval(() => {
      void pool
        .query<{ what: string; n: number }>(
          // PostgREST's calls are named by their function (rpc) or first table, not by its shared prefix
          `select coalesce(wait_event_type || ':' || wait_event, 'CPU') || ' · ' ||
                  coalesce('rpc ' || substring(query from '"public"\\."([a-z_0-9]+)"\\('),
                           'PostgREST ' || substring(query from 'FROM "public"\\."([a-z_0-9]+)"'),
                           left(regexp_replace(query, '\\s+', ' ', 'g'), 60)) as what,
                  count(*)::int as n
             from pg_stat_activity
            where state = 'active' and pid <> pg_backend_pid() and backend_type = 'client backend'
            group by 1`,
        )
        .then(({ rows }) => {
          samples++;
          for (const r of rows) waits.set(r.what, (waits.get(r.what) ?? 0) + r.n);
        })
        .catch(() => {});
    }, 500);
    const cpuBefore = await readProcessCpu();
    const loadStarted = performance.now();
    const load = await runLoadInChild(plan).finally(() => clearInterval(sampler));
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const cpu = cpuSecondsBetween(cpuBefore, await readProcessCpu());
    const written = (await countRows()) - rowsBefore;
    const walAfter = await walStats();
    console.log(
      `  нагрузка ${CONNECTIONS} соединений × ${SECONDS} с, откликается каждый ${plan.pagesPerApply + 1}-й запрос (${plan.pagesPerApply} страниц на отклик): ${fmt(load.total)} запросов (${fmt(load.total / SECONDS)} запр/с), ` +
        `ошибок ${load.errors}, не-2xx ${load.non2xx}; задержка p50 ${fmt(load.p50, 1)} · p95 ${fmt(load.p95, 1)} · p99 ${fmt(load.p99, 1)} мс (цель: 0 ошибок, p95 ≤ 300)`,
    );
    console.log(
      `  из них: поиск ${fmt(load.searches)}, страницы публикаций ${fmt(load.postingPages)} (из кэша публичных страниц ${fmt(load.cacheHits)} из ${fmt(load.searches + load.postingPages)}), ` +
        `отклики ${fmt(load.applyOk + load.applyRefused)}: p50 ${fmt(load.applyP50, 1)} · p95 ${fmt(load.applyP95, 1)} мс; ` +
        `получено ${fmt(load.bytesReceived / 1024 / 1024, 1)} МБ (Accept-Encoding как у браузера)`,
    );
    console.log(
      `  отклики под нагрузкой: успешных ответов ${fmt(load.applyOk)}, отказов ${fmt(load.applyRefused)}, новых строк в applications ${fmt(written)} (${written === load.applyOk ? 'совпадает' : 'НЕ совпадает'})`,
    );
    const perApply = (key: 'bytes' | 'fpi' | 'records') =>
      (Number(walAfter[key]) - Number(walBefore[key])) / Math.max(load.applyOk, 1);
    console.log(
      `  WAL на отклик (вместе со всем остальным под нагрузкой): ${fmt(perApply('bytes') / 1024, 1)} КБ, ` +
        `${fmt(perApply('records'), 1)} записей, ${fmt(perApply('fpi'), 2)} образов страниц`,
    );
    console.log(
      `  Postgres под нагрузкой (${fmt(samples)} срезов pg_stat_activity, среднее число активных сеансов):`,
    );
    for (const [what, n] of [...waits].sort((a, b) => b[1] - a[1]).slice(0, 8)) {
      console.log(`    ${fmt(n / Math.max(samples, 1), 2).padStart(6)}  ${what}`);
    }
    console.log(
      `  процессор под нагрузкой (${os.availableParallelism()} ядра × ${fmt(loadSeconds, 1)} с = ${fmt(os.availableParallelism() * loadSeconds, 1)} с), секунд по процессам:`,
    );
    const cpuRows = [...cpu, ['генератор нагрузки (весь его процесс)', load.cpuSeconds] as [string, number]];
    for (const [group, seconds] of cpuRows.sort((a, b) => b[1] - a[1]).filter(([, s]) => s >= 0.1)) {
      console.log(`    ${fmt(seconds, 1).padStart(6)}  ${group}`);
    }
    const misses = [
      load.errors > 0 ? `ошибок ${fmt(load.errors)}` : '',
      load.p95 > 300 ? `p95 ${fmt(load.p95, 1)} мс > 300` : '',
      written !== load.applyOk ? `строк ${fmt(written)} ≠ ответов ${fmt(load.applyOk)}` : '',
    ].filter(Boolean);
    const verdict =
      `каждый ${plan.pagesPerApply + 1}-й запрос — отклик: p95 ${fmt(load.p95, 1)} мс, ошибок ${fmt(load.errors)}, ` +
      `строк ${fmt(written)} из ${fmt(load.applyOk)} ответов — ${misses.length ? `НЕ выполнена (${misses.join('; ')})` : 'выполнена'}`;
    return { attempted: load.applyOk + load.applyRefused, verdict };
  }

  console.log(`[bench] всего ${fmt((Date.now() - started) / 1000, 0)} с`);
} finally {
  if (app) await stopChild(app, values.profile ? 60_000 : undefined);
  await pool.end();
  await stack.stop();
}
