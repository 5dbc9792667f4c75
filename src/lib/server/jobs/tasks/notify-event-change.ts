import type { Task } from 'graphile-worker';
import type pg from 'pg';
import { config } from '../../config.ts';
import { db } from '../../db.ts';
import { enqueueEmail } from '../../email/enqueue.ts';
import { UUID } from '../../../schemas/fields.ts';

export type EventChange =
  { kind: 'promoted'; registration_id: string } | { kind: 'cancelled'; event_id: string };

/**
 * Letters about a change somebody waits on: a waitlisted student got a place (promoted), or the
 * event was cancelled (every registered and waitlisted student, every school group). Queued by the
 * database functions in the same transaction as the change. Returns how many letters were queued.
 */
export async function notifyEventChange(pool: pg.Pool, change: EventChange, appUrl = config().appUrl) {
  const client = await pool.connect();
  let sent = 0;
  try {
    await client.query('begin');
    if (change.kind === 'promoted') {
      const { rows } = await client.query<{
        email: string;
        name: string;
        event_id: string;
        title: string;
        starts_at: Date;
      }>(
        `select p.email, r.person_name as name, e.id as event_id, e.title, e.starts_at
           from public.event_registrations r
           join public.events e on e.id = r.event_id
           join public.profiles p on p.id = r.person_id
          where r.id = $1 and r.status = 'registered' and e.status = 'planned'`,
        [change.registration_id],
      );
      for (const r of rows) {
        await enqueueEmail(client, r.email, {
          template: 'event_place_freed',
          data: {
            title: r.title,
            startsAt: r.starts_at,
            url: `${appUrl}/events/${r.event_id}`,
            name: r.name,
          },
        });
        sent += 1;
      }
    } else {
      const { rows } = await client.query<{
        email: string;
        name: string;
        title: string;
        starts_at: Date;
        reason: string;
      }>(
        `select p.email, r.person_name as name, e.title, e.starts_at, e.cancel_reason as reason
           from public.event_registrations r
           join public.events e on e.id = r.event_id
           join public.profiles p on p.id = r.person_id
          where e.id = $1 and e.status = 'cancelled' and r.status in ('registered', 'waitlisted')
         union all
         select g.email, g.teacher_name, e.title, e.starts_at, e.cancel_reason
           from public.event_school_groups g join public.events e on e.id = g.event_id
          where e.id = $1 and e.status = 'cancelled' and g.status = 'registered'`,
        [change.event_id],
      );
      for (const r of rows) {
        await enqueueEmail(client, r.email, {
          template: 'event_cancelled',
          data: {
            title: r.title,
            startsAt: r.starts_at,
            reason: r.reason ?? '',
            url: `${appUrl}/events`,
            name: r.name,
          },
        });
        sent += 1;
      }
    }
    await client.query('commit');
    return sent;
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** notify_event_change {kind: 'promoted', registration_id} | {kind: 'cancelled', event_id}. */
export const notifyEventChangeTask: Task = async (payload, helpers) => {
  const p = (payload ?? {}) as Record<string, unknown>;
  if (p.kind === 'promoted' && typeof p.registration_id === 'string' && UUID.test(p.registration_id)) {
    await notifyEventChange(db(), { kind: 'promoted', registration_id: p.registration_id });
  } else if (p.kind === 'cancelled' && typeof p.event_id === 'string' && UUID.test(p.event_id)) {
    await notifyEventChange(db(), { kind: 'cancelled', event_id: p.event_id });
  } else {
    helpers.logger.error(`notify_event_change: некорректные данные задачи ${JSON.stringify(payload)}`);
  }
};
