import type pg from 'pg';
import { parseSearchParams } from '../../schemas/search.ts';
import { enqueueEmail } from '../email/enqueue.ts';
import { findNewMatches } from './find-new-matches.ts';
import { tokenHash, unsubscribeToken } from './unsubscribe-token.ts';

export interface AlertOptions {
  /** Public base URL of the app, for the links of the letter. */
  appUrl: string;
  /** Server secret the unsubscribe tokens are derived from. */
  secret: string;
  /** New postings listed in one letter (the rest are behind the search link). */
  itemsPerLetter?: number;
  /** Saved searches looked at per run. */
  batchSize?: number;
}

interface DueSearch {
  id: string;
  name: string;
  query: string;
  since: Date;
  email: string;
}

/**
 * A saved search is due when its last alert is older than its period (daily or weekly). The half
 * hour of slack keeps an hourly schedule from drifting an hour later every period. Only the
 * confirmed address of a student or graduate gets letters.
 */
const DUE = `
  s.last_sent_at is null
  or s.last_sent_at <= now() - case s.frequency when 'daily' then interval '1 day' else interval '7 days' end
                           + interval '30 minutes'`;

const ACCOUNT = `p.email_verified and p.role in ('student', 'graduate')`;

/**
 * Sends the alerts that are due: for each saved search, the postings published since its last
 * alert (or since it was saved). One letter per search with news; the letter, its send_email job
 * and the new last_sent_at are written in one transaction, so a crash sends nothing twice and
 * loses nothing. Searches without news are looked at again on the next run.
 */
export async function sendSavedSearchAlerts(
  client: pg.PoolClient,
  { appUrl, secret, itemsPerLetter = 10, batchSize = 500 }: AlertOptions,
): Promise<{ checked: number; sent: number }> {
  const { rows: candidates } = await client.query<{ id: string }>(
    `select s.id from public.saved_searches s join public.profiles p on p.id = s.profile_id
      where (${DUE}) and ${ACCOUNT}
      order by s.last_sent_at nulls first, s.created_at
      limit $1`,
    [batchSize],
  );
  let sent = 0;
  for (const { id } of candidates) {
    await client.query('begin');
    try {
      // Locked and checked again: another worker may have sent it meanwhile.
      const { rows } = await client.query<DueSearch>(
        `select s.id, s.name, s.query, coalesce(s.last_sent_at, s.created_at) as since, p.email
           from public.saved_searches s join public.profiles p on p.id = s.profile_id
          where s.id = $1 and (${DUE}) and ${ACCOUNT}
          for update of s skip locked`,
        [id],
      );
      const search = rows[0];
      if (search && (await alert(client, search, { appUrl, secret, itemsPerLetter }))) sent += 1;
      await client.query('commit');
    } catch (err) {
      await client.query('rollback').catch(() => {});
      throw err;
    }
  }
  return { checked: candidates.length, sent };
}

async function alert(
  client: pg.PoolClient,
  search: DueSearch,
  { appUrl, secret, itemsPerLetter }: Required<Pick<AlertOptions, 'appUrl' | 'secret' | 'itemsPerLetter'>>,
): Promise<boolean> {
  const params = parseSearchParams(new URLSearchParams(search.query));
  const matches = await findNewMatches(client, { ...params, page: 1 }, search.since, itemsPerLetter);
  if (matches.total === 0) return false;

  const token = unsubscribeToken(search.id, secret);
  const unsubscribeUrl = `${appUrl}/unsubscribe/${token}`;
  await client.query(
    `update public.saved_searches set last_sent_at = now(), unsubscribe_token_hash = $2 where id = $1`,
    [search.id, tokenHash(token)],
  );
  await enqueueEmail(
    client,
    search.email,
    {
      template: 'saved_search_alert',
      data: {
        searchName: search.name,
        count: matches.total,
        items: matches.items.map((m) => ({
          title: m.title,
          organizationName: m.organizationName,
          url: `${appUrl}/opportunities/${m.id}`,
        })),
        searchUrl: `${appUrl}/opportunities${search.query ? `?${search.query}` : ''}`,
        unsubscribeUrl,
      },
    },
    {
      headers: {
        'List-Unsubscribe': `<${unsubscribeUrl}>`,
        // RFC 8058: mail apps may unsubscribe in one click by POSTing this body to the link above
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    },
  );
  return true;
}
