/**
 * Letters about the moves of an application (issue 7): the student hears of the employer's moves
 * (shortlisted, interview with an .ics invitation, offer, rejected, hired with the one-time
 * confirmation link), the employer's people of the student's (withdrawn, accepted, declined).
 *
 * One letter per change, or one letter for several changes: every move queues
 * notify_application_event {event_id} in its own transaction (app_private.record_application_event).
 * That job only finds who the letter is for and queues send_application_letters for that recipient
 * with a job key (`application_letters:applicant:<profile>` or `…:employer:<organization>`) in
 * 'preserve_run_at' mode, APPLICATION_LETTERS_DELAY_SECONDS ahead: the first change fixes the time,
 * the changes that follow within it join the same job instead of adding letters. When it runs,
 * send_application_letters takes EVERY event of that recipient whose notified_at is null — so it
 * never depends on which job queued it — and writes one letter (several events: a digest).
 *
 * Correct under retries and overlaps: the events are locked (FOR UPDATE SKIP LOCKED, so a second
 * run at the same time leaves them to the first), the letters are put in the outbox (enqueueEmail:
 * outbox row + send_email job), the hire's confirmation token is issued, and the events are marked
 * notified_at — all in one transaction. A failure before the commit leaves nothing behind and the
 * job is retried; after the commit the letter is the outbox's business (send_email retries SMTP).
 * The move itself was committed long before by the database function, so no failure here can lose
 * a state change. A job that finds nothing left to send (an earlier run took its events) ends quietly.
 */
import type { Task } from 'graphile-worker';
import type pg from 'pg';
import { config } from '../../config.ts';
import { db, type Queryable } from '../../db.ts';
import { enqueueEmail, type EmailAttachment } from '../../email/enqueue.ts';
import { buildIcs } from '../../email/ics.ts';
import type {
  ApplicationChange,
  ApplicationUpdateItem,
  EmailMessage,
  OfferTerms,
  OpportunityKindName,
} from '../../email/templates.ts';
import { UUID } from '../../../schemas/fields.ts';

/** The employer's moves the student waits to hear about. */
export const APPLICANT_LETTER_MOVES = ['shortlisted', 'interview', 'offer', 'rejected', 'hired'] as const;
/** The student's moves the employer's people hear about. */
export const EMPLOYER_LETTER_MOVES = ['withdrawn', 'accepted', 'declined'] as const;

export type LetterRecipient =
  { side: 'applicant'; profileId: string } | { side: 'employer'; organizationId: string };

/** Interview length in the calendar invitation. */
const INTERVIEW_MINUTES = 60;

