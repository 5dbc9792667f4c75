import { db } from './db.ts';

export interface Limit {
  max: number;
  windowSeconds: number;
}

/**
 * Every limit of the app's own forms, in one place.
 *
 * Per-IP limits are sized for a shared address: a campus, a dormitory or an office reaches us from
 * one public IP (carrier-grade NAT of the mobile operators too), and КузГТУ or КемГУ put a lecture
 * hall or a career-centre session of a few hundred students on the site in the same minutes. What
 * protects a password is the per-account limit; the per-IP limits only bound how fast one address
 * can spray guesses over many accounts or send letters to many addresses.
 */
export const LIMITS = {
  /**
   * Wrong passwords for one account, whatever the path (sign-in, change of password, deletion)
   * and whatever the address: 5 per 15 minutes. Successes do not count and clear the count.
   */
  passwordFailuresPerAccount: { max: 5, windowSeconds: 15 * 60 },
  /**
   * Wrong passwords from one address: 300 per 15 minutes. Only failures count, so a campus of a
   * thousand people signing in within a quarter hour, where about one sign-in in five is mistyped
   * (a forgotten switch of the Russian/Latin keyboard layout is the classic), makes ~200: it fits
   * with room. An attacker gets 20 guesses a minute spread over accounts, at most 5 for each.
   */
  passwordFailuresPerIp: { max: 300, windowSeconds: 15 * 60 },
  /**
   * Sign-ups from one address: 200 per hour, so that a whole stream registering together in a
   * career-centre session (up to ~150 in a lecture hall) fits; each account still needs the link
   * sent to its own address before it can do anything.
   */
  signUpsPerIp: { max: 200, windowSeconds: 60 * 60 },
  /** Password-reset letters requested from one address: 100 per hour (the same campus reasoning). */
  passwordResetsPerIp: { max: 100, windowSeconds: 60 * 60 },
  /** Password-reset letters to one address: 3 per hour, so nobody can flood someone's inbox. */
  passwordResetsPerEmail: { max: 3, windowSeconds: 60 * 60 },
  /**
   * School groups registered for events from one address: 20 per hour. A teacher registers one
   * class or a few; a school's office registering every 11th grade of the school fits.
   */
  schoolGroupsPerIp: { max: 20, windowSeconds: 60 * 60 },
} as const satisfies Record<string, Limit>;

/**
 * A fixed-window limiter kept in Postgres, so it holds across processes and restarts. Used by
 * SvelteKit actions that call better-auth's API directly (better-auth limits only its own HTTP
 * endpoints). Counts one attempt under `key`; returns the seconds to wait, or 0 when the attempt
 * is allowed.
 */
export async function hitRateLimit(key: string, max: number, windowSeconds: number): Promise<number> {
  const { rows } = await db().query<{ count: number; retry_after: number }>(
    `insert into app_private.rate_limits as r (key, count, window_start)
     values ($1, 1, now())
     on conflict (key) do update set
       count = case when r.window_start < now() - make_interval(secs => $2) then 1 else r.count + 1 end,
       window_start = case when r.window_start < now() - make_interval(secs => $2) then now() else r.window_start end
     returning count,
       ceil(extract(epoch from (window_start + make_interval(secs => $2) - now())))::int as retry_after`,
    [key, windowSeconds],
  );
  const row = rows[0];
  return row.count > max ? Math.max(1, row.retry_after) : 0;
}

/** Takes back one attempt counted under each key (it turned out not to be a failure). */
export async function refundAttempts(keys: string[]): Promise<void> {
  await db().query(
    'update app_private.rate_limits set count = greatest(count - 1, 0) where key = any($1::text[])',
    [keys],
  );
}

/** Forgets everything counted under `key`. */
export async function clearRateLimit(key: string): Promise<void> {
  await db().query('delete from app_private.rate_limits where key = $1', [key]);
}

export function waitMessage(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return seconds < 60
    ? `Слишком много попыток. Попробуйте снова через ${seconds} с.`
    : `Слишком много попыток. Попробуйте снова через ${minutes} мин.`;
}
