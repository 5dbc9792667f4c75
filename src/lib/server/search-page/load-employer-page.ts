import { anonClient, type Supabase } from '../supabase.ts';
import { loadResponseStats } from '../applications/employer/load-response-stats.ts';
import { keyedProcessCache } from '../cache.ts';
import { PUBLIC_PAGE_MAX_AGE_SECONDS } from '../public-page-cache.ts';
import { loadCachedPartnerContracts } from '../contracts/load-partner-contracts.ts';
import { loadUniversities } from '../reference.ts';
import { UUID } from '../../schemas/fields.ts';

/**
 * How an employer answers applications (90 days of figures, the same for every visitor): kept per
 * employer for at most 60 s, like the landing page's counts, instead of computed on every visit.
 */
const responseStatsCache = keyedProcessCache(60_000 - PUBLIC_PAGE_MAX_AGE_SECONDS * 1000, (id) =>
  loadResponseStats(anonClient(), id),
);

/** An employer's public response figures, at most 60 s old with the page's own cache (the employer page and its postings). */
export const loadCachedResponseStats = (organizationId: string) => responseStatsCache.get(organizationId);

/**
 * The public page of a verified employer: about, industry, district, website, its open postings,
 * the universities whose students its open postings invite («Принимает студентов») and the
 * universities it has an active contract with («Вузы-партнёры») and how it answers applications.
 * Null unless the employer is verified.
 */
export async function loadEmployerPage(supabase: Supabase, id: string) {
  if (!UUID.test(id)) return null;
  // One request for the employer and its open postings (embedded, filtered, newest first), beside
  // the rest; only the columns anon may read (20261126000600_protect_verified_identity.sql,
  // 20261201000200_hide_opportunity_contacts_from_anon.sql).
  const [{ data: row, error }, universities, partners, responseStats] = await Promise.all([
    supabase
      .from('organizations')
      .select(
        'id, name, short_name, description, website, address, industries(name), districts(name), opportunities(id, kind, title, apply_by, is_paid, pay_from, pay_to, is_remote, university_ids, districts(name))',
      )
      .eq('id', id)
      .eq('kind', 'employer')
      .eq('verification_status', 'verified')
      .eq('opportunities.status', 'published')
      .gt('opportunities.expires_at', new Date().toISOString())
      .order('published_at', { referencedTable: 'opportunities', ascending: false })
      .limit(100, { referencedTable: 'opportunities' })
      .maybeSingle(),
    loadUniversities(),
    loadCachedPartnerContracts(id),
    responseStatsCache.get(id),
  ]);
  if (error) throw new Error(`employer: ${error.message}`);
  if (!row) return null;
  const { opportunities: postings, ...employer } = row;
  const named = new Set(postings.flatMap((p) => p.university_ids));
  return {
    employer,
    postings,
    universities: universities.filter((u) => named.has(u.value)),
    partners,
    responseStats,
  };
}
