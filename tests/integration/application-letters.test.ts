/**
 * The letters about applications, end to end: moves made through PostgREST with each person's JWT
 * queue notify_application_event in their transaction; the worker's tasks write the letters and a
 * real SMTP server (smtp-server on loopback) receives them. Also: several changes make one letter,
 * a failing letter job or SMTP server is retried and never loses the move, and the daily employer
 * digest and the 21-day letter go once however often their cron tasks run.
 */
import { makeWorkerUtils, type WorkerUtils } from 'graphile-worker';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { unfoldIcs } from '../../src/lib/server/email/ics.ts';
import { createTransport, type MailTransport } from '../../src/lib/server/email/transport.ts';
import { startWorker, type WorkerHandle } from '../../src/lib/server/jobs/runner.ts';
import {
  sendEmployerPendingDigests,
  tellStaleApplicants,
} from '../../src/lib/server/jobs/tasks/application-digests.ts';
import {
  notifyApplicationEvent,
  scheduleApplicationLetters,
  sendApplicationLetters,
  sendApplicationLettersTask,
} from '../../src/lib/server/jobs/tasks/notify-application-event.ts';
import { makeSendEmail } from '../../src/lib/server/jobs/tasks/send-email.ts';
import { anonClient } from '../../src/lib/server/supabase.ts';
import {
  addColleague,
  applyTo,
  createApplicant,
  createApplicationWorld,
  createVerifiedEmployer,
  OFFER_TERMS,
  ok,
  publishPosting,
  type ApplicationWorld,
} from '../factories/applications.ts';
import { closeFactories, type TestEmployer, type TestMember, type TestPerson } from '../factories/people.ts';
import {
  parseMessage,
  startSmtpServer,
  type ParsedMessage,
  type TestSmtpServer,
} from '../factories/smtp-server.ts';

const FROM = 'КемероVоПРОФИ <no-reply@kemerovo-profi.test>';
const ORIGIN = 'http://127.0.0.1:3100'; // tests/integration/setup-env.ts

const databaseUrl = process.env.DATABASE_URL!;
let pool: pg.Pool;
let workerUtils: WorkerUtils;
let worker: WorkerHandle | undefined;
let smtp: TestSmtpServer;
let transport: MailTransport;
let world: ApplicationWorld;
let colleague: TestMember;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const inDays = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString();

/** The worker with the letter tasks; `current()` picks the transport of each send_email attempt. */
async function startLetterWorker(current: () => MailTransport = () => transport): Promise<WorkerHandle> {
  worker = await startWorker(databaseUrl, {
    taskList: {
      notify_application_event: notifyApplicationEvent,
      send_application_letters: sendApplicationLettersTask,
      send_email: makeSendEmail(current),
    },
    pollInterval: 200,
    heartbeatIntervalMs: 500,
  });
  return worker;
}

async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`не дождались: ${what}`);
}

/** The letters the SMTP server received for the address, parsed. */
function received(server: TestSmtpServer, address: string): ParsedMessage[] {
  return server.received.filter((m) => m.envelopeTo.includes(address)).map((m) => parseMessage(m.raw));
}

async function letterTo(address: string, subject: RegExp, server = smtp): Promise<ParsedMessage> {
  return waitUntil(`письмо ${subject} для ${address}`, () =>
    received(server, address).find((m) => subject.test(m.subject)),
  );
}

async function outbox(address: string) {
  const { rows } = await pool.query<{
    id: string;
    template: string;
    subject: string;
    text_body: string;
    status: string;
    attachments: { filename: string; contentType: string; content: string }[];
  }>(
    `select id, template, subject, text_body, status, attachments from app_private.outbound_emails
      where to_address = $1 order by created_at, id`,
    [address],
  );
  return rows;
}

async function eventIds(applicationId: string): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    'select id from public.application_events where application_id = $1 order by id',
    [applicationId],
  );
  return rows.map((r) => r.id);
}

