import { processCache } from '../cache.ts';
import { PUBLIC_PAGE_MAX_AGE_SECONDS } from '../public-page-cache.ts';
import { anonClient, type Supabase } from '../supabase.ts';

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

async function countVerified(supabase: Supabase, kind: 'employer' | 'university'): Promise<number> {
  const { count, error } = await supabase
    .from('organizations')
    .select('id', { count: 'exact', head: true })
    .eq('kind', kind)
    .eq('verification_status', 'verified');
  if (error) throw new Error(`${kind} count: ${error.message}`);
  return count ?? 0;
}

/**
 * How old the landing page's figures may be: they were three count queries on every visit. The page
 * itself may be kept a few seconds more (public-page-cache.ts): together never over 60 s.
 */
export const PUBLIC_COUNTS_TTL_MS = 60_000 - PUBLIC_PAGE_MAX_AGE_SECONDS * 1000;

const publicCounts = processCache(PUBLIC_COUNTS_TTL_MS, async () => {
  // what everyone sees: the same figures for a visitor and a signed-in person
  const supabase = anonClient();
  const [employers, universities, opportunities] = await Promise.all([
    countVerified(supabase, 'employer'),
    countVerified(supabase, 'university'),
    countOpenOpportunities(supabase),
  ]);
  return { employers, universities, opportunities };
});

/** The platform's public figures (verified employers, universities, open postings), ≤ 60 s old. */
export function loadPublicCounts() {
  return publicCounts.get();
}

/** After this process verifies an employer or adds a university: the next visit counts again. */
export function forgetPublicCounts(): void {
  publicCounts.forget();
}
