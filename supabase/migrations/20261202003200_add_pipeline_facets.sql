-- The pipeline's «Вуз» and «Направление» filters offer the universities and programmes that occur
-- among the organization's applicants, not all 481 programmes of the classifier: a shorter list to
-- choose from, and a page (and its data) a third of the size, which was most of the server's time
-- per pipeline page (issue 7 item 8). The app keeps the answer per organization for at most a
-- minute (load-pipeline.ts); a selected value is always offered.
--
-- Both functions say whether the caller is a member of the organization: the app keeps only a
-- member's answer and never shows an organization's kept lists to someone who is not.

create function public.employer_pipeline_facets(p_organization_id uuid)
returns table (member boolean, university_ids uuid[], programme_codes text[])
language sql stable security definer
set search_path = ''
as $$
  select app_private.is_member_of(p_organization_id),
         coalesce(array_agg(distinct a.university_id) filter (where a.university_id is not null), '{}'),
         coalesce(array_agg(distinct a.programme_code) filter (where a.programme_code is not null), '{}')
    from public.applications a
   where a.organization_id = p_organization_id
     and app_private.is_member_of(p_organization_id);
$$;
revoke all on function public.employer_pipeline_facets(uuid) from public, anon;
grant execute on function public.employer_pipeline_facets(uuid) to authenticated, service_role;

create or replace function public.employer_pipeline(
  p_organization_id uuid,
  p_statuses public.application_status[] default null,
  p_created_before timestamptz default null,
  p_opportunity_id uuid default null,
  p_university_id uuid default null,
  p_programme_code text default null,
  p_year_of_study smallint default null,
  p_query text default null,
  p_sort text default 'newest',
  p_limit integer default 25,
  p_offset integer default 0
) returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_where text;
  v_order text;
  v_total bigint;
  v_rows jsonb;
  v_postings jsonb;
begin
  if p_limit not between 0 and 1000 or p_offset < 0 then
    raise exception 'страница вне допустимых пределов' using errcode = '22023', hint = 'page';
  end if;
  if p_organization_id is null or not app_private.is_member_of(p_organization_id) then
    return jsonb_build_object('member', false, 'total', 0, 'rows', '[]'::jsonb, 'postings', '[]'::jsonb);
  end if;

  -- built from fixed pieces; every value is a parameter ($1 … $8), never spliced into the text
  v_where := 'a.organization_id = $1'
    || case when p_statuses is not null then ' and a.status = any ($2)' else '' end
    || case when p_created_before is not null then ' and a.created_at < $3' else '' end
    || case when p_opportunity_id is not null then ' and a.opportunity_id = $4' else '' end
    || case when p_university_id is not null then ' and a.university_id = $5' else '' end
    || case when p_programme_code is not null then ' and a.programme_code = $6' else '' end
    || case when p_year_of_study is not null then ' and a.year_of_study = $7' else '' end
    || case when nullif(p_query, '') is not null then ' and a.applicant_name ilike $8' else '' end;
  v_order := case p_sort
    when 'oldest' then 'a.created_at asc, a.id asc'
    when 'changed' then 'a.status_changed_at desc, a.id asc'
    when 'name' then 'a.applicant_name asc, a.id asc'
    else 'a.created_at desc, a.id asc' end;

  execute format('select count(*) from public.applications a where %s', v_where)
    into v_total
    using p_organization_id, p_statuses, p_created_before, p_opportunity_id, p_university_id,
          p_programme_code, p_year_of_study,
          '%' || regexp_replace(coalesce(p_query, ''), '([\\%_])', '\\\1', 'g') || '%';

  execute format(
    $q$select coalesce(jsonb_agg(jsonb_build_object(
         'id', r.id, 'opportunity_id', r.opportunity_id, 'opportunity_title', o.title, 'kind', r.kind,
         'applicant_name', r.applicant_name, 'university_id', r.university_id,
         'programme_code', r.programme_code, 'year_of_study', r.year_of_study,
         'graduation_year', r.graduation_year, 'status', r.status, 'created_at', r.created_at,
         'status_changed_at', r.status_changed_at) order by %3$s), '[]'::jsonb)
       from (select a.* from public.applications a where %1$s order by %2$s limit %4$s offset %5$s) r
       join public.opportunities o on o.id = r.opportunity_id$q$,
    v_where, v_order, replace(v_order, 'a.', 'r.'), p_limit, p_offset)
    into v_rows
    using p_organization_id, p_statuses, p_created_before, p_opportunity_id, p_university_id,
          p_programme_code, p_year_of_study,
          '%' || regexp_replace(coalesce(p_query, ''), '([\\%_])', '\\\1', 'g') || '%';

  select coalesce(jsonb_agg(jsonb_build_object('id', p.id, 'title', p.title, 'kind', p.kind)
                            order by p.published_at desc nulls last, p.id), '[]'::jsonb)
    into v_postings
    from (select o.id, o.title, o.kind, o.published_at from public.opportunities o
           where o.organization_id = p_organization_id and o.status <> 'draft'
           order by o.published_at desc nulls last, o.id limit 1000) p;

  return jsonb_build_object('member', true, 'total', v_total, 'rows', v_rows, 'postings', v_postings);
end;
$$;
