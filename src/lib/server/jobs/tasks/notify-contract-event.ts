import type { Task } from 'graphile-worker';
import type pg from 'pg';
import { config } from '../../config.ts';
import { db } from '../../db.ts';
import { enqueueEmail } from '../../email/enqueue.ts';
import type { ContractKind } from '../../email/templates-partners.ts';

type Side = 'employer' | 'university';

interface EventRow {
  id: string;
  actor_side: 'employer' | 'university' | 'administration' | 'system';
  from_status: string | null;
  to_status: 'proposed' | 'active' | 'declined' | 'terminated' | 'expired';
  note: string | null;
  kind: ContractKind;
  number: string;
  proposed_by_side: 'employer' | 'university' | 'administration';
  employer_id: string;
  employer_name: string;
  university_id: string;
  university_name: string;
}

/** The page of contracts of each side. */
export function contractsUrl(side: Side, appUrl = config().appUrl): string {
  return `${appUrl}/${side}/contracts`;
}

async function membersOf(client: pg.PoolClient, organizationId: string): Promise<string[]> {
  const { rows } = await client.query<{ email: string }>(
    `select p.email from public.memberships m join public.profiles p on p.id = m.profile_id
      where m.organization_id = $1 order by p.email`,
    [organizationId],
  );
  return rows.map((r) => r.email);
}

/**
 * The letters about one move of a contract (contract_events row): the side that waits on it hears
 * of it — a proposal goes to the other side, a confirmation or a refusal to the side that proposed,
 * a registration by the administration and a termination to the parties that did not make it. The
 * event is locked and marked notified in the same transaction as the letters, so a retried or
 * duplicate job sends nothing twice. Returns how many letters were queued.
 */
export async function notifyContractEvent(pool: pg.Pool, eventId: number, appUrl = config().appUrl) {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const { rows } = await client.query<EventRow>(
      `select ev.id, ev.actor_side, ev.from_status, ev.to_status, ev.note, c.kind, c.number, c.proposed_by_side,
              c.employer_id, e.name as employer_name, c.university_id, u.name as university_name
         from public.contract_events ev
         join public.partnership_contracts c on c.id = ev.contract_id
         join public.organizations e on e.id = c.employer_id
         join public.organizations u on u.id = c.university_id
        where ev.id = $1 and ev.notified_at is null
        for update of ev`,
      [eventId],
    );
    const ev = rows[0];
    let sent = 0;
    if (ev) {
      const other = (side: Side): Side => (side === 'employer' ? 'university' : 'employer');
      const orgOf = (side: Side) => (side === 'employer' ? ev.employer_id : ev.university_id);
      const nameOf = (side: Side) => (side === 'employer' ? ev.employer_name : ev.university_name);
      let recipients: Side[] = [];
      let template:
        | 'contract_proposed'
        | 'contract_confirmed'
        | 'contract_declined'
        | 'contract_registered'
        | 'contract_terminated'
        | null = null;
      const actor = ev.actor_side === 'employer' || ev.actor_side === 'university' ? ev.actor_side : null;
      if (ev.to_status === 'proposed' && actor) {
        recipients = [other(actor)];
        template = 'contract_proposed';
      } else if (ev.to_status === 'active' && ev.from_status === 'proposed' && actor) {
        recipients = [other(actor)];
        template = 'contract_confirmed';
      } else if (ev.to_status === 'active' && ev.from_status === null) {
        recipients = ['employer', 'university'];
        template = 'contract_registered';
      } else if (ev.to_status === 'declined' && actor) {
        recipients = [other(actor)];
        template = 'contract_declined';
      } else if (ev.to_status === 'terminated') {
        recipients = actor ? [other(actor)] : ['employer', 'university'];
        template = 'contract_terminated';
      }
      for (const side of recipients) {
        const base = {
          kind: ev.kind,
          number: ev.number,
          partnerName: nameOf(other(side)),
          url: contractsUrl(side, appUrl),
        };
        for (const email of await membersOf(client, orgOf(side))) {
          if (template === 'contract_declined' || template === 'contract_terminated') {
            await enqueueEmail(client, email, { template, data: { ...base, reason: ev.note ?? '' } });
          } else if (template) {
            await enqueueEmail(client, email, { template, data: base });
          }
          sent += 1;
        }
      }
      await client.query('update public.contract_events set notified_at = now() where id = $1', [eventId]);
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

/** notify_contract_event {event_id}: queued by every move of a contract in its transaction. */
export const notifyContractEventTask: Task = async (payload, helpers) => {
  const eventId = Number((payload as { event_id?: unknown } | null)?.event_id);
  if (!Number.isSafeInteger(eventId)) {
    helpers.logger.error(`notify_contract_event: некорректные данные задачи ${JSON.stringify(payload)}`);
    return;
  }
  await notifyContractEvent(db(), eventId);
};
