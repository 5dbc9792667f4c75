-- Degraded-mode search: when Meilisearch is unreachable, the app answers the same query from
-- Postgres — Russian full-text search on search_vector, or trigram word similarity on the title for
-- typos — with the same filters, facet counts, total and sort as the index.
--
-- SECURITY DEFINER, deliberately: under Row Level Security Postgres must evaluate the policy before
-- any qual that is not leakproof, and neither `@@` (tsvector) nor the pg_trgm operators are, so as
-- SECURITY INVOKER neither GIN index could be used: a sequential scan calling the policy's
-- employer_is_verified() per row took 5–8 s at 200 000 postings. As definer it states the public
-- condition of the RLS policy "published opportunities are public" itself (published, not
-- expired, verified employer), returns only columns anon may read (no contact, author or
-- moderation data), and builds its SQL only from fixed fragments with every value bound as a
-- parameter. It checks no caller because what it returns is public to everyone; an employer or an
-- administrator sees exactly what the index holds.
--
-- p_filters (all optional): kind text[], industry text[], district text[], remote bool,
-- field text[] (УГСН like '09.00.00'), university uuid[], year int[], paid bool, pay_min int,
-- schedule text[], deadline_from date. Semantics equal src/lib/server/search/search.ts: a posting
-- open to every university or year (empty list) matches a university or year filter; districts and
-- "remote" together mean "in these districts or remote".
-- p_sort: relevance | newest | deadline | pay.
-- Returns {"total": n, "hits": [...], "facets": {"kind": {"vacancy": 3, ...}, ...}}.

create function public.search_opportunities_fallback(
  p_q text,
  p_filters jsonb default '{}'::jsonb,
  p_sort text default 'relevance',
  p_limit integer default 20,
  p_offset integer default 0
) returns jsonb
language plpgsql stable security definer
set search_path = ''
-- the matched rows and facet groups stay in memory up to 200 000 postings
set work_mem = '32MB'
-- one wrong letter in a 7-letter word ("инжинер") still matches
set pg_trgm.word_similarity_threshold = 0.4
as $$
declare
  v_q text := nullif(left(btrim(coalesce(p_q, '')), 200), '');
  v_f jsonb := coalesce(p_filters, '{}'::jsonb);
  v_where text[] := array[
    $w$o.status = 'published'$w$,
    $w$o.expires_at > now()$w$,
    $w$org.kind = 'employer' and org.verification_status = 'verified'$w$
  ];
  v_rank text := '0';
  v_order text;
  v_sql text;
  v_result jsonb;
  v_kind text[] := array(select jsonb_array_elements_text(v_f -> 'kind'));
  v_industry text[] := array(select jsonb_array_elements_text(v_f -> 'industry'));
  v_district text[] := array(select jsonb_array_elements_text(v_f -> 'district'));
  v_field text[] := array(select left(jsonb_array_elements_text(v_f -> 'field'), 2));
  v_university uuid[] := array(select jsonb_array_elements_text(v_f -> 'university')::uuid);
  v_year smallint[] := array(select jsonb_array_elements_text(v_f -> 'year')::smallint);
  v_schedule text[] := array(select jsonb_array_elements_text(v_f -> 'schedule'));
  v_pay_min integer := (v_f ->> 'pay_min')::integer;
  v_deadline date := (v_f ->> 'deadline_from')::date;
  -- the query's words of 3+ letters (at most 6), for typo-tolerant matching word by word
  v_words text[] := array(
    select w from regexp_split_to_table(lower(coalesce(v_q, '')), '[^[:alnum:]]+') w
     where char_length(w) >= 3 limit 6);
  v_typo text;
