import { error } from '@sveltejs/kit';
import { kemerovoToday } from '$lib/indicators';
import { requireRole } from '$lib/server/guards';
import { buildPassport, passportFileName } from '$lib/server/indicators/build-passport';
import { loadDashboard } from '$lib/server/indicators/load-dashboard';
import { xlsxResponse } from '$lib/server/xlsx/write-sheet';
import type { RequestHandler } from './$types';

/** The passport table of a period as XLSX (the administration's numbers: indicator_values). */
export const GET: RequestHandler = async ({ locals, url }) => {
  requireRole(locals, url, ['administrator']);
  const { period, indicators } = await loadDashboard(
    locals.supabase,
    url.searchParams.get('period'),
    'indicator_values',
  );
  if (!period) error(404, 'Периоды программы ещё не заданы');
  return xlsxResponse(buildPassport(period, indicators, kemerovoToday()), passportFileName(period));
};
