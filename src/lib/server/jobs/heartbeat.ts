import type { Queryable } from '../db.ts';

/** How often a running worker records that it is alive. */
export const HEARTBEAT_INTERVAL_MS = 5_000;
/** A worker whose last beat is older than this counts as gone (four missed beats). */
export const HEARTBEAT_MAX_AGE_SECONDS = 20;

export async function recordHeartbeat(client: Queryable, workerId: string): Promise<void> {
  await client.query(
    `insert into app_private.worker_heartbeats (worker_id, beat_at) values ($1, now())
     on conflict (worker_id) do update set beat_at = excluded.beat_at`,
    [workerId],
  );
}

/** A worker that stops cleanly removes its row; rows of crashed workers older than a day are pruned. */
export async function forgetWorker(client: Queryable, workerId: string): Promise<void> {
  await client.query(
    `delete from app_private.worker_heartbeats
      where worker_id = $1 or beat_at < now() - interval '1 day'`,
    [workerId],
  );
}

/**
 * For /healthz: has any worker beaten within the last 20 seconds? False as well when the
 * heartbeat table cannot be read (the check must answer, not throw).
 */
export async function workerAlive(client: Queryable): Promise<boolean> {
  try {
    const { rows } = await client.query<{ alive: boolean }>(
      `select exists (
         select from app_private.worker_heartbeats
          where beat_at > now() - make_interval(secs => $1)
       ) as alive`,
      [HEARTBEAT_MAX_AGE_SECONDS],
    );
    return rows[0]?.alive === true;
  } catch {
    return false;
  }
}
