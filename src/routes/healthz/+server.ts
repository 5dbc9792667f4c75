import { checkHealth } from '$lib/server/health/check';
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** 200 only when Postgres, PostgREST, Meilisearch, the worker and mail are all up. */
export const GET: RequestHandler = async () => {
  const health = await checkHealth();
  return json(
    { status: health.ok ? 'ok' : 'degraded', ...health.parts },
    { status: health.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } },
  );
};
