import type { Queryable } from '../db.ts';
import type { OpportunityDocument } from './types.ts';

/** Kemerovo's time zone: an apply-by date ends at local midnight. */
const LOCAL_TZ = 'Asia/Novokuznetsk';
export const DESCRIPTION_LIMIT = 2000;
/**
 * The words of a remote posting's `work_format`: a student types «удалённо» rather than ticking the
 * filter, and the posting's own text rarely says it.
 */
export const REMOTE_WORDS = 'удалённо, удалённая работа, дистанционно';

export interface DocumentSelection {
  ids?: string[];
  organizationId?: string;
  all?: boolean;
  /** keyset pagination over id, for full rebuilds */
  afterId?: string;
  limit?: number;
  /**
   * With ids: read each posting only after any transaction changing it has ended (`for share`),
   * so that a change whose index job was swallowed while this job was being fetched is seen.
   */
  waitForWriters?: boolean;
}

/**
 * The condition for a posting to be public, the same as the RLS policy "published opportunities are
 * public": published, not expired, of a verified employer.
 */
export const PUBLIC_CONDITION = `o.status = 'published' and o.expires_at > now()
  and org.kind = 'employer' and org.verification_status = 'verified'`;

/**
 * `updated_at_ts` of a document: the later of the posting's and its employer's last change (the
 * employer's name is part of the document), epoch seconds with microseconds. Reconciliation
 * compares it with the index.
 */
export const UPDATED_AT_TS = `extract(epoch from greatest(o.updated_at, org.updated_at))::float8`;

/**
 * Loads the index documents of the PUBLIC postings among the selection, in one query. Postings that
 * are not public are simply absent from the result (the caller deletes them from the index).
 * Only public facts are selected: no contact person, email, phone, address or author.
 */
export async function loadOpportunityDocuments(
  client: Queryable,
  where: DocumentSelection,
): Promise<OpportunityDocument[]> {
  const conditions: string[] = [PUBLIC_CONDITION];
  const values: unknown[] = [];
  const param = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  if (where.ids) conditions.push(`o.id = any(${param(where.ids)}::uuid[])`);
  if (where.organizationId) conditions.push(`o.organization_id = ${param(where.organizationId)}::uuid`);
  if (where.afterId) conditions.push(`o.id > ${param(where.afterId)}::uuid`);
  if (!where.ids && !where.organizationId && !where.all) {
    throw new Error('loadOpportunityDocuments: укажите ids, organizationId или all');
  }
  const limit = where.limit ? `limit ${param(where.limit)}::int` : '';
  if (where.waitForWriters && where.ids) {
    // Waits for every open transaction writing these rows (whatever their state); the query
    // below is then a new statement that sees what they committed.
    await client.query('select from public.opportunities where id = any($1::uuid[]) for share', [where.ids]);
  }
  const { rows } = await client.query<OpportunityDocument>(
    `select o.id::text as id,
            o.kind::text as kind,
            o.title,
            left(o.description_text, ${DESCRIPTION_LIMIT}) as description,
            o.organization_id::text as organization_id,
            org.name as organization_name,
            o.industry_code,
            i.name as industry_name,
            o.district_code,
            d.name as district_name,
            o.is_remote,
            case when o.is_remote then '${REMOTE_WORDS}' end as work_format,
            o.programme_codes,
            coalesce(p.names, '{}') as programme_names,
            coalesce(p.groups, '{}') as programme_groups,
            o.university_ids::text[] as university_ids,
            o.years_of_study::int[] as years_of_study,
            o.is_paid,
            o.pay_from,
            o.pay_to,
            greatest(coalesce(o.pay_to, 0), coalesce(o.pay_from, 0)) as pay_max,
            o.schedule,
            to_char(o.apply_by, 'YYYY-MM-DD') as apply_by,
            (extract(epoch from ((o.apply_by + 1)::timestamp at time zone '${LOCAL_TZ}')) - 1)::float8 as apply_by_ts,
            floor(extract(epoch from coalesce(o.published_at, o.updated_at)))::float8 as published_at_ts,
            floor(extract(epoch from o.expires_at))::float8 as expires_at_ts,
            ${UPDATED_AT_TS} as updated_at_ts
       from public.opportunities o
       join public.organizations org on org.id = o.organization_id
       left join public.industries i on i.code = o.industry_code
       left join public.districts d on d.code = o.district_code
       left join lateral (
         select array_agg(pr.name order by pr.code) as names,
                array_agg(distinct pr.group_code) as groups
           from public.programmes pr
          where pr.code = any(o.programme_codes)
       ) p on cardinality(o.programme_codes) > 0
      where ${conditions.join(' and ')}
      order by o.id
      ${limit}`,
    values,
  );
  return rows;
}

/** id and updated_at_ts of every public posting: what the index must hold. */
export async function loadPublicVersions(client: Queryable): Promise<Map<string, number>> {
  const { rows } = await client.query<{ id: string; v: number }>(
    `select o.id::text as id, ${UPDATED_AT_TS} as v
       from public.opportunities o
       join public.organizations org on org.id = o.organization_id
      where ${PUBLIC_CONDITION}`,
  );
  return new Map(rows.map((r) => [r.id, r.v]));
}
