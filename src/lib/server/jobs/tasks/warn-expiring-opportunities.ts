import type { Task } from 'graphile-worker';
import type pg from 'pg';
import { config } from '../../config.ts';
import { db } from '../../db.ts';
import { enqueueEmail } from '../../email/enqueue.ts';

/** How long before the end of its term the employer hears that a posting is about to expire. */
export const EXPIRY_WARNING_DAYS = 5;

/**
 * Emails every member of the employer of each published posting that expires within
 * EXPIRY_WARNING_DAYS, with a one-click link to extend it, and marks the posting warned. One
 * transaction per posting: the mark and the letters are saved together or not at all, and the row
 * lock with `expiry_warned_at is null` means two workers never warn twice. Extending or publishing
 * again clears the mark, so the next term gets its own warning. Returns how many postings were warned.
 */
export async function warnExpiringOpportunities(pool: pg.Pool, appUrl = config().appUrl): Promise<number> {
  const { rows: due } = await pool.query<{ id: string }>(
    `select id from public.opportunities
      where status = 'published' and expiry_warned_at is null
        and expires_at > now() and expires_at <= now() + make_interval(days => $1)
      order by expires_at
      limit 1000`,
    [EXPIRY_WARNING_DAYS],
  );
  let warned = 0;
  for (const { id } of due) {
    const client = await pool.connect();
    try {
      await client.query('begin');
      const { rows } = await client.query<{ title: string; expires_at: Date; organization_id: string }>(
        `update public.opportunities set expiry_warned_at = now()
          where id = $1 and status = 'published' and expiry_warned_at is null
            and expires_at > now() and expires_at <= now() + make_interval(days => $2)
          returning title, expires_at, organization_id`,
        [id, EXPIRY_WARNING_DAYS],
      );
      const posting = rows[0];
      if (posting) {
        const { rows: members } = await client.query<{ email: string }>(
          `select p.email from public.memberships m join public.profiles p on p.id = m.profile_id
            where m.organization_id = $1`,
          [posting.organization_id],
        );
        for (const member of members) {
          await enqueueEmail(client, member.email, {
            template: 'opportunity_expiring',
            data: {
              title: posting.title,
              expiresAt: posting.expires_at,
              extendUrl: `${appUrl}/employer/opportunities/${id}/extend`,
            },
          });
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
  return warned;
}

/** warn_expiring_opportunities (cron, hourly). */
export const warnExpiringOpportunitiesTask: Task = async (_payload, helpers) => {
  const warned = await warnExpiringOpportunities(db());
  if (warned) helpers.logger.info(`warn_expiring_opportunities: предупреждений о сроке ${warned}`);
};
