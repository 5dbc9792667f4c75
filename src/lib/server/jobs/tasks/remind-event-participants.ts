import type { Task } from 'graphile-worker';
import type pg from 'pg';
import { config } from '../../config.ts';
import { db } from '../../db.ts';
import { enqueueEmail } from '../../email/enqueue.ts';

/** How long before the start a participant gets the reminder: the day before. */
export const EVENT_REMINDER_HOURS = 24;

interface DueRow {
  id: string;
  email: string;
  name: string | null;
  headcount: number | null;
  event_id: string;
  title: string;
  starts_at: Date;
  place: string | null;
  online_url: string | null;
}

/**
 * Reminds every registered student and every registered school group of a planned event that
 * starts within EVENT_REMINDER_HOURS. Each registration is marked reminded in the same transaction
 * as its letter, under a row lock with `reminded_at is null`, so a second run sends nothing.
 * Returns how many letters were queued.
 */
export async function remindEventParticipants(pool: pg.Pool, appUrl = config().appUrl): Promise<number> {
  let sent = 0;
  for (const table of ['event_registrations', 'event_school_groups'] as const) {
    const client = await pool.connect();
    try {
      await client.query('begin');
      const contact =
        table === 'event_registrations'
          ? `(select p.email from public.profiles p where p.id = x.person_id) as email, x.person_name as name, null::int as headcount`
          : `x.email, x.teacher_name as name, x.headcount`;
      const { rows } = await client.query<DueRow>(
        `select x.id, ${contact}, e.id as event_id, e.title, e.starts_at, e.place, e.online_url
           from public.${table} x join public.events e on e.id = x.event_id
          where x.status = 'registered' and x.reminded_at is null and e.status = 'planned'
            and e.starts_at > now() and e.starts_at <= now() + make_interval(hours => $1)
          order by e.starts_at
          limit 5000
          for update of x skip locked`,
        [EVENT_REMINDER_HOURS],
      );
      for (const row of rows) {
        if (row.email) {
          await enqueueEmail(client, row.email, {
            template: 'event_reminder',
            data: {
              title: row.title,
              startsAt: row.starts_at,
              place: row.place,
              onlineUrl: row.online_url,
              url: `${appUrl}/events/${row.event_id}`,
              icsUrl: `${appUrl}/events/${row.event_id}/event.ics`,
              name: row.name ?? undefined,
              headcount: row.headcount ?? undefined,
            },
          });
          sent += 1;
        }
        await client.query(`update public.${table} set reminded_at = now() where id = $1`, [row.id]);
      }
      await client.query('commit');
    } catch (err) {
      await client.query('rollback').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }
  return sent;
}

/** remind_event_participants (cron, every 15 minutes). */
export const remindEventParticipantsTask: Task = async (_payload, helpers) => {
  const sent = await remindEventParticipants(db());
  if (sent) helpers.logger.info(`remind_event_participants: напоминаний ${sent}`);
};
