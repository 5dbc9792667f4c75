import { config } from '../config.ts';
import { db } from '../db.ts';
import { mailReady } from '../email/transport.ts';
import { workerAlive } from '../jobs/heartbeat.ts';

export type PartState = { ok: true; ms: number } | { ok: false; ms: number; error: string };

async function timed(probe: () => Promise<boolean>): Promise<PartState> {
  const started = performance.now();
  try {
    const ok = await Promise.race([
      probe(),
      new Promise<boolean>((_, reject) => setTimeout(() => reject(new Error('нет ответа за 3 с')), 3000)),
    ]);
    const ms = Math.round(performance.now() - started);
    return ok ? { ok: true, ms } : { ok: false, ms, error: 'не готов' };
  } catch (err) {
    return { ok: false, ms: Math.round(performance.now() - started), error: (err as Error).message };
  }
}

/** The state of every part the app depends on. */
export async function checkHealth() {
  const c = config();
  const parts = {
    postgres: await timed(async () => (await db().query('select 1')).rowCount === 1),
    postgrest: await timed(async () => {
      const res = await fetch(`${c.supabaseUrl}/rest/v1/industries?select=code&limit=1`, {
        headers: { apikey: c.supabaseAnonKey },
      });
      return res.ok;
    }),
    meilisearch: await timed(async () => (await fetch(`${c.meilisearchUrl}/health`)).ok),
    worker: await timed(() => workerAlive(db())),
    mail: await timed(() => mailReady()),
  };
  return { ok: Object.values(parts).every((p) => p.ok), parts };
}
