/**
 * `npm run search:reindex`: rebuilds the Meilisearch index of opportunities from Postgres, the
 * source of truth, into a fresh index that then replaces the live one (search keeps answering).
 * Uses DATABASE_URL and MEILISEARCH_URL/MEILISEARCH_MASTER_KEY from the environment (or .env);
 * against the embedded stack of `npm start` it reads DATA_DIR's secrets (default .data/dev).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { fail, log } from './lib/log.ts';
import { defaultPorts } from './lib/stack.ts';

const root = path.resolve(import.meta.dirname, '..');
if (existsSync(path.join(root, '.env'))) process.loadEnvFile(path.join(root, '.env'));

if (!process.env.DATABASE_URL) {
  const dataDir = path.resolve(root, process.env.DATA_DIR ?? '.data/dev');
  const file = path.join(dataDir, 'secrets.json');
  if (!existsSync(file)) fail(`нет ${file}: запустите npm start или задайте DATABASE_URL`);
  const secrets = JSON.parse(readFileSync(file, 'utf8'));
  const ports = defaultPorts();
  process.env.DATABASE_URL = `postgres://postgres:${secrets.postgresPassword}@127.0.0.1:${ports.postgres}/postgres`;
  process.env.MEILISEARCH_URL ??= `http://127.0.0.1:${ports.meilisearch}`;
  process.env.MEILISEARCH_MASTER_KEY ??= secrets.meiliMasterKey;
}
const meiliUrl = process.env.MEILISEARCH_URL;
const meiliKey = process.env.MEILISEARCH_MASTER_KEY;
if (!meiliUrl || !meiliKey) fail('задайте MEILISEARCH_URL и MEILISEARCH_MASTER_KEY');

const { createMeiliClient } = await import('../src/lib/server/search/client.ts');
const { rebuildSearchIndex } = await import('../src/lib/server/search/reindex.ts');

export const formatNumber = (n: number) =>
  Math.round(n)
    .toLocaleString('ru-RU')
    .replace(/\u00a0/g, ' ');

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
try {
  const meili = createMeiliClient({ url: meiliUrl!, apiKey: meiliKey! }, 60_000);
  log('поиск', 'перестраиваю индекс opportunities из Postgres');
  const result = await rebuildSearchIndex(pool, meili, {
    onProgress: ({ indexed, total, docsPerSecond }) =>
      console.log(
        `  ${String(indexed).padStart(7)} / ${total} (${total ? Math.round((indexed / total) * 100) : 100} %) ${formatNumber(docsPerSecond)} док/с`,
      ),
  });
  log(
    'поиск',
    `готово: ${formatNumber(result.documents)} документов за ${(result.ms / 1000).toFixed(1)} с (${formatNumber(result.docsPerSecond)} док/с)`,
  );
} catch (err) {
  fail((err as Error).message);
} finally {
  await pool.end();
}
