/**
 * `npm run bench:applications` — applications at city scale, on a throwaway stack (.data/bench-applications):
 *   200 000 students, 1 000 000 applications, one employer holding 20 000 of them.
 *   1. The employer's pipeline page (first page, with a filter): server time p50/p95/p99 over
 *      sequential requests (goal p95 ≤ 100 ms).
 *   2. autocannon, 200 connections for 60 s, mixing search, posting pages and applying (each apply a
 *      fresh person and posting): errors, p95 (goal 0 errors, p95 ≤ 300 ms), and the application
 *      rows written against the successful answers (goal: equal).
 * Figures are printed, never asserted. Options: --students N --applications N --big N --seconds N
 * --connections N (smaller runs for a quick look).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { generateBulkApplications, type BulkApplicationsResult } from './lib/bulk-applications.ts';
import { fmt, percentile, startBenchStack } from './lib/bench-stack.ts';
import { ensureBuild } from './lib/build.ts';
import { generateBulkOpportunities } from './lib/bulk-sql.ts';
import { UNIVERSITIES } from './lib/demo-organizations.ts';
import { fixedPorts } from './lib/fixed-ports.ts';
import { assertPortFree, httpOk, waitFor } from './lib/ports.ts';
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
  },
});
const STUDENTS = Number(values.students);
const APPLICATIONS = Number(values.applications);
const BIG = Number(values.big);
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const LOAD_STUDENTS = 20_000;
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? fixedPorts().bench.app);
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
  app = spawn(process.execPath, [path.join(root, 'build/index.js')], {
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
  const cookies = bulk.loadStudents.map((s) => sessionCookie(s.sessionToken, secret));
  let applyCounter = 0;
  let applyOk = 0;
  let applyRefused = 0;
  let searchCounter = 0;
  let postingCounter = 0;
  const latencies: number[] = [];
  const options: autocannon.Options = {
    url: appUrl,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => ({
          ...req,
          path: `/opportunities?q=${encodeURIComponent(SEARCH_WORDS[searchCounter++ % SEARCH_WORDS.length])}`,
        }),
      },
      {
        method: 'GET',
        setupRequest: (req) => ({
          ...req,
          path: `/opportunities/${postings[postingCounter++ % postings.length].id}`,
        }),
      },
      {
        method: 'GET',
        setupRequest: (req) => ({
          ...req,
          path: `/opportunities?q=${encodeURIComponent(SEARCH_WORDS[searchCounter++ % SEARCH_WORDS.length])}&kind=internship`,
        }),
      },
      {
        method: 'GET',
        setupRequest: (req) => ({
          ...req,
          path: `/opportunities/${postings[postingCounter++ % postings.length].id}`,
        }),
      },
      {
        method: 'POST',
        setupRequest: (req) => {
          const c = applyCounter++;
          const person = c % cookies.length;
          const posting = vacancies[Math.floor(c / cookies.length) % vacancies.length].id;
          return {
            ...req,
            path: `/opportunities/${posting}?/apply`,
            headers: {
              cookie: cookies[person],
              origin: appUrl,
              accept: 'application/json',
              'x-sveltekit-action': 'true',
              'content-type': 'application/x-www-form-urlencoded',
            },
            body: new URLSearchParams({
              coverLetter: 'Прошу рассмотреть мою кандидатуру.',
              consent: 'on',
            }).toString(),
          };
        },
        onResponse: (status, body) => {
          const type = status === 200 ? (JSON.parse(body) as { type?: string }).type : undefined;
          if (type === 'success' || type === 'redirect') applyOk++;
          else applyRefused++;
        },
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on('response', (_client, _status, _bytes, responseTime) => void latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  // Applies without an answer — still under way when autocannon stopped, or past its 10 s timeout —
  // may still be written: let the app finish them, and say how many there were instead of calling
  // the figures unequal.
  const cutOff = applyCounter - applyOk - applyRefused;
  if (cutOff > 0) await new Promise((r) => setTimeout(r, 5_000));
  const { rows: written } = await pool.query<{ n: number }>(
    `select count(*)::int n from public.applications where applicant_id = any($1::uuid[])`,
    [bulk.loadStudents.map((s) => s.id)],
  );
  console.log(
    `  нагрузка ${CONNECTIONS} соединений × ${SECONDS} с: ${fmt(result.requests.total)} запросов (${fmt(result.requests.average)} запр/с), ` +
      `ошибок ${result.errors + result.timeouts}, не-2xx ${result.non2xx}; задержка p50 ${fmt(percentile(latencies, 50), 1)} · p95 ${fmt(percentile(latencies, 95), 1)} · p99 ${fmt(percentile(latencies, 99), 1)} мс (цель: 0 ошибок, p95 ≤ 300)`,
  );
  console.log(
    `  отклики под нагрузкой: успешных ответов ${fmt(applyOk)}, отказов ${fmt(applyRefused)}, без ответа (тайм-аут или остановка) ${fmt(cutOff)}; строк в applications ${fmt(written[0].n)} (${
      written[0].n === applyOk
        ? 'совпадает'
        : written[0].n > applyOk && written[0].n <= applyOk + cutOff
          ? `совпадает с учётом ${fmt(written[0].n - applyOk)} записанных без ответа`
          : 'НЕ совпадает'
    })`,
  );
  console.log(`[bench] всего ${fmt((Date.now() - started) / 1000, 0)} с`);
} finally {
  if (app) await stopChild(app);
  await pool.end();
  await stack.stop();
}
