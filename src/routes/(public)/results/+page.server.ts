import { anonClient } from '$lib/server/supabase';
import { loadDashboard } from '$lib/server/indicators/load-dashboard';
import type { PageServerLoad } from './$types';

// Everyone sees the same aggregated counts: read as a visitor even when signed in.
export const load: PageServerLoad = async ({ url }) =>
  loadDashboard(anonClient(), url.searchParams.get('period'), 'indicator_results');
