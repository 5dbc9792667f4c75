/**
 * Saved-search alerts end to end: a student saves a search through PostgREST, an employer publishes
 * a matching posting, the hourly task (run by a real graphile-worker) writes one letter, and the
 * worker delivers it to a real SMTP server with the new posting and a working unsubscribe link.
 */
import { makeWorkerUtils, type WorkerUtils } from 'graphile-worker';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTransport } from '../../src/lib/server/email/transport.ts';
import { startWorker, type WorkerHandle } from '../../src/lib/server/jobs/runner.ts';
import { makeSendEmail } from '../../src/lib/server/jobs/tasks/send-email.ts';
import { sendSavedSearchAlertsTask } from '../../src/lib/server/jobs/tasks/send-saved-search-alerts.ts';
import { anonClient } from '../../src/lib/server/supabase.ts';
import { testDb } from '../factories/db.ts';
import {
  closeFactories,
  createAdministrator,
  createEmployer,
  createStudent,
  createUniversity,
  verifyEmployer,
  type TestEmployer,
  type TestMember,
  type TestPerson,
} from '../factories/people.ts';
import { parseMessage, startSmtpServer, type TestSmtpServer } from '../factories/smtp-server.ts';

const databaseUrl = process.env.DATABASE_URL!;
const FROM = 'КемероVоПРОФИ <no-reply@kemerovo-profi.test>';

let admin: TestMember;
let student: TestPerson;
let employer: TestEmployer;
let smtp: TestSmtpServer;
let workerUtils: WorkerUtils;
let worker: WorkerHandle | undefined;

async function waitUntil<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`не дождались: ${what}`);
}

/** A posting the employer drafts and publishes; the administration approves it (first month). */
async function publishPosting(fields: {
  kind: 'internship' | 'vacancy';
  title: string;
  description: string;
  district: string;
}): Promise<string> {
  const { data, error } = await employer.client
    .from('opportunities')
    .insert({
      organization_id: employer.organizationId,
      kind: fields.kind,
      title: fields.title,
      description_text: fields.description,
      description_html: `<p>${fields.description}</p>`,
      district_code: fields.district,
      is_paid: true,
      pay_from: 30000,
      schedule: 'flexible',
    })
    .select('id')
    .single();
  if (error) throw new Error(`публикация не создана: ${error.message}`);
  const published = await employer.client.rpc('publish_opportunity', { p_id: data.id, p_days: 30 });
  expect(published.error).toBeNull();
  if (published.data === 'moderation') {
    const approved = await admin.client.rpc('moderate_opportunity', { p_id: data.id, p_approve: true });
    expect(approved.error).toBeNull();
  }
  return data.id;
}

async function saveSearch(name: string, query: string, frequency: 'daily' | 'weekly' = 'daily') {
  const { data, error } = await student.client
    .from('saved_searches')
    .insert({ name, query, frequency })
    .select('id')
    .single();
  if (error) throw new Error(`поиск не сохранён: ${error.message}`);
  return data.id;
}

async function runAlerts() {
  const job = await workerUtils.addJob('send_saved_search_alerts', {});
  await waitUntil('задача рассылки выполнена', async () => {
    const { rowCount } = await testDb().query('select from graphile_worker._private_jobs where id = $1', [
      job.id,
    ]);
    return rowCount === 0;
  });
}

const lettersTo = (to: string) => smtp.received.filter((m) => m.envelopeTo.includes(to));

beforeAll(async () => {
  admin = await createAdministrator();
  const university = await createUniversity(admin);
  [student, employer] = await Promise.all([
    createStudent({ universityId: university, programmeCode: '09.03.01', yearOfStudy: 3 }),
    createEmployer({ industryCode: 'J', districtCode: 'tsentralny' }),
  ]);
  await verifyEmployer(admin, employer.organizationId);
  smtp = await startSmtpServer();
  workerUtils = await makeWorkerUtils({ connectionString: databaseUrl });
  const transport = createTransport(smtp.url, FROM);
  worker = await startWorker(databaseUrl, {
    // only the two tasks under test (other jobs queued by triggers wait in the queue)
    taskList: {
      send_email: makeSendEmail(() => transport),
      send_saved_search_alerts: sendSavedSearchAlertsTask,
    },
    pollInterval: 200,
    heartbeatIntervalMs: 500,
  });
});

afterEach(() => {
  smtp.received.length = 0;
});

afterAll(async () => {
  await worker?.stop();
  await workerUtils?.release();
  await smtp?.close();
  await closeFactories();
});

