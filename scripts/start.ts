/**
 * `npm start` — the whole platform on loopback with demo data: embedded Postgres 17, PostgREST 12
 * under /rest/v1, Meilisearch, the job worker and the built app (`--dev`: Vite's dev server).
 * Parts whose URL is configured (DATABASE_URL, SUPABASE_URL, MEILISEARCH_URL, SMTP_URL) are not
 * started: the same code then runs against those services.
 *
 * Demo data (organizations, postings and six log-ins with a published password) goes only into the
 * embedded database, or into DATABASE_URL's with an explicit --demo; migrations alone are
 * `npm run db:migrate`.
 *
 * Flags: --dev (Vite dev server), --fresh (delete the data folder first), --no-seed, --demo.
 * Environment: DATA_DIR (default .data/dev), PORT (3000; dev 5173), HOST, ORIGIN, and the ports of
 * the embedded parts (PG_PORT, SUPABASE_PORT, POSTGREST_PORT, POSTGREST_ADMIN_PORT, MEILI_PORT).
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuild } from './lib/build.ts';
import { log } from './lib/log.ts';
import { httpOk, waitFor } from './lib/ports.ts';
import { defaultPorts, spawnChild, startStack, stopChild, type Stack } from './lib/stack.ts';

const root = path.resolve(import.meta.dirname, '..');
if (existsSync(path.join(root, '.env'))) process.loadEnvFile(path.join(root, '.env'));

const { values: flags } = parseArgs({
  options: {
    dev: { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
    'no-seed': { type: 'boolean', default: false },
    demo: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});

const dataDir = path.resolve(root, process.env.DATA_DIR ?? '.data/dev');
const port = Number(process.env.PORT ?? (flags.dev ? 5173 : 3000));
const host = process.env.HOST ?? '127.0.0.1';
const origin = process.env.ORIGIN ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;

let stack: Stack | undefined;
const children: ChildProcess[] = [];
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (stopping) process.exit(code);
  stopping = true;
  log('start', 'останавливаю…');
  await Promise.all(children.map((c) => stopChild(c)));
  await stack?.stop();
  log('start', 'всё остановлено');
  process.exit(code);
}
// An orderly shutdown (worker, app, then Postgres) on every signal: no other handler may exit first.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void shutdown(0));
}

try {
  const started = Date.now();
  stack = await startStack({
    dataDir,
    ports: defaultPorts(),
    log,
    verbose: flags.verbose,
    fresh: flags.fresh,
    alsoCheck: [{ port, what: 'приложение', envName: 'PORT' }],
  });
  Object.assign(process.env, stack.env, { ORIGIN: origin });
  const building = flags.dev ? Promise.resolve() : ensureBuild(root, log, path.join(dataDir, 'build.log'));
  building.catch(() => {}); // a failed build is reported where it is awaited, not as an unhandled rejection

  // Never the published demo log-ins in a real database unless asked for by name.
  const withDemo = !flags['no-seed'] && (stack.embedded.postgres || flags.demo);
  if (!withDemo && !flags['no-seed']) {
    log('seed', 'демо-данные не создаю: база задана DATABASE_URL (создать их в ней: --demo)');
  }
  if (withDemo) {
    const { seedDemo } = await import('./lib/seed.ts');
    const { closeDb, db } = await import('../src/lib/server/db.ts');
    if (await seedDemo(log)) {
      // the demo postings are searchable before the app says it is ready (their index jobs, queued
      // by the seed, then find nothing left to do)
      const { reconcileSearchIndex } = await import('../src/lib/server/search/sync.ts');
      const { meiliClient } = await import('../src/lib/server/search/client.ts');
      const done = await reconcileSearchIndex(db(), meiliClient());
      log('поиск', `проиндексировано публикаций: ${done.upserted}`);
    }
    await closeDb();
  }

  const env = {
    ...process.env,
    ...stack.env,
    ORIGIN: origin,
    PORT: String(port),
    HOST: host,
    // adapter-node refuses bodies over 512 KB by default; a résumé PDF may be 5 MB (a bigger one still
    // reaches the action, which answers with a message at the field)
    BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT || '8M',
  };
  const worker = spawnChild('worker', process.execPath, [path.join(root, 'scripts/worker.ts')], env, {
    log,
    verbose: true,
  });
  children.push(worker);

  await building;
  const app = flags.dev
    ? spawnChild(
        'app',
        process.execPath,
        [
          path.join(root, 'node_modules/vite/bin/vite.js'),
          'dev',
          '--port',
          String(port),
          '--host',
          host,
          '--strictPort',
        ],
        env,
        { log, verbose: true },
      )
    : spawnChild('app', process.execPath, [path.join(root, 'server.js')], env, { log, verbose: true });
  children.push(app);

  for (const child of children) {
    child.once('exit', (code, signal) => {
      if (stopping) return;
      log(
        'start',
        `процесс ${child === app ? 'приложения' : 'обработчика задач'} завершился (${signal ?? code})`,
      );
      void shutdown(1);
    });
  }

  await waitFor('приложение', () => httpOk(`http://127.0.0.1:${port}/healthz`), 60_000);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const { DEMO_ACCOUNTS, DEMO_PASSWORD } = await import('../src/lib/server/accounts/demo-accounts.ts');
  const lines = [
    '',
    `  КемероVоПРОФИ готов за ${seconds} с: ${origin}`,
    !stack.embedded.mail
      ? '  Почта уходит через SMTP_URL'
      : process.env.NODE_ENV === 'production'
        ? '  Письма хранятся в базе; почтового ящика разработчика при NODE_ENV=production нет'
        : `  Почтовый ящик разработчика (с этого компьютера или администратору): ${origin}/dev/mailbox`,
    `  Состояние: ${origin}/healthz`,
    ...(withDemo
      ? [
          '',
          `  Демо-входы (пароль у всех: ${DEMO_PASSWORD}):`,
          ...DEMO_ACCOUNTS.map((a) => `    ${a.label.padEnd(28)} ${a.email}`),
        ]
      : []),
    '',
    '  Ctrl+C — остановить всё.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
} catch (err) {
  process.stderr.write(`Ошибка: ${(err as Error).message}\n`);
  await shutdown(1);
}
