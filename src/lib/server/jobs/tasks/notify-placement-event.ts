import type { Task } from 'graphile-worker';
import type pg from 'pg';
import { config } from '../../config.ts';
import { db } from '../../db.ts';
import { enqueueEmail } from '../../email/enqueue.ts';
import type { PlacementLetterFacts } from '../../email/templates-placements.ts';

interface PlacementRow {
  id: string;
  status: string;
  student_email: string | null;
  student_name: string | null;
  university_id: string;
  university_name: string;
  organization_id: string;
  organization_name: string;
  starts_on: string;
  ends_on: string;
  order_number: string | null;
  order_date: string | null;
  employer_supervisor_name: string | null;
  employer_supervisor_position: string | null;
  employer_supervisor_email: string | null;
  employer_grade: number | null;
  university_grade: number | null;
  cancel_reason: string | null;
}

const ruDate = (iso: string) => iso.split('-').reverse().join('.');

async function loadPlacement(client: pg.PoolClient, id: string): Promise<PlacementRow | undefined> {
  const { rows } = await client.query<PlacementRow>(
    `select x.id, x.status, p.email as student_email, p.full_name as student_name,
            x.university_id, u.name as university_name, x.organization_id, o.name as organization_name,
            x.starts_on::text, x.ends_on::text, x.order_number, x.order_date::text,
            x.employer_supervisor_name, x.employer_supervisor_position, x.employer_supervisor_email,
            x.employer_grade, x.university_grade, x.cancel_reason
       from public.practice_placements x
       join public.organizations u on u.id = x.university_id
       join public.organizations o on o.id = x.organization_id
       left join public.profiles p on p.id = x.student_id
      where x.id = $1`,
    [id],
  );
  return rows[0];
}

async function memberEmails(client: pg.PoolClient, organizationId: string): Promise<string[]> {
  const { rows } = await client.query<{ email: string }>(
    `select p.email from public.memberships m join public.profiles p on p.id = m.profile_id
      where m.organization_id = $1 order by p.email`,
    [organizationId],
  );
  return rows.map((r) => r.email);
}

/** The supervisor's one-time link: a new token (earlier ones stop working), only its hash kept. */
async function sendSupervisorLink(
  client: pg.PoolClient,
  x: PlacementRow,
  facts: PlacementLetterFacts,
  appUrl: string,
): Promise<boolean> {
  const { rows } = await client.query<{ token: string | null }>(
    'select app_private.issue_supervisor_link($1) as token',
    [x.id],
  );
  const token = rows[0]?.token;
  if (!token || !x.employer_supervisor_email) return false;
  const { rows: link } = await client.query<{ expires: string }>(
    `select to_char(expires_at at time zone 'Asia/Novokuznetsk', 'DD.MM.YYYY') as expires
       from public.placement_supervisor_links where placement_id = $1 order by created_at desc limit 1`,
    [x.id],
  );
  await enqueueEmail(client, x.employer_supervisor_email, {
    template: 'placement_supervisor_link',
    data: {
      ...facts,
      url: `${appUrl}/practice-supervisor/${token}`,
      supervisorName: x.employer_supervisor_name ?? '',
      expiresAt: link[0]?.expires ?? '',
    },
  });
  return true;
}

/**
 * The letters about one move of a placement (payload {event_id}, queued by the trigger on
 * outcome_events), or a new link for the employer's supervisor (payload {placement_id,
 * supervisor_link: true}, queued by resend_supervisor_link). Each party gets the link to its own
 * page of the placement; all letters of one job are recorded in one transaction.
 */
