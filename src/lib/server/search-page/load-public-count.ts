import type { Supabase } from '../supabase.ts';

/**
 * How many postings anyone can see now. RLS keeps drafts of other employers and postings of
 * unverified ones out; the filters keep a signed-in employer's own drafts out of the figure too.
 */
export async function countOpenOpportunities(supabase: Supabase): Promise<number> {
  const { count, error } = await supabase
    .from('opportunities')
    .select('id', { count: 'exact', head: true })
    .eq('status', 'published')
    .gt('expires_at', new Date().toISOString());
  if (error) throw new Error(`opportunities count: ${error.message}`);
  return count ?? 0;
}
