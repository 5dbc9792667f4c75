import type { Task } from 'graphile-worker';
import type pg from 'pg';
import { config } from '../../config.ts';
import { db } from '../../db.ts';
import { enqueueEmail } from '../../email/enqueue.ts';
import type { ContractKind } from '../../email/templates-partners.ts';
import { contractsUrl } from './notify-contract-event.ts';

/** Days before the end of a contract's term when both parties get a letter, each once. */
export const CONTRACT_WARNING_DAYS = [30, 7] as const;

interface DueRow {
  id: string;
  kind: ContractKind;
  number: string;
  valid_to: string;
  employer_id: string;
  employer_name: string;
  university_id: string;
  university_name: string;
}

/**
 * Letters to every member of both parties of each active contract whose term ends within 30 days
 * (once: warned_30_at) and within 7 days (once: warned_7_at). A contract that enters the 7-day window
 * without the 30-day letter gets only the 7-day one. Kemerovo dates. One transaction per contract:
 * the mark and the letters are saved together, and the `is null` condition under the row lock means
 * a second run (or a second worker) sends nothing. Returns how many contracts were warned.
 */
export async function warnExpiringContracts(pool: pg.Pool, appUrl = config().appUrl): Promise<number> {
  const today = `(now() at time zone 'Asia/Novokuznetsk')::date`;
  let warned = 0;
  for (const days of [7, 30] as const) {
    const column = days === 7 ? 'warned_7_at' : 'warned_30_at';
    const { rows: due } = await pool.query<{ id: string }>(
      `select id from public.partnership_contracts
        where status = 'active' and ${column} is null and valid_to >= ${today} and valid_to <= ${today} + $1::int
        order by valid_to limit 1000`,
      [days],
    );
    for (const { id } of due) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const { rows } = await client.query<DueRow>(
          `update public.partnership_contracts c
              set ${column} = now()${days === 7 ? ', warned_30_at = coalesce(warned_30_at, now())' : ''}
             from public.organizations e, public.organizations u
            where c.id = $1 and e.id = c.employer_id and u.id = c.university_id
              and c.status = 'active' and c.${column} is null and c.valid_to >= ${today} and c.valid_to <= ${today} + $2::int
            returning c.id, c.kind, c.number, to_char(c.valid_to, 'YYYY-MM-DD') as valid_to, c.employer_id,
                      e.name as employer_name, c.university_id, u.name as university_name`,
          [id, days],
        );
        const c = rows[0];
        if (c) {
          const sides = [
            { side: 'employer' as const, org: c.employer_id, partner: c.university_name },
            { side: 'university' as const, org: c.university_id, partner: c.employer_name },
          ];
          for (const { side, org, partner } of sides) {
            const { rows: members } = await client.query<{ email: string }>(
              `select p.email from public.memberships m join public.profiles p on p.id = m.profile_id
                where m.organization_id = $1`,
              [org],
            );
            for (const { email } of members) {
              await enqueueEmail(client, email, {
                template: 'contract_expiring',
                data: {
                  kind: c.kind,
                  number: c.number,
                  partnerName: partner,
                  url: contractsUrl(side, appUrl),
                  validTo: c.valid_to,
                  days,
                },
              });
            }
          }
          warned += 1;
        }
        await client.query('commit');
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    }
  }
  return warned;
}

/** Marks active contracts whose term has ended as expired (idempotent). Returns how many. */
export async function expireContracts(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>('select app_private.expire_contracts() as n');
  return rows[0]?.n ?? 0;
}

/** check_contract_terms (cron, hourly): expiry first, then the 30- and 7-day letters. */
export const checkContractTermsTask: Task = async (_payload, helpers) => {
  const expired = await expireContracts(db());
  const warned = await warnExpiringContracts(db());
  if (expired || warned)
    helpers.logger.info(`check_contract_terms: истёк срок ${expired}, предупреждений ${warned}`);
};