export async function notifyPlacementEvent(
  pool: pg.Pool,
  payload: { event_id?: number | string; placement_id?: string; supervisor_link?: boolean },
  appUrl = config().appUrl,
): Promise<number> {
  const client = await pool.connect();
  let sent = 0;
  try {
    await client.query('begin');
    let placementId = payload.placement_id;
    let toStatus = payload.supervisor_link ? 'supervisor_link' : '';
    let fromStatus: string | null = null;
    let note: string | null = null;
    if (payload.event_id !== undefined) {
      const { rows } = await client.query<{
        record_id: string;
        to_status: string;
        from_status: string | null;
        note: string | null;
      }>(
        `select record_id, to_status, from_status, note from public.outcome_events
          where id = $1 and record_type = 'practice_placement'`,
        [payload.event_id],
      );
      if (!rows[0]) {
        await client.query('commit');
        return 0;
      }
      placementId = rows[0].record_id;
      toStatus = rows[0].to_status;
      fromStatus = rows[0].from_status;
      note = rows[0].note;
    }
    const x = placementId ? await loadPlacement(client, placementId) : undefined;
    if (!x) {
      await client.query('commit');
      return 0;
    }
    const base = {
      studentName: x.student_name ?? 'студент',
      organizationName: x.organization_name,
      universityName: x.university_name,
      period: `${ruDate(x.starts_on)} — ${ruDate(x.ends_on)}`,
    };
    const page = {
      university: `${appUrl}/university/practices/${x.id}`,
      employer: `${appUrl}/employer/practices/${x.id}`,
      student: `${appUrl}/student/practices/${x.id}`,
    };
    const university = () => memberEmails(client, x.university_id);
    const employer = () => memberEmails(client, x.organization_id);
    const send = async (to: string | null, message: Parameters<typeof enqueueEmail>[2]) => {
      if (!to) return;
      await enqueueEmail(client, to, message);
      sent += 1;
    };
    switch (toStatus) {
      case 'awaiting_university':
        // created by the university itself: nobody waits for a letter
        if (fromStatus === null && !note)
          for (const to of await university())
            await send(to, { template: 'placement_to_confirm', data: { ...base, url: page.university } });
        break;
      case 'confirmed': {
        const order = `Приказ № ${x.order_number} от ${x.order_date ? ruDate(x.order_date) : ''}`;
        for (const to of await employer())
          await send(to, {
            template: 'placement_confirmed',
            data: { ...base, url: page.employer, order, forEmployer: true },
          });
        await send(x.student_email, {
          template: 'placement_confirmed',
          data: { ...base, url: page.student, order, forEmployer: false },
        });
        break;
      }
      case 'accepted_by_employer': {
        const supervisor = `Руководитель практики от предприятия: ${x.employer_supervisor_name}, ${x.employer_supervisor_position}`;
        await send(x.student_email, {
          template: 'placement_accepted',
          data: { ...base, url: page.student, supervisor },
        });
        for (const to of await university())
          await send(to, {
            template: 'placement_accepted',
            data: { ...base, url: page.university, supervisor },
          });
        break;
      }
      case 'in_progress':
        await send(x.student_email, { template: 'placement_started', data: { ...base, url: page.student } });
        if (await sendSupervisorLink(client, x, { ...base, url: '' }, appUrl)) sent += 1;
        break;
      case 'supervisor_link':
        if (await sendSupervisorLink(client, x, { ...base, url: '' }, appUrl)) sent += 1;
        break;
      case 'completed':
        for (const to of await university())
          await send(to, {
            template: 'placement_completed',
            data: { ...base, url: page.university, grade: x.employer_grade ?? 0 },
          });
        break;
      case 'closed':
        await send(x.student_email, {
          template: 'placement_closed',
          data: { ...base, url: page.student, grade: x.university_grade ?? 0 },
        });
        for (const to of await employer())
          await send(to, {
            template: 'placement_closed',
            data: { ...base, url: page.employer, grade: x.university_grade ?? 0 },
          });
        break;
      case 'cancelled': {
        const reason = x.cancel_reason ?? '';
        await send(x.student_email, {
          template: 'placement_cancelled',
          data: { ...base, url: page.student, reason },
        });
        for (const to of await university())
          await send(to, {
            template: 'placement_cancelled',
            data: { ...base, url: page.university, reason },
          });
        if (fromStatus !== 'awaiting_university')
          for (const to of await employer())
            await send(to, {
              template: 'placement_cancelled',
              data: { ...base, url: page.employer, reason },
            });
        break;
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

/** notify_placement_event */
export const notifyPlacementEventTask: Task = async (payload) => {
  await notifyPlacementEvent(db(), (payload ?? {}) as Parameters<typeof notifyPlacementEvent>[1]);
};
