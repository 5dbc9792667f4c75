import { error } from '@sveltejs/kit';
import { kemerovoToday } from '$lib/indicators';
import { loadDashboard } from '$lib/server/indicators/load-dashboard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const dashboard = await loadDashboard(locals.supabase, url.searchParams.get('period'), 'indicator_values');
  if (!dashboard.period) error(404, 'Периоды программы ещё не заданы');
  return { ...dashboard, period: dashboard.period, today: kemerovoToday() };
};
