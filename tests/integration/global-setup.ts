import { existsSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { fixedPorts } from '../../scripts/lib/fixed-ports.ts';
import { EXTERNAL_SERVICE_VARIABLES, startStack, type Stack } from '../../scripts/lib/stack.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DATA_DIR = path.join(ROOT, '.data/test-integration');
const JOB_QUEUE_MIGRATIONS = path.join(ROOT, 'src/lib/server/jobs/migrate-queue.ts');

/**
 * Starts a fresh embedded stack (Postgres 17 + PostgREST + Meilisearch) on its own ports and data
 * folder, migrated from scratch, and hands its environment to the test files (setup-env.ts).
 */
export default async function setup(project: TestProject) {
  const verbose = process.env.TEST_STACK_VERBOSE === '1';
  const log = (scope: string, message: string) => {
    if (verbose || scope === 'app' || /ошибк|error/i.test(message)) {
      process.stdout.write(`[test-stack:${scope}] ${message}\n`);
    }
  };
  for (const name of EXTERNAL_SERVICE_VARIABLES) delete process.env[name];
  rmSync(DATA_DIR, { recursive: true, force: true });

  const stack: Stack = await startStack({
    dataDir: DATA_DIR,
    ports: fixedPorts().integration,
    log,
    verbose,
  });
  try {
    // graphile-worker's schema (the email outbox queues send_email jobs in it). Idempotent, so it is
    // harmless when startStack has already applied it.
    if (existsSync(JOB_QUEUE_MIGRATIONS)) {
      const queue: { migrateJobQueue?: (url: string) => Promise<void> } = await import(JOB_QUEUE_MIGRATIONS);
      await queue.migrateJobQueue?.(stack.env.DATABASE_URL);
    }
  } catch (err) {
    await stack.stop();
    throw err;
  }

  // Test files run in worker processes and cannot reach the stack object: a loopback control
  // endpoint lets a test stop and restart Meilisearch alone (the outage test of search.test.ts).
  const control = http.createServer((req, res) => {
    const action =
      req.method === 'POST' && req.url === '/meilisearch/stop'
        ? stack.stopMeilisearch()
        : req.method === 'POST' && req.url === '/meilisearch/start'
          ? stack.startMeilisearch()
          : undefined;
    if (!action) {
      res.writeHead(404).end();
      return;
    }
    action.then(
      () => res.writeHead(204).end(),
      (err: Error) => res.writeHead(500).end(err.message),
    );
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  const controlUrl = `http://127.0.0.1:${(control.address() as AddressInfo).port}`;

  project.provide('stackEnv', stack.env);
  project.provide('stackControlUrl', controlUrl);
  return async () => {
    await new Promise((resolve) => control.close(resolve));
    await stack.stop();
  };
}
