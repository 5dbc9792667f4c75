/**
 * `npm run bench:indicators` — the administration's indicators at city scale, on a throwaway stack
 * (.data/bench-indicators): 200 000 students, 1 000 000 applications, 200 000 practice placements,
 * 50 000 hires (a fifth from an imported register), 20 000 stipend awards, 5 000 target-training
 * agreements with their history, employers in Kemerovo and outside it, every state and 2023–2025.
 *   1. Server time of the dashboard /admin/indicators (goal p95 ≤ 200 ms) and of two drill-down
 *      pages — the first page of a year (goal p95 ≤ 150 ms) — and a later page and a filtered one:
 *      first with the numbers not yet in the app's cache (one request for each of 10 copies of the
 *      period, which the app has not computed: p50 and the slowest), then sequential requests of an
 *      administrator after a warm-up, p50/p95/p99 (the numbers are kept at most 30 s, so a long
 *      series recomputes them as it goes); the pages without a goal get 50 requests.
 *   2. Import of a generated 10 000-row hires register through the page's own path: the upload
 *      (read, check, preview), the preview page, the confirmation (commit_import) — seconds
 *      (goal ≤ 20 s), and the records it created.
 * Figures are printed, never asserted. Options: --students N --applications N --placements N
 * --hires N --stipends N --agreements N --register-rows N --page-requests N (smaller runs for a
 * quick look); --page-budget S stops timing a page after S seconds (at least 20 timed requests; the
 * count is printed); --explain also prints each indicator function's own time as the administrator;
 * --hold keeps the stack running afterwards (Ctrl+C stops it), to look at plans with psql.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { generateBulkApplications } from './lib/bulk-applications.ts';
import { generateBulkOutcomes, type BulkOutcomesResult } from './lib/bulk-outcomes.ts';
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
    placements: { type: 'string', default: '200000' },
    hires: { type: 'string', default: '50000' },
    stipends: { type: 'string', default: '20000' },
    agreements: { type: 'string', default: '5000' },
    postings: { type: 'string', default: '2000' },
    'register-rows': { type: 'string', default: '10000' },
    'page-requests': { type: 'string', default: '200' },
    'page-budget': { type: 'string', default: '0' },
    explain: { type: 'boolean', default: false },
    hold: { type: 'boolean', default: false },
  },
});
const count = (name: keyof typeof values) => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name}: нужно целое число, а не «${values[name]}»`);
  return n;
};
const STUDENTS = count('students');
const APPLICATIONS = count('applications');
const PAGE_REQUESTS = count('page-requests');
const REGISTER_ROWS = count('register-rows');
const WARM_UP = 20;
/** cold requests per page: one per copy of the period, whose numbers the app has not computed yet */
const COLD_SAMPLES = 10;
/** requests of the pages without a goal (a later page, a filter) */
const EXTRA_PAGE_REQUESTS = 50;
/** seconds per page after which its timing stops early (0: never), for a slow page on a busy machine */
const PAGE_BUDGET_MS = count('page-budget') * 1000;
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? fixedPorts().bench.app);

/** better-auth's session cookie: the token, signed with HMAC-SHA-256 of the auth secret (better-call). */
function sessionCookie(token: string, secret: string): string {
  const signature = createHmac('sha256', secret).update(token).digest('base64');
  return `kp.session_token=${encodeURIComponent(`${token}.${signature}`)}`;
}

const SURNAMES =
  'Абрамов Борисова Васильев Григорьева Денисов Егорова Журавлёв Захарова Ильин Калинина Лазарев Медведева Никитин Осипова Павлов Родионова Семёнов Титова Устинов Фомина Харитонов Цветкова Чернов Шестакова Щукин Юдина Яковлев Антонова Белов Виноградова Голубев Давыдова Ершов Жукова Зайцев Исаева Комаров Литвинова Мельников Назарова'.split(
    ' ',
  );
