import { countOpenOpportunities } from '$lib/server/search-page/load-public-count';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const count = async (kind: 'employer' | 'university') => {
    const { count, error } = await locals.supabase
      .from('organizations')
      .select('id', { count: 'exact', head: true })
      .eq('kind', kind)
      .eq('verification_status', 'verified');
    if (error) throw new Error(error.message);
    return count ?? 0;
  };
  const [employers, universities, opportunities] = await Promise.all([
    count('employer'),
    count('university'),
    countOpenOpportunities(locals.supabase),
  ]);
  return { counts: { employers, universities, opportunities } };
};
