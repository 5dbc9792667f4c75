import type { Queryable } from '../db.ts';
import type { SearchParams } from '../../schemas/search.ts';

export interface NewMatch {
  id: string;
  title: string;
  organizationName: string;
  publishedAt: Date;
}

interface MatchRow {
  id: string;
  title: string;
  organization_name: string;
  published_at: Date;
  total: number;
}

/**
 * Postings published after `since` that match a saved search, newest first (at most `limit`), and
 * how many there are in all. Postgres full-text search (Russian configuration, with trigram word
 * similarity for typos), so alerts go out even while Meilisearch is down.
 *
 * The query runs as the role `anon` inside the caller's transaction: Row Level Security decides
 * what is public (published, unexpired, of a verified employer), exactly as for a visitor.
 * The caller must be inside a transaction (SET LOCAL ROLE ends with it).
 */
export async function findNewMatches(
  client: Queryable,
  params: SearchParams,
  since: Date,
  limit = 10,
): Promise<{ total: number; items: NewMatch[] }> {
  // (On an error the caller rolls back, which ends the role too.)
  await client.query('set local role anon');
  const { rows } = await client.query<MatchRow>(
    `select o.id, o.title, org.name as organization_name, o.published_at, count(*) over ()::int as total
         from public.opportunities o
         join public.organizations org on org.id = o.organization_id
        where o.published_at > $1
          and ($2 = '' or o.search_vector @@ websearch_to_tsquery('russian', $2)
               or $2 operator(extensions.<%) o.title)
          and (cardinality($3::text[]) = 0 or o.kind::text = any($3))
          and (cardinality($4::text[]) = 0 or o.industry_code = any($4))
          and ((cardinality($5::text[]) = 0 and not $6)
               or o.district_code = any($5) or ($6 and o.is_remote))
          and (cardinality($7::text[]) = 0 or exists (
                select from unnest(o.programme_codes) c join public.programmes p on p.code = c
                 where p.group_code = any($7)))
          -- a posting open to every university or year (empty list) suits everyone, as in search
          and (cardinality($8::uuid[]) = 0 or cardinality(o.university_ids) = 0 or o.university_ids && $8::uuid[])
          and (cardinality($9::smallint[]) = 0 or cardinality(o.years_of_study) = 0
               or o.years_of_study && $9::smallint[])
          and (not $10 or o.is_paid)
          and ($11::int is null or greatest(o.pay_from, o.pay_to) >= $11::int)
          and (cardinality($12::text[]) = 0 or o.schedule = any($12))
          and ($13::date is null or o.apply_by is null or o.apply_by >= $13::date)
        order by o.published_at desc
        limit $14`,
    [
      since,
      params.q,
      params.kind,
      params.industry,
      params.district,
      params.remote,
      params.field,
      params.university,
      params.year,
      params.paid,
      params.payMin,
      params.schedule,
      params.deadlineFrom,
      limit,
    ],
  );
  await client.query('reset role');
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      organizationName: r.organization_name,
      publishedAt: r.published_at,
    })),
  };
}