const FIRST_NAMES =
  'Александр Мария Дмитрий Анна Максим Елена Сергей Ольга Андрей Наталья Алексей Татьяна Артём Ирина Илья Екатерина Кирилл Светлана Михаил Юлия Никита Алина Роман Виктория Павел'.split(
    ' ',
  );
const PATRONYMICS =
  'Иванович Петровна Сергеевич Андреевна Николаевич Викторовна Алексеевич Юрьевна Дмитриевич Олеговна Михайлович Владимировна Павлович Игоревна Евгеньевич Романовна Борисович Геннадьевна Константинович Степановна'.split(
    ' ',
  );
const HEADERS = [
  'ФИО',
  'Дата рождения',
  'Вуз',
  'Код ОКСО',
  'Год выпуска',
  'ИНН работодателя',
  'Должность',
  'Дата приёма',
  'Документ',
];

/** A hires register of `rows` distinct people nobody has imported yet, as the template lays it out. */
async function hiresRegister(rows: number, inns: string[], programmes: string[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Реестр');
  sheet.addRow(HEADERS);
  const day = 86_400_000;
  for (let i = 0; i < rows; i++) {
    const name = `${SURNAMES[i % 40]} ${FIRST_NAMES[Math.floor(i / 40) % 25]} ${PATRONYMICS[Math.floor(i / 1000) % 20]}`;
    const hired = new Date(Date.UTC(2023, 1, 1) + ((i * 37) % 940) * day);
    const documentDate = new Date(hired.getTime() - 3 * day);
    const d = documentDate.toISOString().slice(0, 10).split('-').reverse().join('.');
    sheet.addRow([
      // 20 000 combinations of name parts; past that a suffix keeps people apart
      i < 20_000 ? name : `${name} ${String.fromCharCode(0x430 + (Math.floor(i / 20_000) % 32))}`,
      new Date(Date.UTC(1998, 0, 1) + (i % 2500) * day),
      UNIVERSITIES[i % UNIVERSITIES.length].short,
      programmes[i % programmes.length],
      2022 + (i % 4),
      inns[i % inns.length],
      ['Инженер-технолог', 'Экономист', 'Программист', 'Горный мастер'][i % 4],
      hired,
      `Приказ № ${i + 1}-к от ${d}`,
    ]);
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const YEARS: Record<string, number> = { organized_practices: 2024, graduates_hired: 2025 };

const started = Date.now();
const stack = await startBenchStack('.data/bench-indicators');
let app: ChildProcess | undefined;
const pool = new pg.Pool({ connectionString: stack.env.DATABASE_URL, max: 4 });
try {
  Object.assign(process.env, stack.env);
  let bulk: BulkOutcomesResult;
  const client = await pool.connect();
  try {
    for (const u of UNIVERSITIES) {
      await client.query(
        `insert into public.organizations (kind, name, short_name, verification_status) values ('university', $1, $2, 'verified')`,
        [u.name, u.short],
      );
    }
    console.log(`[bench] публикации: ${fmt(count('postings'))}…`);
    await generateBulkOpportunities(client, count('postings'), { employers: 60 });
    const t0 = Date.now();
    await generateBulkApplications(
      client,
      {
        students: STUDENTS,
        applications: APPLICATIONS,
        bigEmployerApplications: Math.min(20_000, Math.floor(APPLICATIONS / 10)),
        loadStudents: 0,
      },
      (m) => console.log(`[bench] ${m}…`),
    );
    bulk = await generateBulkOutcomes(
      client,
      {
        students: STUDENTS,
        placements: count('placements'),
        hires: count('hires'),
        stipends: count('stipends'),
        agreements: count('agreements'),
        outsideEmployers: 12,
      },
      (m) => console.log(`[bench] ${m}…`),
    );
    console.log(`[bench] данные созданы за ${fmt((Date.now() - t0) / 1000, 1)} с`);
  } finally {
    client.release();
  }
  const { rows: sizes } = await pool.query<Record<string, number>>(
    `select (select count(*) from public.applications)::int as applications,
            (select count(*) from public.practice_placements)::int as placements,
            (select count(*) from public.employments)::int as hires,
            (select count(*) from public.stipend_awards)::int as stipends,
            (select count(*) from public.target_agreements)::int as agreements,
            (select count(*) from public.outcome_events)::int as events`,
  );
  const s = sizes[0];
  console.log(
    `[bench] в базе: откликов ${fmt(s.applications)}, практик ${fmt(s.placements)}, приёмов ${fmt(s.hires)}, ` +
      `стипендий ${fmt(s.stipends)}, договоров о целевом обучении ${fmt(s.agreements)}, событий записей ${fmt(s.events)}`,
  );
  const { rows: period } = await pool.query<{ id: string }>(
    `select id from public.programme_periods order by starts_on limit 1`,
  );
  const periodId = period[0].id;
  // copies of the period (same dates, same records): each one's numbers are not yet in the app's
  // cache, so a request naming it shows the time of a cold computation
  const { rows: copies } = await pool.query<{ id: string }>(
    `insert into public.programme_periods (name, starts_on, ends_on, created_by)
     select p.name || ' (копия ' || n || ')', p.starts_on, p.ends_on, null
       from public.programme_periods p, generate_series(1, $2::int) as n where p.id = $1
     returning id`,
    [periodId, COLD_SAMPLES],
  );

  if (values.explain) {
    // each indicator function's own time, read as the administrator reads it (RLS applies)
    const c = await pool.connect();
    try {
      await c.query('begin');
      await c.query(`select set_config('request.jwt.claims', $1, true)`, [
        JSON.stringify({ sub: bulk.administrator.id, role: 'authenticated' }),
      ]);
      await c.query('set local role authenticated');
      const { rows: fns } = await c.query<{ code: string; fact_function: string | null }>(
        `select code, fact_function from public.indicators order by sort_order`,
      );
      const queries: [string, string, unknown[]][] = [
        ...fns
          .filter((f) => f.fact_function)
          .map((f): [string, string, unknown[]] => [
            f.code,
            `select * from app_private.${f.fact_function}($1)`,
            [periodId],
          ]),
        ['indicator_values', 'select * from public.indicator_values($1)', [periodId]],
        ['graduates_hired_by_month', 'select * from public.graduates_hired_by_month($1)', [periodId]],
        ...['organized_practices', 'graduates_hired'].flatMap((code): [string, string, unknown[]][] => [
          [
            `indicator_records_page ${code} ${YEARS[code]}, первая страница`,
            `select * from public.indicator_records_page($2, $1, $3)`,
            [periodId, code, YEARS[code]],
          ],
          [
            `indicator_records_page ${code} ${YEARS[code]}, страница 200`,
            `select * from public.indicator_records_page($2, $1, $3, null, null, 50, 9950)`,
            [periodId, code, YEARS[code]],
          ],
          [
            `indicator_records_summary ${code} ${YEARS[code]}`,
            `select * from public.indicator_records_summary($2, $1, $3)`,
            [periodId, code, YEARS[code]],
          ],
        ]),
      ];
      for (const [label, sql, params] of queries) {
        const times: number[] = [];
        for (let i = 0; i < 6; i++) {
          const t = performance.now();
          await c.query(sql, params);
          if (i > 0) times.push(performance.now() - t);
        }
        times.sort((a, b) => a - b);
        console.log(`  SQL ${label}: медиана ${fmt(percentile(times, 50), 1)} мс`);
      }
      await c.query('rollback');
    } finally {
      c.release();
    }
  }

  await ensureBuild(root, (_scope, message) => console.log(`[bench] ${message}`));
  await assertPortFree(APP_PORT, 'приложение', 'BENCH_APP_PORT');
  const appUrl = `http://127.0.0.1:${APP_PORT}`;
  app = spawn(process.execPath, [path.join(root, 'server.js')], {
    env: {
      ...process.env,
      ...stack.env,
      PORT: String(APP_PORT),
      HOST: '127.0.0.1',
      ORIGIN: appUrl,
      BODY_SIZE_LIMIT: '8M',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor('приложение', () => httpOk(`${appUrl}/`), 60_000);
  const cookie = sessionCookie(bulk.administrator.sessionToken, stack.env.BETTER_AUTH_SECRET);

  // 1. The dashboard and the drill-down ---------------------------------------------------------
  // the filter by name: the surname of someone hired (the generated names repeat, so it finds many)
  const { rows: hired } = await pool.query<{ surname: string }>(
    `select split_part(p.full_name, ' ', 1) as surname from public.employments e
       join public.profiles p on p.id = e.person_id where e.status = 'confirmed' order by e.id limit 1`,
  );
  const hiredSurname = hired[0]?.surname ?? SURNAMES[0];
  const pages: [string, number | null][] = [
    ['/admin/indicators', 200],
    ['/admin/indicators/organized_practices?year=2024', 150],
    ['/admin/indicators/graduates_hired?year=2025', 150],
    ['/admin/indicators/organized_practices?year=2024&page=200', null],
    [`/admin/indicators/graduates_hired?year=2025&q=${encodeURIComponent(hiredSurname)}`, null],
  ];
  // the app's own first requests (its code loaded and compiled) are not the numbers' computation
  for (let i = 0; i < 3; i++) {
    await fetch(`${appUrl}/admin/indicators/plans`, { headers: { cookie }, redirect: 'manual' }).then((r) =>
      r.text(),
    );
  }
  for (const [pagePath, goal] of pages) {
    const times: number[] = [];
    let body = '';
    const coldTimes: number[] = [];
    for (const copy of copies) {
      const coldPath = `${pagePath}${pagePath.includes('?') ? '&' : '?'}period=${copy.id}`;
      const t = performance.now();
      const cold = await fetch(appUrl + coldPath, { headers: { cookie }, redirect: 'manual' });
      await cold.text();
      if (cold.status !== 200) throw new Error(`${coldPath}: ${cold.status}`);
      coldTimes.push(performance.now() - t);
      if (goal === null) break;
    }
    coldTimes.sort((a, b) => a - b);
    const requests = goal === null ? Math.min(PAGE_REQUESTS, EXTRA_PAGE_REQUESTS) : PAGE_REQUESTS;
    // warm-up: WARM_UP requests, or with a budget at most a tenth of it
    const warmUpStarted = performance.now();
    for (let i = 0; i < WARM_UP; i++) {
      if (PAGE_BUDGET_MS && performance.now() - warmUpStarted > PAGE_BUDGET_MS / 10) break;
      await fetch(appUrl + pagePath, { headers: { cookie }, redirect: 'manual' }).then((r) => r.text());
    }
    const timedFrom = performance.now();
    while (times.length < requests) {
      if (PAGE_BUDGET_MS && times.length >= 20 && performance.now() - timedFrom > PAGE_BUDGET_MS) break;
      const t = performance.now();
      const res = await fetch(appUrl + pagePath, { headers: { cookie }, redirect: 'manual' });
      body = await res.text();
      if (res.status !== 200) throw new Error(`${pagePath}: ${res.status} ${body.slice(0, 300)}`);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const text = (testId: string) => {
      const html = new RegExp(`data-testid="${testId}"[^>]*>([\\s\\S]*?)<\\/p>`).exec(body)?.[1];
      return html
        ? html
            .replace(/<[^>]+>/g, '')
            .replace(/\s+/g, ' ')
            .trim()
        : null;
    };
    const shown = [text('records-summary'), text('records-shown')].filter(Boolean).join(' · ');
    const p95 = percentile(times, 95);
    const verdict =
      goal === null ? '' : `цель p95 ≤ ${goal}: ${p95 <= goal ? 'выполнена' : 'НЕ выполнена'}; `;
    console.log(
      `  ${pagePath}: числа не в кэше (${fmt(coldTimes.length)} запр.) p50 ${fmt(percentile(coldTimes, 50), 1)} · ` +
        `наиб. ${fmt(coldTimes[coldTimes.length - 1], 1)} мс; в кэше p50 ${fmt(percentile(times, 50), 1)} · ` +
        `p95 ${fmt(p95, 1)} · p99 ${fmt(percentile(times, 99), 1)} мс ` +
        `(${verdict}${fmt(times.length)} запросов, ${fmt(body.length / 1024, 0)} КБ)${shown ? ` [${shown}]` : ''}`,
    );
  }

  // 2. A 10 000-row hires register through /admin/imports ----------------------------------------
  const { rows: programmes } = await pool.query<{ code: string }>(
    `select code from public.programmes where level = 'bachelor' order by code`,
  );
  const file = await hiresRegister(
    REGISTER_ROWS,
    bulk.kemerovoEmployerInns,
    programmes.map((p) => p.code),
  );
  // a browser's form post: the answer is a page (or its redirect), not SvelteKit's JSON for fetch
  const headers = { cookie, origin: appUrl, accept: 'text/html' };
  const t0 = performance.now();
  const form = new FormData();
  form.set('register', 'hires');
  form.set('file', new Blob([file as BlobPart]), 'Трудоустройство (нагрузочный тест).xlsx');
  const upload = await fetch(`${appUrl}/admin/imports?/upload`, {
    method: 'POST',
    body: form,
    headers,
    redirect: 'manual',
  });
  const location = upload.headers.get('location');
  if (upload.status !== 303 || !location) {
    throw new Error(`загрузка реестра: ${upload.status} ${(await upload.text()).slice(0, 500)}`);
  }
  const t1 = performance.now();
  const preview = await fetch(appUrl + location, { headers });
  await preview.text();
  if (preview.status !== 200) throw new Error(`предпросмотр: ${preview.status}`);
  const t2 = performance.now();
  const importId = location.split('/').pop();
  const { rows: checked } = await pool.query<{ error_count: number; row_count: number }>(
    `select error_count, row_count from public.imports where id = $1`,
    [importId],
  );
  if (checked[0].error_count > 0) {
    const { rows: issues } = await pool.query<{ issues: unknown }>(
      `select issues -> 0 as issues from public.imports where id = $1`,
      [importId],
    );
    throw new Error(
      `в реестре ошибки (${checked[0].error_count}), первая: ${JSON.stringify(issues[0].issues)}`,
    );
  }
  const confirm = await fetch(`${appUrl}${location}?/confirm`, {
    method: 'POST',
    body: new URLSearchParams(),
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    redirect: 'manual',
  });
  await confirm.text();
  const t3 = performance.now();
  const { rows: imported } = await pool.query<{ state: string; created_count: number | null }>(
    `select state, created_count from public.imports where id = $1`,
    [importId],
  );
  if (confirm.status !== 200 || imported[0].state !== 'imported') {
    throw new Error(`подтверждение импорта: ${confirm.status}, состояние ${imported[0].state}`);
  }
  const seconds = (t3 - t0) / 1000;
  console.log(
    `  импорт реестра «Трудоустройство», ${fmt(checked[0].row_count)} строк (${fmt(file.length / 1024, 0)} КБ): ` +
      `${fmt(seconds, 1)} с (цель ≤ 20: ${seconds <= 20 ? 'выполнена' : 'НЕ выполнена'}) — проверка и предпросмотр ${fmt((t1 - t0) / 1000, 1)} с, ` +
      `страница предпросмотра ${fmt((t2 - t1) / 1000, 1)} с, запись ${fmt((t3 - t2) / 1000, 1)} с; создано записей ${fmt(imported[0].created_count ?? 0)}`,
  );
  console.log(`[bench] всего ${fmt((Date.now() - started) / 1000, 0)} с`);
  if (values.hold) {
    console.log(
      `[bench] стек оставлен работать (Ctrl+C — остановить): ${stack.env.DATABASE_URL}, приложение ${appUrl}`,
    );
    await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  }
} finally {
  if (app) await stopChild(app);
  await pool.end();
  await stack.stop();
}
