import type { Queryable } from '../db.ts';
import { DEMO_EMAILS } from './demo-accounts.ts';

/**
 * Deletes the demo log-ins (better_auth.user; sessions, credentials, profiles, memberships and
 * saved searches go with them by their foreign keys). Demo organizations and postings stay: in a
 * real database they are data someone may have started to use. Returns the deleted addresses.
 */
export async function removeDemoAccounts(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ email: string }>(
    `delete from better_auth."user" where lower(email) = any($1::text[]) returning email`,
    [DEMO_EMAILS],
  );
  return rows.map((row) => row.email).sort();
}
