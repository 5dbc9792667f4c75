import type { Task } from 'graphile-worker';
import type pg from 'pg';
import { db } from '../../db.ts';

/**
 * Placements accepted by the employer whose start date has come go «in progress» (their letters
 * are queued by the same move). Runs daily by cron and at each accepted placement's start date;
 * a second run finds nothing to do. Returns how many started.
 */
export async function startDuePlacements(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ started: number }>(
    'select app_private.start_due_placements() as started',
  );
  return rows[0]?.started ?? 0;
}

/** start_due_placements (cron, daily, and one job per accepted placement at its start). */
export const startDuePlacementsTask: Task = async (_payload, helpers) => {
  const started = await startDuePlacements(db());
  if (started) helpers.logger.info(`start_due_placements: началось практик ${started}`);
};
