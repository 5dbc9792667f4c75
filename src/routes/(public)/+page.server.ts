import { loadPublicCounts } from '$lib/server/search-page/load-public-count';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ counts: await loadPublicCounts() });
