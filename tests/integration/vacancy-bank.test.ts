/**
 * The vacancy bank (issue 9 item 6): a saved answer of the «Работа России» API imported by
 * `npm run vacancies:import`, a number typed in by the administration (through PostgREST with their
 * own JWT), and the weekly job fetching the API's pages — from a node:http server on loopback that
 * serves the fixture, never from the internet.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseForm } from '../../src/lib/schemas/form.ts';
import { vacancySnapshotSchema } from '../../src/lib/schemas/vacancy-bank.ts';
import {
  takeVacancySnapshot,
  vacancySnapshotCrontab,
} from '../../src/lib/server/jobs/tasks/take-vacancy-snapshot.ts';
import { countKemerovoVacancies, type TrudvsemPage } from '../../src/lib/server/vacancies/count-vacancies.ts';
import {
  loadVacancySnapshots,
  recordVacancySnapshot,
} from '../../src/lib/server/vacancies/record-vacancy-snapshot.ts';
import { testDb } from '../factories/db.ts';
import { closeFactories, createAdministrator, createEmployer, type TestMember } from '../factories/people.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURE = path.join(ROOT, 'tests/fixtures/trudvsem-kemerovo.json');
const answer = JSON.parse(readFileSync(FIXTURE, 'utf8')) as TrudvsemPage;
const run = promisify(execFile);

let admin: TestMember;

async function snapshot(takenOn: string, source: string) {
  const { rows } = await testDb().query<{
    id: string;
    total: number;
    region_total: number | null;
    source_note: string;
  }>(
    `select id, total, region_total, source_note from public.vacancy_snapshots where taken_on = $1 and source = $2`,
    [takenOn, source],
  );
  return rows;
}

async function employerCounts(snapshotId: string) {
  const { rows } = await testDb().query(
    `select inn, vacancies from public.vacancy_snapshot_employers where snapshot_id = $1 order by inn collate "C"`,
    [snapshotId],
  );
  return rows;
}

const KEMEROVO_COUNTS = [
  { inn: '4205000908', vacancies: 2 },
  { inn: '420512345675', vacancies: 1 },
  { inn: '4205173210', vacancies: 1 },
  { inn: '4209001123', vacancies: 1 },
];

beforeAll(async () => {
  admin = await createAdministrator();
});
afterAll(closeFactories);

describe('a saved answer of the API', () => {
  test('only vacancies in the city of Kemerovo count, per employer ИНН', () => {
    const count = countKemerovoVacancies([answer]);
    expect(count).toMatchObject({ regionTotal: 8, total: 5, reportedTotal: 8 });
    expect(count.employers.map((e) => [e.inn, e.vacancies])).toEqual([
      ['4205000908', 2],
      ['4205173210', 1],
      ['4209001123', 1],
      ['420512345675', 1],
    ]);
  });

  test('npm run vacancies:import -- FILE.json --date: one snapshot of the date, replaced by a second import', async () => {
    const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL };
    const node = path.join(ROOT, 'node_modules/.bin/node');
    const args = ['scripts/import-vacancies.ts', FIXTURE, '--date', '19.01.2023'];
    const first = await run(node, args, { cwd: ROOT, env });
    expect(first.stdout).toContain(
      'снимок на 19.01.2023: 5 вакансий в Кемерове из 8 в ответе, работодателей с ИНН — 4',
    );
    await run(node, args, { cwd: ROOT, env });
    const rows = await snapshot('2023-01-19', 'file');
    expect(rows).toEqual([
      expect.objectContaining({ total: 5, region_total: 8, source_note: 'trudvsem-kemerovo.json' }),
    ]);
    expect(await employerCounts(rows[0].id)).toEqual(KEMEROVO_COUNTS);

    const notAnswer = await run(node, ['scripts/import-vacancies.ts', path.join(ROOT, 'package.json')], {
      cwd: ROOT,
      env,
    }).catch((err: { stderr: string; code: number }) => err);
    expect(notAnswer).toMatchObject({ code: 1 });
    expect((notAnswer as { stderr: string }).stderr).toContain('не ответ API «Работа России»');
  });
});

describe('a number typed in by the administration', () => {
  test('field messages for a bad date, count and source; nothing written', () => {
    const form = new FormData();
    form.set('takenOn', '31.02.2024');
    form.set('total', '-5');
    form.set('sourceNote', ' ');
    const parsed = parseForm(vacancySnapshotSchema, form);
    expect(parsed).toMatchObject({
      ok: false,
      errors: {
        takenOn: 'Дата снимка — в виде ДД.ММ.ГГГГ',
        total: 'Число вакансий — целое, от 0 до 10 000 000',
        sourceNote: 'Укажите источник числа, например «Банк вакансий ЦЗН г. Кемерово»',
      },
    });
  });

  test('saved once per date; a future date, a second entry of a day and a non-administrator refused', async () => {
    const input = { takenOn: '2023-01-19', total: 10728, sourceNote: 'Банк вакансий ЦЗН г. Кемерово' };
    const saved = await recordVacancySnapshot(admin.client, input);
    expect(saved.ok).toBe(true);
    expect(await recordVacancySnapshot(admin.client, input)).toEqual({
      ok: false,
      field: 'takenOn',
      status: 409,
      message: 'Снимок, введённый вручную, на 19.01.2023 уже есть',
    });
    expect(await recordVacancySnapshot(admin.client, { ...input, takenOn: '2099-01-01' })).toEqual({
      ok: false,
      field: 'takenOn',
      status: 400,
      message: 'Дата снимка — не раньше 01.01.2000 и не позже сегодняшнего дня',
    });
    const employer = await createEmployer();
    expect(await recordVacancySnapshot(employer.client, { ...input, takenOn: '2023-01-20' })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect((await employer.client.from('vacancy_snapshots').select('id')).data).toEqual([]);
    expect(await snapshot('2023-01-20', 'manual')).toEqual([]);
    const listed = await loadVacancySnapshots(admin.client);
    expect(listed.find((s) => s.taken_on === '2023-01-19' && s.source === 'manual')).toMatchObject({
      total: 10728,
      employers: 0,
    });
  });
});

describe('the weekly job', () => {
  let server: http.Server;
  let url: string;
  const requests: string[] = [];

  beforeAll(async () => {
    const vacancies = answer.results!.vacancies!;
    server = http.createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      requests.push(u.pathname + u.search);
      const offset = Number(u.searchParams.get('offset'));
      const limit = Number(u.searchParams.get('limit'));
      const page = vacancies.slice(offset * limit, (offset + 1) * limit);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(
        JSON.stringify({ ...answer, meta: { total: vacancies.length, limit }, results: { vacancies: page } }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/vacancies/region/4200000000000`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('is scheduled only when TRUDVSEM_API_URL is set, and does nothing without it', async () => {
    expect(vacancySnapshotCrontab({})).toEqual([]);
    expect(vacancySnapshotCrontab({ TRUDVSEM_API_URL: url })).toEqual([
      '0 2 * * 1 take_vacancy_snapshot ?jobKey=take_vacancy_snapshot',
    ]);
    expect(await takeVacancySnapshot({ url: '', pool: testDb() })).toBeNull();
  });

  test('reads every page from the server and keeps the Kemerovo count per ИНН', async () => {
    const id = await takeVacancySnapshot({ url, pool: testDb(), today: '2024-01-15', pageLimit: 3 });
    expect(requests).toEqual([
      '/api/v1/vacancies/region/4200000000000?offset=0&limit=3',
      '/api/v1/vacancies/region/4200000000000?offset=1&limit=3',
      '/api/v1/vacancies/region/4200000000000?offset=2&limit=3',
    ]);
    expect(await snapshot('2024-01-15', 'trudvsem_api')).toEqual([
      expect.objectContaining({ id, total: 5, region_total: 8 }),
    ]);
    expect(await employerCounts(id!)).toEqual(KEMEROVO_COUNTS);
  });
});
