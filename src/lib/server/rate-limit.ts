import { db } from './db.ts';

/**
 * A fixed-window limiter kept in Postgres, so it holds across processes and restarts. Used by
 * SvelteKit actions that call better-auth's API directly (better-auth limits only its own HTTP
 * endpoints). Returns the seconds to wait, or 0 when the attempt is allowed.
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

export function waitMessage(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return seconds < 60
    ? `Слишком много попыток. Попробуйте снова через ${seconds} с.`
    : `Слишком много попыток. Попробуйте снова через ${minutes} мин.`;
}
