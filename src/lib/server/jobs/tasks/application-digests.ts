/**
 * No ghosting (issue 7): two scheduled letters about applications nobody decides on.
 *
 * - send_employer_pending_digests (daily, working-day mornings): every member of an employer gets
 *   one letter listing its applications still «submitted»/«viewed» after 3 working days
 *   (app_private.working_days_between, Kemerovo dates). At most one a day per employer: the run
 *   skips an employer any of whose applications was reminded today (employer_reminded_at), so a
 *   second run the same day — or two workers at once, serialized by an advisory lock per employer —
 *   sends nothing more.
 * - tell_stale_applicants (hourly): a student whose application is still «submitted», «viewed» or
 *   «shortlisted» 21 days after applying gets one honest letter with a link to the application page
 *   (where «Отозвать отклик» is one click). applicant_told_stale_at is set in the same transaction,
 *   under `is null`, so the letter goes once.
 * Each letter and its mark commit together (enqueueEmail writes through the same client).
 */
import type { Task } from 'graphile-worker';
import type pg from 'pg';
import { config } from '../../config.ts';
import { db } from '../../db.ts';
import { enqueueEmail } from '../../email/enqueue.ts';

/** Working days an application may wait for the employer's first answer. */
export const EMPLOYER_ANSWER_WORKING_DAYS = 3;
/** Days after applying when the student hears that no decision came. */
export const STALE_APPLICATION_DAYS = 21;
/** At most this many applications listed in one digest (the button opens the rest). */
const DIGEST_ITEMS = 30;

const KEMEROVO = 'Asia/Novokuznetsk';

// Applications waiting for the employer's answer for EMPLOYER_ANSWER_WORKING_DAYS and more. The
// calendar prefilter (strictly between two dates ≥ 3 working days means ≥ 4 days apart) lets the
// partial index applications_waiting_idx do the work on big tables.
const OVERDUE = `
  a.status in ('submitted', 'viewed')
  and a.created_at < now() - interval '3 days'
  and app_private.working_days_between((a.created_at at time zone '${KEMEROVO}')::date,
                                       (now() at time zone '${KEMEROVO}')::date) >= $1`;

async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** Sends today's digests; returns how many employers got one. */
export async function sendEmployerPendingDigests(pool: pg.Pool, appUrl = config().appUrl): Promise<number> {
  const { rows: employers } = await pool.query<{ organization_id: string }>(
    `select distinct a.organization_id from public.applications a where ${OVERDUE}`,
    [EMPLOYER_ANSWER_WORKING_DAYS],
  );
  let digests = 0;
  for (const { organization_id: organizationId } of employers) {
    const sent = await inTransaction(pool, async (client) => {
      await client.query(
        `select pg_advisory_xact_lock(hashtextextended('employer_pending_digest:' || $1, 0))`,
        [organizationId],
      );
      const { rowCount: remindedToday } = await client.query(
        `select from public.applications
          where organization_id = $1
            and employer_reminded_at >= (date_trunc('day', now() at time zone '${KEMEROVO}') at time zone '${KEMEROVO}')
          limit 1`,
        [organizationId],
      );
      if (remindedToday) return false;
      const { rows: waiting } = await client.query<{
        id: string;
        applicant_name: string;
        title: string;
        created_at: Date;
        organization_name: string;
      }>(
        `update public.applications a set employer_reminded_at = now()
           from public.opportunities o, public.organizations org
          where o.id = a.opportunity_id and org.id = a.organization_id
            and a.organization_id = $2 and ${OVERDUE}
          returning a.id, a.applicant_name, o.title, a.created_at, org.name as organization_name`,
        [EMPLOYER_ANSWER_WORKING_DAYS, organizationId],
      );
      if (waiting.length === 0) return false;
      waiting.sort((x, y) => x.created_at.getTime() - y.created_at.getTime());
      const { rows: members } = await client.query<{ email: string }>(
        `select p.email from public.memberships m join public.profiles p on p.id = m.profile_id
          where m.organization_id = $1 order by p.email`,
        [organizationId],
      );
      for (const member of members) {
        await enqueueEmail(client, member.email, {
          template: 'employer_pending_applications',
          data: {
            organizationName: waiting[0].organization_name,
            items: waiting.slice(0, DIGEST_ITEMS).map((application) => ({
              applicantName: application.applicant_name,
              title: application.title,
              submittedAt: application.created_at,
              url: `${appUrl}/employer/applications/${application.id}`,
            })),
            total: waiting.length,
            listUrl: `${appUrl}/employer/applications`,
          },
        });
      }
      return true;
    });
    if (sent) digests += 1;
  }
  return digests;
}

/** Tells the students of applications 21 days without a decision; returns how many letters. */
export async function tellStaleApplicants(pool: pg.Pool, appUrl = config().appUrl): Promise<number> {
  const STALE = `a.status in ('submitted', 'viewed', 'shortlisted')
    and a.applicant_told_stale_at is null
    and a.created_at < now() - make_interval(days => $1)`;
  const { rows: due } = await pool.query<{ id: string }>(
    `select a.id from public.applications a where ${STALE} order by a.created_at limit 1000`,
    [STALE_APPLICATION_DAYS],
  );
  let told = 0;
  for (const { id } of due) {
    const sent = await inTransaction(pool, async (client) => {
      const { rows } = await client.query<{
        title: string;
        organization_name: string;
        created_at: Date;
        email: string;
        full_name: string;
      }>(
        `update public.applications a set applicant_told_stale_at = now()
           from public.opportunities o, public.organizations org, public.profiles p
          where a.id = $2 and ${STALE}
            and o.id = a.opportunity_id and org.id = a.organization_id and p.id = a.applicant_id
          returning o.title, org.name as organization_name, a.created_at, p.email, p.full_name`,
        [STALE_APPLICATION_DAYS, id],
      );
      const application = rows[0];
      if (!application) return false;
      await enqueueEmail(client, application.email, {
        template: 'application_stale',
        data: {
          name: application.full_name,
          title: application.title,
          organizationName: application.organization_name,
          appliedAt: application.created_at,
          url: `${appUrl}/student/applications/${id}`,
        },
      });
      return true;
    });
    if (sent) told += 1;
  }
  return told;
}

/** send_employer_pending_digests (cron, working-day mornings). */
export const sendEmployerPendingDigestsTask: Task = async (_payload, helpers) => {
  const sent = await sendEmployerPendingDigests(db());
  if (sent) helpers.logger.info(`send_employer_pending_digests: работодателей в рассылке ${sent}`);
};

/** tell_stale_applicants (cron, hourly). */
export const tellStaleApplicantsTask: Task = async (_payload, helpers) => {
  const told = await tellStaleApplicants(db());
  if (told) helpers.logger.info(`tell_stale_applicants: писем студентам ${told}`);
};
