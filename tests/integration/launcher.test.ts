import { spawn, execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixedPorts } from '../../scripts/lib/fixed-ports.ts';

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

function launch() {
  const child = spawn(process.execPath, ['scripts/start.ts'], { cwd: root, env });
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
