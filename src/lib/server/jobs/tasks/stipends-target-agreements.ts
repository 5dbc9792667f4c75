import type { Task } from 'graphile-worker';
import type pg from 'pg';
import { config } from '../../config.ts';
import { db } from '../../db.ts';
import { enqueueEmail } from '../../email/enqueue.ts';
import type { OutcomeAudience, StipendStep, TargetStep } from '../../email/templates-outcomes.ts';

interface OutcomeEvent {
  id: string;
  record_type: 'stipend_award' | 'target_agreement';
  record_id: string;
  actor_id: string | null;
  from_status: string | null;
  to_status: string;
  note: string | null;
}

interface Parties {
  student_id: string | null;
  student_name: string | null;
  organization_id: string;
  organization_name: string;
  university_id: string | null;
  university_name: string | null;
}

const SECTION = { stipend_award: 'stipends', target_agreement: 'target-agreements' } as const;

/** Who hears of which step (the person who made the move never gets a letter about it). */
const STIPEND_AUDIENCES: Record<StipendStep, OutcomeAudience[]> = {
  created: ['university', 'student'],
  confirmed: ['student', 'employer'],
  cancelled: ['student', 'employer', 'university'],
  finished: ['student', 'employer'],
};
const TARGET_AUDIENCES: Record<TargetStep, OutcomeAudience[]> = {
  created: ['employer', 'student', 'university'],
  signed_by_employer: ['student', 'university'],
  in_force: ['student', 'employer', 'university'],
  fulfilled: ['student', 'employer', 'university'],
  terminated: ['student', 'employer', 'university'],
};

function stipendStep(e: OutcomeEvent): StipendStep | null {
  if (e.from_status === null && e.to_status === 'awaiting_university') return 'created';
  if (e.from_status === e.to_status) return null; // the order number entered: nobody waits on it
  if (e.to_status === 'active') return 'confirmed';
  if (e.to_status === 'cancelled' || e.to_status === 'finished') return e.to_status;
  return null;
}

function targetStep(e: OutcomeEvent): TargetStep | null {
  if (e.from_status === null) return 'created';
  if (e.to_status === 'awaiting_signatures')
    return e.note === 'signed:employer' ? 'signed_by_employer' : null;
  if (e.to_status === 'in_force' || e.to_status === 'fulfilled' || e.to_status === 'terminated')
    return e.to_status;
  return null;
}

/** The addresses of one side of the record: the student, or every member of the organization. */
async function recipients(
  client: pg.PoolClient,
  parties: Parties,
  audience: OutcomeAudience,
): Promise<{ id: string; email: string }[]> {
  if (audience === 'student') {
    if (!parties.student_id) return [];
    const { rows } = await client.query<{ id: string; email: string }>(
      'select id, email from public.profiles where id = $1',
      [parties.student_id],
    );
    return rows;
  }
  const orgId = audience === 'employer' ? parties.organization_id : parties.university_id;
  if (!orgId) return [];
  const { rows } = await client.query<{ id: string; email: string }>(
    `select p.id, p.email from public.memberships m join public.profiles p on p.id = m.profile_id
      where m.organization_id = $1 order by p.email`,
    [orgId],
  );
  return rows;
}

const PARTIES_SQL = (table: string) => `
  select r.*, coalesce(r.student_name, sp.full_name, 'студент') as student_name,
         o.name as organization_name, u.name as university_name
    from public.${table} r
    join public.organizations o on o.id = r.organization_id
    left join public.organizations u on u.id = r.university_id
    left join public.profiles sp on sp.id = r.student_id
   where r.id = $1`;

/**
 * The letters about one move of a stipend award or a target agreement (job
 * notify_stipend_agreement_event {event_id}, queued by the move's function). The mark in
 * app_private.outcome_event_letters and the letters are written in one transaction, so a retried
 * job sends nothing twice. Returns how many letters were queued.
 */
