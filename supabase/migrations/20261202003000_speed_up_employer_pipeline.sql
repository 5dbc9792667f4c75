-- The employer's pipeline page in one read (issue 7 item 8: p95 ≤ 100 ms with 20 000 applications
-- of one employer among 1 000 000).
--
-- Why not PostgREST over the table: under RLS Postgres may use an index only for conditions whose
-- operators are leakproof, because a condition of the caller must not see rows before the policies
-- have. uuid equality is leakproof, the equality of an enum (status) and ILIKE are not: the list
-- "state = submitted" and the search by name read the organization's whole range (20 000 rows),
-- evaluate the policies on every row and then filter, twice (the page and its exact count). The
-- index (organization_id, status, created_at desc) and the trigram index were never used for them.
--
-- employer_pipeline() checks the caller once (a member of the organization, as the policy
-- «applications to my organization» does) and then reads with every index, returning the page, the
-- exact total and the organization's postings for the filter form in one answer. Anyone else gets
-- an empty pipeline, as RLS gave them before. The table and its policies are unchanged: every other
-- read (the export, the application page, the student's side, the university's) still goes through
-- RLS.

-- A search by name is always within one organization: (organization_id, applicant_name) in one GIN
-- index finds that employer's matches only, instead of every applicant of that name in the city.
create extension if not exists btree_gin with schema extensions;
create index applications_org_name_trgm_idx on public.applications
  using gin (organization_id, applicant_name extensions.gin_trgm_ops);
drop index public.applications_name_trgm_idx;

create function app_private.is_member_of(p_organization_id uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select from public.memberships m
    where m.profile_id = (select auth.uid()) and m.organization_id = p_organization_id
  );
$$;
revoke all on function app_private.is_member_of(uuid) from public;
grant execute on function app_private.is_member_of(uuid) to authenticated, service_role;

-- p_statuses: null for every state; p_created_before: only those created earlier (the «older than
-- 3 working days» filter, computed by the app); p_query: a substring of the name, taken literally
-- (% and _ are letters); p_sort: newest | oldest | changed | name. Rows come in the order asked,
-- with id as the tie-break so pages never overlap.
create function public.employer_pipeline(
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
    return jsonb_build_object('total', 0, 'rows', '[]'::jsonb, 'postings', '[]'::jsonb);
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

  return jsonb_build_object('total', v_total, 'rows', v_rows, 'postings', v_postings);
end;
$$;
revoke all on function public.employer_pipeline(uuid, public.application_status[], timestamptz, uuid, uuid, text,
  smallint, text, text, integer, integer) from public, anon;
grant execute on function public.employer_pipeline(uuid, public.application_status[], timestamptz, uuid, uuid, text,
  smallint, text, text, integer, integer) to authenticated, service_role;

-- «Ждут ответа» (the header of every employer page and the employer's home): the organization's
-- applications still submitted or viewed, and those of them created before p_overdue_before. Two
-- index-only counts over (organization_id, status, created_at); zeros for anyone not a member.
create function public.waiting_application_counts(p_organization_id uuid, p_overdue_before timestamptz default null)
returns table (waiting integer, overdue integer)
language sql stable security definer
set search_path = ''
as $$
  select count(*)::integer,
         count(*) filter (where a.created_at < p_overdue_before)::integer
    from public.applications a
   where a.organization_id = p_organization_id
     and a.status in ('submitted', 'viewed')
     and app_private.is_member_of(p_organization_id);
$$;
revoke all on function public.waiting_application_counts(uuid, timestamptz) from public, anon;
grant execute on function public.waiting_application_counts(uuid, timestamptz) to authenticated, service_role;