begin
  if v_q is not null then
    -- A typo: every word of the query is like a word of the title (trigram word similarity).
    -- Both conditions use an index (GIN trigram on title, GIN on search_vector), written exactly as
    -- the index conditions. The title comes first: the heap recheck then reads the TOASTed
    -- search_vector only for rows whose title does not match.
    select string_agg(format('o.title operator(extensions.%%>) $13[%s]', i), ' and ')
      into v_typo from generate_subscripts(v_words, 1) i;
    v_where := array_append(v_where, format($w$(%s
                              or o.search_vector @@ websearch_to_tsquery('russian', $1))$w$,
                              coalesce('(' || v_typo || ')', 'false')));
    -- Relevance from the title only (inline in the row): how closely it contains the query, plus a
    -- bonus when its words match the query's stems.
    v_rank := $r$extensions.word_similarity($1, o.title)
                + case when to_tsvector('russian', o.title) @@ websearch_to_tsquery('russian', $1) then 1 else 0 end$r$;
  end if;
  if cardinality(v_kind) > 0 then v_where := array_append(v_where, 'o.kind::text = any($2)'); end if;
  if cardinality(v_industry) > 0 then v_where := array_append(v_where, 'o.industry_code = any($3)'); end if;
  if cardinality(v_district) > 0 and (v_f ->> 'remote')::boolean then
    v_where := array_append(v_where, '(o.district_code = any($4) or o.is_remote)');
  elsif cardinality(v_district) > 0 then
    v_where := array_append(v_where, 'o.district_code = any($4)');
  elsif (v_f ->> 'remote')::boolean then
    v_where := array_append(v_where, 'o.is_remote');
  end if;
  if cardinality(v_field) > 0 then
    v_where := array_append(v_where, 'exists (select from unnest(o.programme_codes) c where left(c, 2) = any($5))');
  end if;
  if cardinality(v_university) > 0 then
    v_where := array_append(v_where, '(o.university_ids && $6 or cardinality(o.university_ids) = 0)');
  end if;
  if cardinality(v_year) > 0 then
    v_where := array_append(v_where, '(o.years_of_study && $7 or cardinality(o.years_of_study) = 0)');
  end if;
  if (v_f ->> 'paid')::boolean then v_where := array_append(v_where, 'o.is_paid'); end if;
  if v_pay_min is not null then
    v_where := array_append(v_where, 'greatest(coalesce(o.pay_to, 0), coalesce(o.pay_from, 0)) >= $8');
  end if;
  if cardinality(v_schedule) > 0 then v_where := array_append(v_where, 'o.schedule = any($9)'); end if;
  if v_deadline is not null then
    v_where := array_append(v_where, '(o.apply_by >= $10 or o.apply_by is null)');
  end if;

  v_order := case p_sort
    when 'newest' then 'published_at desc, id'
    when 'deadline' then 'apply_by asc nulls last, published_at desc, id'
    when 'pay' then 'pay_max desc, published_at desc, id'
    else 'rank desc, published_at desc, id'
  end;

  v_sql := format($q$
    with matched as materialized (
      -- narrow rows: the page's texts are read for its 20 rows only
      select o.id, o.kind, o.organization_id, o.industry_code, o.district_code, o.is_remote,
             o.programme_codes, o.university_ids, o.years_of_study, o.is_paid, o.schedule, o.apply_by,
             o.published_at, greatest(coalesce(o.pay_to, 0), coalesce(o.pay_from, 0)) as pay_max,
             %s as rank
        from public.opportunities o
        join public.organizations org on org.id = o.organization_id
       where %s
    ),
    page as (
      select m.id, row_number() over (order by %s) as ord
        from (select * from matched order by %s limit $11 offset $12) m
    ),
    -- the scalar facets in one pass
    plain as (
      select grouping(kind) = 0 as by_kind, grouping(industry_code) = 0 as by_industry,
             grouping(district_code) = 0 as by_district, grouping(is_remote) = 0 as by_remote,
             grouping(is_paid) = 0 as by_paid, grouping(schedule) = 0 as by_schedule,
             kind::text as kind, industry_code, district_code, is_remote::text as is_remote,
             is_paid::text as is_paid, schedule, count(*) as n
        from matched
       group by grouping sets ((kind), (industry_code), (district_code), (is_remote), (is_paid), (schedule))
    )
    select jsonb_build_object(
      'total', (select count(*) from matched),
      'hits', coalesce((
        select jsonb_agg(jsonb_build_object(
                 'id', o.id, 'kind', o.kind, 'title', o.title,
                 'description', left(o.description_text, 600),
                 'organization_id', o.organization_id, 'organization_name', org.name,
                 'district_name', d.name, 'is_remote', o.is_remote, 'is_paid', o.is_paid,
                 'pay_from', o.pay_from, 'pay_to', o.pay_to, 'apply_by', o.apply_by,
                 'published_at', o.published_at) order by p.ord)
          from page p
          join public.opportunities o on o.id = p.id
          join public.organizations org on org.id = o.organization_id
          left join public.districts d on d.code = o.district_code), '[]'::jsonb),
      'facets', jsonb_build_object(
        'kind', (select coalesce(jsonb_object_agg(kind, n), '{}') from plain where by_kind),
        'industry_code', (select coalesce(jsonb_object_agg(industry_code, n), '{}') from plain where by_industry and industry_code is not null),
        'district_code', (select coalesce(jsonb_object_agg(district_code, n), '{}') from plain where by_district and district_code is not null),
        'is_remote', (select coalesce(jsonb_object_agg(is_remote, n), '{}') from plain where by_remote),
        'is_paid', (select coalesce(jsonb_object_agg(is_paid, n), '{}') from plain where by_paid),
        'schedule', (select coalesce(jsonb_object_agg(schedule, n), '{}') from plain where by_schedule and schedule is not null),
        'programme_groups', (select coalesce(jsonb_object_agg(k, n), '{}') from (
            select g k, count(*) n from matched m,
              lateral (select distinct left(c, 2) || '.00.00' as g from unnest(m.programme_codes) c) x group by 1) s),
        'university_ids', (select coalesce(jsonb_object_agg(k, n), '{}') from (
            select u::text k, count(*) n from matched m, unnest(m.university_ids) u group by 1) s),
        'years_of_study', (select coalesce(jsonb_object_agg(k, n), '{}') from (
            select y::text k, count(*) n from matched m, unnest(m.years_of_study) y group by 1) s)
      )
    )$q$, v_rank, array_to_string(v_where, ' and '), v_order, v_order);

  execute v_sql into v_result
    using v_q, v_kind, v_industry, v_district, v_field, v_university, v_year, v_pay_min, v_schedule,
          v_deadline, least(greatest(coalesce(p_limit, 20), 1), 100), least(greatest(coalesce(p_offset, 0), 0), 10000), v_words;
  return v_result;
end;
$$;

revoke all on function public.search_opportunities_fallback(text, jsonb, text, integer, integer) from public;
grant execute on function public.search_opportunities_fallback(text, jsonb, text, integer, integer)
  to anon, authenticated, service_role;