describe('saved-search alerts', () => {
  it('emails a new matching posting through SMTP, with a one-click unsubscribe that works', async () => {
    const name = 'Стажировки для программиста';
    const searchId = await saveSearch(name, 'q=программист&kind=internship&district=tsentralny');
    // published after the search was saved: the matching one, and two that do not match
    const matching = await publishPosting({
      kind: 'internship',
      title: 'Стажировка: программист Python в отделе автоматизации',
      description: 'Разработка внутренних сервисов предприятия.',
      district: 'tsentralny',
    });
    await publishPosting({
      kind: 'vacancy',
      title: 'Программист 1С (вакансия для выпускника)',
      description: 'Сопровождение учётных систем.',
      district: 'tsentralny',
    });
    await publishPosting({
      kind: 'internship',
      title: 'Стажировка программиста в Заводском районе',
      description: 'Стажировка на производстве.',
      district: 'zavodsky',
    });

    await runAlerts();
    const [letter] = await waitUntil('письмо пришло на SMTP-сервер', async () => {
      const letters = lettersTo(student.email);
      return letters.length > 0 && letters;
    });
    const parsed = parseMessage(letter.raw);
    expect(parsed.subject).toBe(`1 новая публикация по поиску «${name}» — КемероVоПРОФИ`);
    expect(parsed.text).toContain('Стажировка: программист Python в отделе автоматизации');
    expect(parsed.text).toContain(`${employer.organizationName}`);
    expect(parsed.text).toContain(`http://127.0.0.1:3100/opportunities/${matching}`);
    expect(parsed.text).not.toContain('Программист 1С');
    expect(parsed.text).not.toContain('Заводском');
    expect(parsed.text).toContain(
      'http://127.0.0.1:3100/opportunities?q=%D0%BF%D1%80%D0%BE%D0%B3%D1%80%D0%B0%D0%BC%D0%BC%D0%B8%D1%81%D1%82&kind=internship&district=tsentralny',
    );
    expect(parsed.html).toContain(`href="http://127.0.0.1:3100/opportunities/${matching}"`);

    const link = /http:\/\/127\.0\.0\.1:3100\/unsubscribe\/([A-Za-z0-9_-]+)/.exec(parsed.text);
    expect(link).not.toBeNull();
    expect(parsed.headers.get('list-unsubscribe')).toBe(`<${link![0]}>`);
    // RFC 8058: mail apps may POST this body to the link above (one-click unsubscribe)
    expect(parsed.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');

    const { rows } = await testDb().query<{ last_sent_at: Date | null }>(
      'select last_sent_at from public.saved_searches where id = $1',
      [searchId],
    );
    expect(rows[0].last_sent_at).toBeInstanceOf(Date);

    // Not due again today: another run sends nothing.
    await runAlerts();
    await new Promise((r) => setTimeout(r, 500));
    expect(lettersTo(student.email)).toHaveLength(1);

    // The link's token unsubscribes without an account (what POST /unsubscribe/<token> calls).
    const anon = anonClient();
    const wrong = await anon.rpc('unsubscribe_saved_search', { p_token: `${link![1]}x` });
    expect(wrong.error).toBeNull();
    expect(wrong.data).toBeNull();
    const done = await anon.rpc('unsubscribe_saved_search', { p_token: link![1] });
    expect(done.error).toBeNull();
    expect(done.data).toBe(name);
    const left = await testDb().query('select from public.saved_searches where id = $1', [searchId]);
    expect(left.rowCount).toBe(0);
    const again = await anon.rpc('unsubscribe_saved_search', { p_token: link![1] });
    expect(again.data).toBeNull();
  });

  it('sends nothing when nothing new matches, and waits a week for a weekly search', async () => {
    const quiet = await saveSearch('Целевое обучение на врача', 'q=нейрохирург&kind=target_agreement');
    const weekly = await saveSearch('Все стажировки', 'kind=internship', 'weekly');
    await testDb().query(
      `update public.saved_searches set last_sent_at = now() - interval '2 days' where id = $1`,
      [weekly],
    );
    await publishPosting({
      kind: 'internship',
      title: 'Стажировка инженера-энергетика',
      description: 'Подстанции и сети.',
      district: 'tsentralny',
    });
    await runAlerts();
    await new Promise((r) => setTimeout(r, 1000));
    expect(lettersTo(student.email)).toHaveLength(0);
    const { rows } = await testDb().query<{ id: string; last_sent_at: Date | null }>(
      'select id, last_sent_at from public.saved_searches where id = any($1) order by name',
      [[quiet, weekly]],
    );
    expect(rows.find((r) => r.id === quiet)?.last_sent_at).toBeNull();

    // a week later the weekly one is due and gets the posting
    await testDb().query(
      `update public.saved_searches set last_sent_at = now() - interval '8 days' where id = $1`,
      [weekly],
    );
    await runAlerts();
    const [letter] = await waitUntil('еженедельное письмо', async () => {
      const letters = lettersTo(student.email);
      return letters.length > 0 && letters;
    });
    expect(parseMessage(letter.raw).text).toContain('Стажировка инженера-энергетика');
  });
});