export async function notifyStipendAgreementEvent(
  pool: pg.Pool,
  eventId: number | string,
  appUrl = config().appUrl,
): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const { rows: marked } = await client.query<OutcomeEvent>(
      `with mark as (
         insert into app_private.outcome_event_letters (event_id)
         select id from public.outcome_events
          where id = $1 and record_type in ('stipend_award', 'target_agreement')
         on conflict do nothing
         returning event_id)
       select e.id, e.record_type, e.record_id, e.actor_id, e.from_status, e.to_status, e.note
         from public.outcome_events e join mark on mark.event_id = e.id`,
      [eventId],
    );
    const event = marked[0];
    let sent = 0;
    if (event) {
      const table = event.record_type === 'stipend_award' ? 'stipend_awards' : 'target_agreements';
      const { rows } = await client.query<Record<string, unknown> & Parties>(PARTIES_SQL(table), [
        event.record_id,
      ]);
      const record = rows[0];
      const step = event.record_type === 'stipend_award' ? stipendStep(event) : targetStep(event);
      if (record && step) {
        const audiences =
          event.record_type === 'stipend_award'
            ? STIPEND_AUDIENCES[step as StipendStep]
            : TARGET_AUDIENCES[step as TargetStep];
        let programme = '';
        if (event.record_type === 'target_agreement') {
          const { rows: p } = await client.query<{ label: string }>(
            `select code || ' ' || name as label from public.programmes where code = $1`,
            [record.programme_code],
          );
          programme = p[0]?.label ?? String(record.programme_code ?? 'направление не указано');
        }
        const seen = new Set<string>();
        for (const audience of audiences) {
          for (const person of await recipients(client, record, audience)) {
            if (person.id === event.actor_id || seen.has(person.email)) continue;
            seen.add(person.email);
            const url = `${appUrl}/${audience}/${SECTION[event.record_type]}`;
            const common = {
              audience,
              studentName: record.student_name ?? 'студент',
              organizationName: record.organization_name,
              universityName: record.university_name ?? 'вуз',
              url,
            };
            if (event.record_type === 'stipend_award') {
              await enqueueEmail(client, person.email, {
                template: 'stipend_award_step',
                data: {
                  ...common,
                  step: step as StipendStep,
                  amountPerMonth: Number(record.amount_per_month),
                  months: Number(record.months),
                  startsOn: isoDate(record.starts_on),
                  reason: event.to_status === 'cancelled' ? event.note : null,
                },
              });
            } else {
              await enqueueEmail(client, person.email, {
                template: 'target_agreement_step',
                data: {
                  ...common,
                  step: step as TargetStep,
                  programme,
                  workYears: Number(record.work_years),
                  number: (record.agreement_number as string | null) ?? null,
                  date: record.agreement_date ? isoDate(record.agreement_date) : null,
                  reason: event.to_status === 'terminated' ? event.note : null,
                },
              });
            }
            sent += 1;
          }
        }
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

/** node-postgres gives `date` columns as local-midnight Dates; the letter wants the calendar day. */
function isoDate(value: unknown): string {
  if (value instanceof Date) {
    const y = value.getFullYear();
    const m = String(value.getMonth() + 1).padStart(2, '0');
    const d = String(value.getDate()).padStart(2, '0');
    return `${y}-${m}-${d}`;
  }
  return String(value).slice(0, 10);
}

/** Active awards whose months have passed become finished (letters queued); returns how many. */
export async function finishStipendAwards(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>('select app_private.finish_stipend_awards() as n');
  return rows[0]?.n ?? 0;
}

/** notify_stipend_agreement_event {event_id}: queued by every move of an award or an agreement. */
export const notifyStipendAgreementEventTask: Task = async (payload) => {
  const { event_id: eventId } = payload as { event_id: number };
  await notifyStipendAgreementEvent(db(), eventId);
};

/** finish_stipend_awards (cron, hourly): idempotent, only active awards past their term move. */
export const finishStipendAwardsTask: Task = async (_payload, helpers) => {
  const finished = await finishStipendAwards(db());
  if (finished) helpers.logger.info(`finish_stipend_awards: стипендий завершено ${finished}`);
};
