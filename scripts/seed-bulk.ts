/**
 * Many generated opportunities for benchmarks:
 *   npm run seed:bulk -- --opportunities 200000 [--status published] [--batch 5000] [--seed 1]
 * They belong to the verified employers already in the database (the demo seed of `npm start` has 60).
 * Against the embedded stack run it while `npm start` is running with the same DATA_DIR, e.g.
 * `DATA_DIR=.data/dev npm run seed:bulk -- --opportunities 200000`; or set DATABASE_URL (a
 * superuser: triggers are off during the load). The search index does not see these rows until
 * `npm run search:reindex`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { fail, log } from './lib/log.ts';
import { insertBulkOpportunities, type OpportunityStatus } from './lib/opportunity-generator.ts';
import { defaultPorts } from './lib/stack.ts';

const root = path.resolve(import.meta.dirname, '..');
if (existsSync(path.join(root, '.env'))) process.loadEnvFile(path.join(root, '.env'));

const { values } = parseArgs({
  options: {
    opportunities: { type: 'string', short: 'n' },
    status: { type: 'string', default: 'published' },
    batch: { type: 'string', default: '5000' },
    seed: { type: 'string' },
    concurrency: { type: 'string', default: '2' },
  },
});
const count = Number(values.opportunities);
if (!Number.isInteger(count) || count < 1) fail('укажите --opportunities N (целое число больше нуля)');
const statuses: OpportunityStatus[] = ['draft', 'moderation', 'published', 'rejected', 'closed', 'expired'];
const status = values.status as OpportunityStatus;
if (!statuses.includes(status)) fail(`--status: одно из ${statuses.join(', ')}`);
const batch = Number(values.batch);
if (!Number.isInteger(batch) || batch < 1 || batch > 50_000) fail('--batch: от 1 до 50 000');
const concurrency = Number(values.concurrency);
if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) fail('--concurrency: от 1 до 16');
const seed = values.seed === undefined ? undefined : Number(values.seed);
if (seed !== undefined && !Number.isInteger(seed)) fail('--seed: целое число');

// Against the embedded stack of `npm start`: read its secrets and ports.
let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  const dataDir = path.resolve(root, process.env.DATA_DIR ?? '.data/dev');
  const file = path.join(dataDir, 'secrets.json');
  if (!existsSync(file)) fail(`нет ${file}: запустите npm start или задайте DATABASE_URL`);
  const secrets = JSON.parse(readFileSync(file, 'utf8')) as { postgresPassword: string };
  databaseUrl = `postgres://postgres:${secrets.postgresPassword}@127.0.0.1:${defaultPorts().postgres}/postgres`;
}

const pool = new pg.Pool({ connectionString: databaseUrl, max: concurrency });
pool.on('error', (err) => log('seed:bulk', `соединение закрыто: ${err.message}`));
let lastReport = 0;
try {
  log('seed:bulk', `создаю ${count.toLocaleString('ru-RU')} публикаций (статус ${status})…`);
  const result = await insertBulkOpportunities(pool, count, {
    status,
    batch,
    seed,
    concurrency,
    onProgress: (done, total) => {
      const now = performance.now();
      if (done < total && now - lastReport < 1000) return;
      lastReport = now;
      const pct = Math.floor((done / total) * 100);
      log('seed:bulk', `${done.toLocaleString('ru-RU')} из ${total.toLocaleString('ru-RU')} (${pct} %)`);
    },
  });
  const rate = Math.round(result.inserted / result.seconds);
  log(
    'seed:bulk',
    `готово: ${result.inserted.toLocaleString('ru-RU')} публикаций за ${result.seconds.toFixed(1)} с (${rate.toLocaleString('ru-RU')} в секунду)`,
  );
  log(
    'seed:bulk',
    'триггеры были отключены: поисковый индекс их не видит — запустите npm run search:reindex',
  );
} catch (err) {
  fail((err as Error).message);
} finally {
  await pool.end();
}
process.exit(0);