beforeAll(async () => {
  process.env.APPLICATION_LETTERS_DELAY_SECONDS = '0';
  pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  workerUtils = await makeWorkerUtils({ connectionString: databaseUrl });
  smtp = await startSmtpServer();
  transport = createTransport(smtp.url, FROM);
  world = await createApplicationWorld();
  colleague = await addColleague(world.employerA);
});

afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});

afterAll(async () => {
  transport?.close();
  await smtp?.close();
  await workerUtils?.release();
  await pool?.end();
  await closeFactories();
});

const rpc = (person: TestPerson) => person.client.rpc.bind(person.client);
const interview = (employer: TestPerson, id: string, at: string) =>
  rpc(employer)('invite_to_interview', {
    p_id: id,
    p_at: at,
    p_place: 'г. Кемерово, пр. Советский, 1, каб. 5',
    p_note: 'Возьмите паспорт',
  });

describe('letters to the student about the employer’s moves', () => {
  test('an interview letter carries a valid .ics; a reschedule updates the same event', async () => {
    const student = await createApplicant(world.universityA);
    const posting = await publishPosting(world.employerA, 'vacancy', { title: 'Инженер АСУ ТП' });
    const id = await applyTo(student, posting);
    await startLetterWorker();

    const at = new Date(Date.now() + 3 * 86_400_000);
    at.setUTCHours(3, 30, 0, 0);
    await ok('собеседование', interview(world.employerA, id, at.toISOString()));
    const letter = await letterTo(student.email, /^Приглашение на собеседование: «Инженер АСУ ТП»/);
    expect(letter.text).toContain(`${ORIGIN}/student/applications/${id}`);
    expect(letter.text).toContain('Где: г. Кемерово, пр. Советский, 1, каб. 5');
    expect(letter.text).toContain('Возьмите паспорт');
    expect(letter.attachments).toHaveLength(1);
    const [file] = letter.attachments;
    expect(file.filename).toBe('sobesedovanie.ics');
    expect(file.contentType).toMatch(/^text\/calendar; method=REQUEST/);
    const ics = file.content.toString('utf8');
    for (const physical of ics.split('\r\n')) expect(Buffer.byteLength(physical)).toBeLessThanOrEqual(75);
    const lines = unfoldIcs(ics);
    const utc = at.toISOString().replace(/[-:]/g, '').replace('.000', '');
    const end = new Date(at.getTime() + 3_600_000).toISOString().replace(/[-:]/g, '').replace('.000', '');
    expect(lines).toEqual(
      expect.arrayContaining([
        'BEGIN:VCALENDAR',
        'METHOD:REQUEST',
        `UID:application-${id}@kemerovo-profi`,
        'SEQUENCE:0',
        `DTSTART:${utc}`,
        `DTEND:${end}`,
        'LOCATION:г. Кемерово\\, пр. Советский\\, 1\\, каб. 5',
        `URL:${ORIGIN}/student/applications/${id}`,
        `ATTENDEE;CN="${student.fullName}";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${student.email}`,
        'END:VCALENDAR',
      ]),
    );

    const later = new Date(at.getTime() + 86_400_000);
    await ok('перенос', interview(world.employerA, id, later.toISOString()));
    const moved = await letterTo(student.email, /^Собеседование перенесено/);
    const movedLines = unfoldIcs(moved.attachments[0].content.toString('utf8'));
    expect(movedLines).toContain(`UID:application-${id}@kemerovo-profi`);
    expect(movedLines).toContain('SEQUENCE:1');
    expect(movedLines).toContain(`DTSTART:${later.toISOString().replace(/[-:]/g, '').replace('.000', '')}`);

    // turned down after the interview was in the calendar: the letter cancels it (same UID, next SEQUENCE)
    await ok(
      'отказ',
      rpc(world.employerA)('reject_application', {
        p_id: id,
        p_reason: 'not_enough_experience',
        p_message: 'Спасибо, что пришли! Будем рады видеть вас через год.',
      }),
    );
    const rejected = await letterTo(student.email, /^Ответ работодателя по отклику на «Инженер АСУ ТП»/);
    expect(rejected.text).toContain('Причина: недостаточно опыта для этой позиции.');
    expect(rejected.text).toContain('Спасибо, что пришли! Будем рады видеть вас через год.');
    const cancel = unfoldIcs(rejected.attachments[0].content.toString('utf8'));
    expect(cancel).toEqual(
      expect.arrayContaining([
        'METHOD:CANCEL',
        'STATUS:CANCELLED',
        'SEQUENCE:2',
        `UID:application-${id}@kemerovo-profi`,
      ]),
    );
    expect(received(smtp, student.email)).toHaveLength(3);
  });

  test('offer with its terms and answer-by date; the hire letter’s one-time link confirms the hire', async () => {
    const graduate = await createApplicant(world.universityA, 'graduate');
    const id = await applyTo(
      graduate,
      await publishPosting(world.employerA, 'vacancy', { title: 'Разработчик 1С' }),
    );
    await ok('просмотр', rpc(world.employerA)('mark_application_viewed', { p_id: id }));
    await startLetterWorker();
    await ok(
      'предложение',
      rpc(world.employerA)('make_offer', { p_id: id, p_terms: OFFER_TERMS.vacancy, p_answer_by: day(20) }),
    );
    const answerBy = new Intl.DateTimeFormat('ru-RU', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${day(20)}T00:00:00Z`));
    const offer = await letterTo(graduate.email, /^Вам сделали предложение: «Разработчик 1С»/);
    expect(offer.text).toContain('Должность: Инженер-программист');
    expect(offer.text).toContain('Дата начала: 1 февраля 2031 г.');
    expect(offer.text).toMatch(/Зарплата: 90\s000 ₽ в месяц/);
    expect(offer.text).toContain(`Ответьте до ${answerBy} включительно`);
    expect(offer.text).toContain(`${ORIGIN}/student/applications/${id}`);

    // the student's move reaches every member of the employer
    await ok('принято', rpc(graduate)('accept_offer', { p_id: id }));
    for (const member of [world.employerA, colleague]) {
      const accepted = await letterTo(member.email, /принял\(а\) предложение: «Разработчик 1С»/);
      expect(accepted.text).toContain(`${ORIGIN}/employer/applications/${id}`);
      expect(accepted.text).toContain('оформить приём');
    }

    const employmentId = (await ok(
      'приём',
      rpc(world.employerA)('record_hire', {
        p_id: id,
        p_start_date: day(7),
        p_position: 'Разработчик 1С',
        p_document_kind: 'order',
        p_document_number: '42-к',
        p_document_date: day(0),
      }),
    )) as string;
    const hired = await letterTo(graduate.email, /^Подтвердите трудоустройство/);
    const link = new RegExp(`${ORIGIN}/employment/confirm/([0-9a-f]{48})`).exec(hired.text);
    expect(link).not.toBeNull();
    expect(hired.html).toContain('>Да, я работаю здесь</a>');
    expect(await ok('подтверждение', anonClient().rpc('confirm_employment', { p_token: link![1] }))).toBe(
      employmentId,
    );
    const { rows } = await pool.query('select status from public.employments where id = $1', [employmentId]);
    expect(rows[0].status).toBe('confirmed');
  });
});

describe('several changes, one letter; retries never lose a move', () => {
  test('changes within the window are collected into one letter by one keyed job', async () => {
    const student = await createApplicant(world.universityA);
    const id = await applyTo(
      student,
      await publishPosting(world.employerA, 'internship', { title: 'Стажировка в ИТ-отделе' }),
    );
    await ok('в список', rpc(world.employerA)('shortlist_application', { p_id: id }));
    await ok('собеседование', interview(world.employerA, id, inDays(5)));
    const [, shortlisted, invited] = await eventIds(id);
    // both notify jobs join one send_application_letters job of this student
    expect(await scheduleApplicationLetters(pool, shortlisted, 300)).toEqual({
      side: 'applicant',
      profileId: student.id,
    });
    await scheduleApplicationLetters(pool, invited, 300);
    const { rows: jobs } = await pool.query(
      `select run_at from graphile_worker._private_jobs where key = $1`,
      [`application_letters:applicant:${student.id}`],
    );
    expect(jobs).toHaveLength(1);
    expect(new Date(jobs[0].run_at).getTime()).toBeGreaterThan(Date.now() + 200_000);

    expect(await sendApplicationLetters(pool, { side: 'applicant', profileId: student.id }, ORIGIN)).toBe(2);
    const letters = await outbox(student.email);
    expect(letters.map((l) => l.template)).toEqual(['application_updates']);
    expect(letters[0].subject).toBe('Новое по вашим откликам: 2 изменения — КемероVоПРОФИ');
    expect(letters[0].text_body).toContain('вас добавили в список кандидатов');
    expect(letters[0].text_body).toContain('приглашение на собеседование');
    expect(letters[0].text_body).toContain('(приглашение для календаря — во вложении)');
    expect(letters[0].text_body).toContain(`${ORIGIN}/student/applications/${id}`);
    expect(letters[0].attachments.map((a) => a.filename)).toEqual(['sobesedovanie.ics']);
    // nothing left: the next run (the keyed job, a retry) sends nothing more
    expect(await sendApplicationLetters(pool, { side: 'applicant', profileId: student.id }, ORIGIN)).toBe(0);
    expect(await scheduleApplicationLetters(pool, invited, 300)).toBeNull();
    expect(await outbox(student.email)).toHaveLength(1);

    // invited and turned down within one letter: no calendar file, and the letter does not promise one
    const second = await applyTo(student, await publishPosting(world.employerA, 'vacancy'));
    await ok('собеседование', interview(world.employerA, second, inDays(6)));
    await ok(
      'отказ',
      rpc(world.employerA)('reject_application', { p_id: second, p_reason: 'position_filled' }),
    );
    expect(await sendApplicationLetters(pool, { side: 'applicant', profileId: student.id }, ORIGIN)).toBe(2);
    const [, digest] = await outbox(student.email);
    expect(digest.template).toBe('application_updates');
    expect(digest.attachments).toEqual([]);
    expect(digest.text_body).toContain('отказ: место уже занято');
    expect(digest.text_body).not.toContain('во вложении');
  });

  test('a letter job that fails leaves the move and the unsent events for the retry', async () => {
    const student = await createApplicant(world.universityA);
    const id = await applyTo(student, await publishPosting(world.employerA, 'vacancy'));
    await ok('в список', rpc(world.employerA)('shortlist_application', { p_id: id }));
    // a broken link base makes rendering throw inside the transaction
    await expect(
      sendApplicationLetters(pool, { side: 'applicant', profileId: student.id }, 'javascript:alert(1)//'),
    ).rejects.toThrow();
    const { rows } = await pool.query(
      `select a.status, e.notified_at from public.applications a
         join public.application_events e on e.application_id = a.id and e.to_status = 'shortlisted' where a.id = $1`,
      [id],
    );
    expect(rows[0]).toEqual({ status: 'shortlisted', notified_at: null });
    expect(await outbox(student.email)).toEqual([]);
    expect(await sendApplicationLetters(pool, { side: 'applicant', profileId: student.id }, ORIGIN)).toBe(1);
    expect((await outbox(student.email)).map((l) => l.template)).toEqual(['application_shortlisted']);
  });

  test('an SMTP failure is retried until the letter goes, and the move stays', async () => {
    const refusing = await startSmtpServer({ rejectRecipients: true });
    const refusingTransport = createTransport(refusing.url, FROM);
    let current = refusingTransport;
    try {
      const student = await createApplicant(world.universityA);
      const id = await applyTo(
        student,
        await publishPosting(world.employerA, 'vacancy', { title: 'Оператор ЧПУ' }),
      );
      await startLetterWorker(() => current);
      await ok('в список', rpc(world.employerA)('shortlist_application', { p_id: id }));
      const failed = await waitUntil('первая неудачная попытка', async () => {
        const { rows } = await pool.query<{
          id: string;
          status: string;
          attempts: number;
          last_error: string | null;
        }>(`select id, status, attempts, last_error from app_private.outbound_emails where to_address = $1`, [
          student.email,
        ]);
        return rows[0]?.attempts >= 1 && rows[0];
      });
      expect(failed.status).toBe('queued');
      expect(failed.last_error).toMatch(/550/);
      // the move and the event's notified mark stand: the letter is the outbox's business now
      const { rows } = await pool.query(
        `select a.status, e.notified_at is not null as notified from public.applications a
           join public.application_events e on e.application_id = a.id and e.to_status = 'shortlisted' where a.id = $1`,
        [id],
      );
      expect(rows[0]).toEqual({ status: 'shortlisted', notified: true });

      // the server is back: graphile-worker's retry (brought forward) delivers it
      current = transport;
      const { rows: jobs } = await pool.query<{ id: string }>(
        `select id from graphile_worker._private_jobs where payload ->> 'id' = $1`,
        [failed.id],
      );
      await workerUtils.rescheduleJobs([jobs[0].id], { runAt: new Date() });
      const letter = await letterTo(student.email, /^Вас добавили в список кандидатов: «Оператор ЧПУ»/);
      expect(letter.text).toContain(`${ORIGIN}/student/applications/${id}`);
      // the SMTP server has the letter a moment before the worker records it as sent
      const sent = await waitUntil('письмо отмечено отправленным', async () => {
        const { rows } = await pool.query<{ status: string; attempts: number }>(
          `select status, attempts from app_private.outbound_emails where id = $1`,
          [failed.id],
        );
        return rows[0]?.status !== 'queued' && rows[0];
      });
      expect(sent).toEqual({ status: 'sent', attempts: 2 });
      expect(received(smtp, student.email)).toHaveLength(1);
    } finally {
      refusingTransport.close();
      await refusing.close();
    }
  });
});

describe('no ghosting: the cron letters go once however often they run', () => {
  test('working days are counted Monday to Friday, strictly between the two dates', async () => {
    const cases: [string, string, number][] = [
      ['2026-11-30', '2026-12-04', 3], // Mon → Fri: Tue, Wed, Thu
      ['2026-12-04', '2026-12-10', 3], // Fri → Thu: Mon, Tue, Wed
      ['2026-12-04', '2026-12-09', 2], // Fri → Wed
      ['2026-12-05', '2026-12-07', 0], // Sat → Mon
      ['2026-12-01', '2026-12-01', 0],
      ['2026-12-01', '2026-12-02', 0],
    ];
    for (const [from, to, expected] of cases) {
      const { rows } = await pool.query('select app_private.working_days_between($1::date, $2::date) as n', [
        from,
        to,
      ]);
      expect(rows[0].n, `${from} → ${to}`).toBe(expected);
    }
  });

  test('the employer digest: one letter a day per member, listing what waits 3 working days', async () => {
    const employer: TestEmployer = await createVerifiedEmployer(world.admin);
    const member = await addColleague(employer);
    const posting = await publishPosting(employer, 'vacancy', { title: 'Мастер участка' });
    const [late, viewed, fresh, answered] = await Promise.all(
      [0, 1, 2, 3].map(() => createApplicant(world.universityA)),
    );
    const lateId = await applyTo(late, posting);
    const viewedId = await applyTo(viewed, posting);
    const freshId = await applyTo(fresh, posting);
    const answeredId = await applyTo(answered, posting);
    await ok('просмотр', rpc(employer)('mark_application_viewed', { p_id: viewedId }));
    await ok('в список', rpc(employer)('shortlist_application', { p_id: answeredId }));
    await pool.query(
      `update public.applications set created_at = now() - interval '10 days' where id = any ($1::uuid[])`,
      [[lateId, viewedId, answeredId]],
    );

    expect(await sendEmployerPendingDigests(pool, ORIGIN)).toBeGreaterThanOrEqual(1);
    expect(await sendEmployerPendingDigests(pool, ORIGIN)).toBe(0); // the second run the same day
    for (const person of [employer, member]) {
      const letters = (await outbox(person.email)).filter(
        (l) => l.template === 'employer_pending_applications',
      );
      expect(letters).toHaveLength(1);
      expect(letters[0].subject).toBe('2 отклика без ответа больше 3 рабочих дней — КемероVоПРОФИ');
      expect(letters[0].text_body).toContain(`${ORIGIN}/employer/applications/${lateId}`);
      expect(letters[0].text_body).toContain(`${ORIGIN}/employer/applications/${viewedId}`);
      expect(letters[0].text_body).not.toContain(freshId);
      expect(letters[0].text_body).not.toContain(answeredId);
    }
    const { rows } = await pool.query<{ id: string; reminded: boolean }>(
      `select id, employer_reminded_at is not null as reminded from public.applications where id = any ($1::uuid[])`,
      [[lateId, viewedId, freshId, answeredId]],
    );
    expect(Object.fromEntries(rows.map((r) => [r.id, r.reminded]))).toEqual({
      [lateId]: true,
      [viewedId]: true,
      [freshId]: false,
      [answeredId]: false,
    });

    // delivered through SMTP, once each
    await startLetterWorker();
    for (const person of [employer, member]) {
      await letterTo(person.email, /без ответа больше 3 рабочих дней/);
    }
    // the next day, still unanswered: the next digest
    await pool.query(
      `update public.applications set employer_reminded_at = now() - interval '1 day' where id = any ($1::uuid[])`,
      [[lateId, viewedId]],
    );
    await sendEmployerPendingDigests(pool, ORIGIN);
    await sendEmployerPendingDigests(pool, ORIGIN);
    const digests = (await outbox(employer.email)).filter(
      (l) => l.template === 'employer_pending_applications',
    );
    expect(digests).toHaveLength(2);
    await waitUntil('второй дайджест доставлен', () => received(smtp, employer.email).length === 2);
  });

  test('the student hears once after 21 days without a decision, with the link to withdraw', async () => {
    const employer = await createVerifiedEmployer(world.admin);
    const posting = await publishPosting(employer, 'vacancy', { title: 'Лаборант химического анализа' });
    const [waiting, invited, recent] = await Promise.all(
      [0, 1, 2].map(() => createApplicant(world.universityA)),
    );
    const waitingId = await applyTo(waiting, posting);
    const invitedId = await applyTo(invited, posting);
    const recentId = await applyTo(recent, posting);
    await ok('собеседование', interview(employer, invitedId, inDays(2)));
    await pool.query(
      `update public.applications set created_at = now() - interval '22 days' where id = any ($1::uuid[])`,
      [[waitingId, invitedId]],
    );
    await pool.query(`update public.applications set created_at = now() - interval '5 days' where id = $1`, [
      recentId,
    ]);

    expect(await tellStaleApplicants(pool, ORIGIN)).toBeGreaterThanOrEqual(1);
    expect(await tellStaleApplicants(pool, ORIGIN)).toBe(0);
    const letters = (await outbox(waiting.email)).filter((l) => l.template === 'application_stale');
    expect(letters).toHaveLength(1);
    expect(letters[0].subject).toBe(
      'Работодатель пока не ответил на ваш отклик «Лаборант химического анализа» — КемероVоПРОФИ',
    );
    expect(letters[0].text_body).toContain('Прошло 3 недели');
    expect(letters[0].text_body).toContain(`${ORIGIN}/student/applications/${waitingId}`);
    for (const other of [invited, recent]) {
      expect((await outbox(other.email)).filter((l) => l.template === 'application_stale')).toEqual([]);
    }
    await startLetterWorker();
    await letterTo(waiting.email, /^Работодатель пока не ответил/);
    expect(received(smtp, waiting.email)).toHaveLength(1);
  });
});
