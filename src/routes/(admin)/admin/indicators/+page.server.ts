import { loadDashboard } from '$lib/server/indicators/load-dashboard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) =>
  loadDashboard(locals.supabase, url.searchParams.get('period'), 'indicator_values');
