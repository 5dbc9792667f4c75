import { verifyPassword } from 'better-auth/crypto';
import type { Queryable } from '../db.ts';
import { DEMO_EMAILS, DEMO_PASSWORD } from './demo-accounts.ts';

/**
 * The demo addresses that can still sign in with the published demo password (better-auth's
 * credential accounts, schema better_auth).
 *
 * Only the six demo addresses are checked, and only verified ones (an unverified account cannot
 * sign in, and anyone may sign up unverified with any address): the demo password reaches a
 * database only through the demo seed, which uses exactly those addresses. Each check is one
 * scrypt verification (~0.3 s), so the cost is bounded by six whatever the number of accounts;
 * checking every account would cost minutes on a real database.
 */
export async function findDemoPasswordAccounts(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ email: string; password: string }>(
    `select u.email, a.password
       from better_auth."user" u
       join better_auth.account a on a."userId" = u.id
      where a."providerId" = 'credential' and a.password is not null
        and u."emailVerified" and lower(u.email) = any($1::text[])
      order by u.email`,
    [DEMO_EMAILS],
  );
  const matches = await Promise.all(
    rows.map((row) => verifyPassword({ hash: row.password, password: DEMO_PASSWORD })),
  );
  return [...new Set(rows.filter((_, i) => matches[i]).map((row) => row.email))];
}

/** The command that removes the demo accounts (scripts/remove-demo-accounts.ts). */
export const REMOVE_DEMO_ACCOUNTS_COMMAND = 'npm run demo:remove';

/** Why the production app does not start, in one line naming the fix; null when it may start. */
export function demoPasswordRefusal(emails: string[]): string | null {
  if (emails.length === 0) return null;
  return (
    `в базе есть демо-учётные записи с опубликованным паролем (${emails.join(', ')}): ` +
    `удалите их командой «${REMOVE_DEMO_ACCOUNTS_COMMAND}» с тем же DATABASE_URL и запустите приложение снова`
  );
}
