/**
 * `npm run vacancies:import -- FILE.json [--date ДД.ММ.ГГГГ]`: a snapshot of the vacancy bank from a
 * saved answer of the «Работа России» open-data API (for machines without internet). FILE is one
 * answer (a page) or a JSON array of pages, saved from
 * https://opendata.trudvsem.ru/api/v1/vacancies/region/4200000000000?offset=N&limit=100.
 * The date is the day the answer was saved (default: the file's modification date). A second import
 * for the same date replaces the first. Uses DATABASE_URL, or the embedded stack of `npm start`
 * (same DATA_DIR) while it runs.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { fail, log } from './lib/log.ts';
import { defaultPorts } from './lib/stack.ts';
import { parseTextDate } from '../src/lib/server/registers/cells.ts';
import { countKemerovoVacancies, isTrudvsemPage } from '../src/lib/server/vacancies/count-vacancies.ts';
import { kemerovoToday, saveVacancySnapshot } from '../src/lib/server/vacancies/save-snapshot.ts';

const root = path.resolve(import.meta.dirname, '..');
if (existsSync(path.join(root, '.env'))) process.loadEnvFile(path.join(root, '.env'));

const { values, positionals } = parseArgs({ options: { date: { type: 'string' } }, allowPositionals: true });
const file = positionals[0];
if (!file) fail('укажите файл: npm run vacancies:import -- ответ.json [--date ДД.ММ.ГГГГ]');
if (!existsSync(file)) fail(`нет файла ${file}`);

let parsed: unknown;
try {
  parsed = JSON.parse(readFileSync(file, 'utf8').replace(/^\ufeff/, ''));
} catch (err) {
  fail(`${file} — не JSON: ${(err as Error).message}`);
}
const pages = Array.isArray(parsed) ? parsed : [parsed];
if (pages.length === 0 || !pages.every(isTrudvsemPage)) {
  fail(`${file} — не ответ API «Работа России» (нужен {status, meta, results: {vacancies: […]}})`);
}
const takenOn = values.date ? parseTextDate(values.date) : kemerovoToday(statSync(file).mtime);
if (!takenOn) fail(`--date: «${values.date}» — не дата (ДД.ММ.ГГГГ или ГГГГ-ММ-ДД)`);
if (takenOn > kemerovoToday()) fail('--date: дата снимка не может быть в будущем');

let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  const secretsFile = path.join(path.resolve(root, process.env.DATA_DIR ?? '.data/dev'), 'secrets.json');
  if (!existsSync(secretsFile)) fail(`нет ${secretsFile}: запустите npm start или задайте DATABASE_URL`);
  const secrets = JSON.parse(readFileSync(secretsFile, 'utf8'));
  databaseUrl = `postgres://postgres:${secrets.postgresPassword}@127.0.0.1:${defaultPorts().postgres}/postgres`;
}

const count = countKemerovoVacancies(pages);
const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
try {
  const id = await saveVacancySnapshot(pool, {
    takenOn,
    source: 'file',
    note: path.basename(file),
    count,
  });
  log(
    'vacancies',
    `снимок на ${takenOn.split('-').reverse().join('.')}: ${count.total} вакансий в Кемерове из ${count.regionTotal} в ответе, работодателей с ИНН — ${count.employers.length} (${id})`,
  );
} catch (err) {
  fail((err as Error).message);
} finally {
  await pool.end();
}