interface EventRow {
  id: string;
  application_id: string;
  from_status: string | null;
  to_status: string;
  note: string | null;
  details: Record<string, unknown>;
  at: Date;
  kind: OpportunityKindName;
  applicant_name: string;
  title: string;
  organization_name: string;
  applicant_email: string;
  applicant_full_name: string;
  /** The application's current interview time (for a cancellation). */
  interview_at: Date | null;
  /** How many interview invitations the application had up to this event (reschedules included). */
  interview_number: number;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/**
 * notify_application_event: queues (or joins) the letter job of the person the move concerns.
 * Returns the recipient, or null when the event needs no letter (or is already notified).
 */
export async function scheduleApplicationLetters(
  client: Queryable,
  eventId: number | string,
  delaySeconds = config().applicationLettersDelaySeconds,
): Promise<LetterRecipient | null> {
  const { rows } = await client.query<{
    actor_side: string;
    to_status: string;
    applicant_id: string;
    organization_id: string;
  }>(
    `select e.actor_side, e.to_status, a.applicant_id, a.organization_id
       from public.application_events e join public.applications a on a.id = e.application_id
      where e.id = $1 and e.notified_at is null`,
    [eventId],
  );
  const event = rows[0];
  if (!event) return null;
  let recipient: LetterRecipient;
  if (
    event.actor_side === 'employer' &&
    (APPLICANT_LETTER_MOVES as readonly string[]).includes(event.to_status)
  ) {
    recipient = { side: 'applicant', profileId: event.applicant_id };
  } else if (
    event.actor_side === 'applicant' &&
    (EMPLOYER_LETTER_MOVES as readonly string[]).includes(event.to_status)
  ) {
    recipient = { side: 'employer', organizationId: event.organization_id };
  } else {
    return null;
  }
  const id = recipient.side === 'applicant' ? recipient.profileId : recipient.organizationId;
  await client.query(
    `select graphile_worker.add_job(
       'send_application_letters', json_build_object('side', $1::text, 'id', $2::uuid),
       run_at => now() + make_interval(secs => $3::int), max_attempts => 10,
       job_key => 'application_letters:' || $1 || ':' || $2, job_key_mode => 'preserve_run_at')`,
    [recipient.side, id, delaySeconds],
  );
  return recipient;
}

/** The events of one recipient still waiting for their letter, locked for this transaction. */
async function pendingEvents(client: pg.PoolClient, recipient: LetterRecipient): Promise<EventRow[]> {
  const byApplicant = recipient.side === 'applicant';
  const { rows } = await client.query<EventRow>(
    `select e.id, e.application_id, e.from_status, e.to_status, e.note, e.details, e.at,
            a.kind, a.applicant_name, a.interview_at, o.title, org.name as organization_name,
            p.email as applicant_email, p.full_name as applicant_full_name,
            (select count(*)::int from public.application_events i
              where i.application_id = e.application_id and i.to_status = 'interview' and i.id <= e.id)
              as interview_number
       from public.application_events e
       join public.applications a on a.id = e.application_id
       join public.opportunities o on o.id = a.opportunity_id
       join public.organizations org on org.id = a.organization_id
       join public.profiles p on p.id = a.applicant_id
      where e.notified_at is null
        and ${byApplicant ? 'a.applicant_id' : 'a.organization_id'} = $1
        and e.actor_side = $2 and e.to_status::text = any ($3)
      order by e.id
      for update of e skip locked`,
    [
      byApplicant ? recipient.profileId : recipient.organizationId,
      byApplicant ? 'employer' : 'applicant',
      byApplicant ? [...APPLICANT_LETTER_MOVES] : [...EMPLOYER_LETTER_MOVES],
    ],
  );
  return rows;
}

/** The address MAIL_FROM sends from (the organizer of calendar invitations). */
function senderAddress(): string {
  const from = config().mailFrom;
  return /<([^>]+)>/.exec(from)?.[1] ?? from;
}

function interviewIcs(
  event: EventRow,
  url: string,
  method: 'REQUEST' | 'CANCEL',
  sequence: number,
  at: Date,
): EmailAttachment {
  const place = str(event.details.place);
  const link = str(event.details.link);
  const text = buildIcs({
    uid: `application-${event.application_id}@kemerovo-profi`,
    sequence,
    method,
    start: at,
    durationMinutes: INTERVIEW_MINUTES,
    stamp: event.at,
    summary: `Собеседование: ${event.title} — ${event.organization_name}`,
    description:
      `Собеседование по отклику на «${event.title}» (${event.organization_name}).` +
      (link ? `\nСсылка на встречу: ${link}` : '') +
      (event.note && method === 'REQUEST' ? `\n\n${event.note}` : '') +
      `\n\nСтраница отклика: ${url}`,
    location: place ?? link ?? undefined,
    url: link ?? url,
    organizer: { name: event.organization_name, email: senderAddress() },
    attendee: { name: event.applicant_full_name, email: event.applicant_email },
  });
  return {
    filename: method === 'CANCEL' ? 'sobesedovanie-otmeneno.ics' : 'sobesedovanie.ics',
    contentType: `text/calendar; method=${method}; charset=UTF-8`,
    content: Buffer.from(text, 'utf8').toString('base64'),
  };
}

/**
 * The calendar files of a batch: per application, the latest invitation (a reschedule replaces the
 * earlier one: same UID, higher SEQUENCE), or a cancellation when an interview the student already
 * had in their calendar from an earlier letter ends in a rejection.
 */
function calendarAttachments(
  events: EventRow[],
  urlOf: (event: EventRow) => string,
): { files: EmailAttachment[]; eventIds: Set<string> } {
  type Entry = { event: EventRow; method: 'REQUEST' | 'CANCEL'; sequence: number; at: Date } | null;
  const entries = new Map<string, Entry>();
  for (const event of events) {
    if (event.to_status === 'interview') {
      const at = new Date(String(event.details.interview_at));
      entries.set(event.application_id, {
        event,
        method: 'REQUEST',
        sequence: event.interview_number - 1,
        at,
      });
    } else if (event.from_status === 'interview' && event.interview_at) {
      const pending = entries.get(event.application_id);
      // sequence 0 in this very letter: the calendar never had it, so there is nothing to cancel
      const inCalendar = pending === undefined || (pending !== null && pending.sequence > 0);
      entries.set(
        event.application_id,
        inCalendar && event.interview_at > new Date()
          ? { event, method: 'CANCEL', sequence: event.interview_number, at: event.interview_at }
          : null,
      );
    }
  }
  const attached = [...entries.values()].filter((entry) => entry !== null);
  return {
    files: attached.map((entry) =>
      interviewIcs(entry.event, urlOf(entry.event), entry.method, entry.sequence, entry.at),
    ),
    // the events whose calendar file is in the letter (a digest line says so)
    eventIds: new Set(attached.map((entry) => entry.event.id)),
  };
}

function offerTerms(details: Record<string, unknown>): OfferTerms {
  const num = (value: unknown) => (typeof value === 'number' ? value : null);
  return {
    position: str(details.position),
    start_date: str(details.start_date),
    end_date: str(details.end_date),
    pay: num(details.pay),
    amount_per_month: num(details.amount_per_month),
    months: num(details.months),
    work_years: num(details.work_years),
    support_measures: str(details.support_measures),
  };
}

/** The change of a digest line; `calendar`: its .ics is attached to the letter. */
function changeOf(event: EventRow, calendar = false): ApplicationChange {
  switch (event.to_status) {
    case 'interview':
      return {
        status: 'interview',
        at: String(event.details.interview_at),
        rescheduled: event.details.rescheduled === true,
        calendar,
      };
    case 'offer':
      return { status: 'offer', answerBy: String(event.details.answer_by) };
    case 'rejected':
      return { status: 'rejected', reason: String(event.details.reason ?? 'other'), calendar };
    case 'hired':
      return { status: 'hired', startDate: String(event.details.start_date) };
    default:
      return { status: event.to_status as 'shortlisted' | 'withdrawn' | 'accepted' | 'declined' };
  }
}

/** The one-time «Да, я работаю здесь» link of a hire (a new token replaces an earlier one). */
async function confirmationUrl(
  client: pg.PoolClient,
  event: EventRow,
  appUrl: string,
): Promise<string | null> {
  const employmentId = str(event.details.employment_id);
  if (!employmentId) return null;
  const { rows } = await client.query<{ token: string | null }>(
    'select app_private.issue_employment_confirmation($1) as token',
    [employmentId],
  );
  return rows[0]?.token ? `${appUrl}/employment/confirm/${rows[0].token}` : null;
}

/** The letter about one move, to the student. */
async function applicantLetter(
  client: pg.PoolClient,
  event: EventRow,
  url: string,
  appUrl: string,
): Promise<EmailMessage> {
  const who = {
    name: event.applicant_full_name,
    title: event.title,
    organizationName: event.organization_name,
    url,
  };
  switch (event.to_status) {
    case 'shortlisted':
      return { template: 'application_shortlisted', data: who };
    case 'interview':
      return {
        template: 'application_interview',
        data: {
          ...who,
          at: String(event.details.interview_at),
          place: str(event.details.place),
          link: str(event.details.link),
          note: event.note,
          rescheduled: event.details.rescheduled === true,
        },
      };
    case 'offer':
      return {
        template: 'application_offer',
        data: {
          ...who,
          kind: event.kind,
          terms: offerTerms(event.details),
          answerBy: String(event.details.answer_by),
          note: event.note,
        },
      };
    case 'rejected':
      return {
        template: 'application_rejected',
        data: { ...who, reason: String(event.details.reason ?? 'other'), message: event.note },
      };
    default:
      return {
        template: 'application_hired',
        data: {
          ...who,
          position: String(event.details.position ?? ''),
          startDate: String(event.details.start_date),
          confirmUrl: await confirmationUrl(client, event, appUrl),
        },
      };
  }
}

/** The letter about one move, to the employer's people. */
function employerLetter(event: EventRow, url: string): EmailMessage {
  const who = { applicantName: event.applicant_name, title: event.title, url };
  switch (event.to_status) {
    case 'withdrawn':
      return { template: 'application_withdrawn', data: { ...who, note: event.note } };
    case 'accepted':
      return { template: 'application_offer_accepted', data: { ...who, kind: event.kind } };
    default:
      return { template: 'application_offer_declined', data: { ...who, note: event.note } };
  }
}

/**
 * send_application_letters: one transaction that sends the recipient everything still unsent —
 * one letter for one change, a digest for several — and marks those events notified.
 * Returns how many events the letters cover.
 */
export async function sendApplicationLetters(
  pool: pg.Pool,
  recipient: LetterRecipient,
  appUrl = config().appUrl,
): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const events = await pendingEvents(client, recipient);
    if (events.length === 0) {
      await client.query('commit');
      return 0;
    }
    if (recipient.side === 'applicant') {
      const urlOf = (event: EventRow) => `${appUrl}/student/applications/${event.application_id}`;
      const calendar = calendarAttachments(events, urlOf);
      const first = events[0];
      let message: EmailMessage;
      if (events.length === 1) {
        message = await applicantLetter(client, first, urlOf(first), appUrl);
      } else {
        const items: ApplicationUpdateItem[] = [];
        for (const event of events) {
          const confirm = event.to_status === 'hired' ? await confirmationUrl(client, event, appUrl) : null;
          items.push({
            title: `«${event.title}» — ${event.organization_name}`,
            change: changeOf(event, calendar.eventIds.has(event.id)),
            url: confirm ?? urlOf(event),
          });
        }
        message = {
          template: 'application_updates',
          data: { name: first.applicant_full_name, audience: 'applicant', items },
        };
      }
      await enqueueEmail(client, first.applicant_email, message, { attachments: calendar.files });
    } else {
      const urlOf = (event: EventRow) => `${appUrl}/employer/applications/${event.application_id}`;
      const message: EmailMessage =
        events.length === 1
          ? employerLetter(events[0], urlOf(events[0]))
          : {
              template: 'application_updates',
              data: {
                name: null,
                audience: 'employer',
                items: events.map((event) => ({
                  title: `${event.applicant_name} — «${event.title}»`,
                  change: changeOf(event),
                  url: urlOf(event),
                })),
              },
            };
      const { rows: members } = await client.query<{ email: string }>(
        `select p.email from public.memberships m join public.profiles p on p.id = m.profile_id
          where m.organization_id = $1 order by p.email`,
        [recipient.organizationId],
      );
      for (const member of members) await enqueueEmail(client, member.email, message);
    }
    await client.query(
      'update public.application_events set notified_at = now() where id = any ($1::bigint[])',
      [events.map((event) => event.id)],
    );
    await client.query('commit');
    return events.length;
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** notify_application_event {event_id} — queued by every move of an application. */
export const notifyApplicationEvent: Task = async (payload, helpers) => {
  const eventId = (payload as { event_id?: unknown } | null)?.event_id;
  if (typeof eventId !== 'number' && !(typeof eventId === 'string' && /^\d+$/.test(eventId))) {
    helpers.logger.error(`notify_application_event: некорректные данные задачи ${JSON.stringify(payload)}`);
    return;
  }
  await scheduleApplicationLetters(db(), eventId);
};

/** send_application_letters {side, id} — the keyed job of one recipient. */
export const sendApplicationLettersTask: Task = async (payload, helpers) => {
  const { side, id } = (payload ?? {}) as { side?: unknown; id?: unknown };
  if ((side !== 'applicant' && side !== 'employer') || typeof id !== 'string' || !UUID.test(id)) {
    helpers.logger.error(`send_application_letters: некорректные данные задачи ${JSON.stringify(payload)}`);
    return;
  }
  const recipient: LetterRecipient =
    side === 'applicant' ? { side, profileId: id } : { side, organizationId: id };
  const sent = await sendApplicationLetters(db(), recipient);
  if (sent) helpers.logger.info(`send_application_letters: событий в письмах ${sent}`);
};
