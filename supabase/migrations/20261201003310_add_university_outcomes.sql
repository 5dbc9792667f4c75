-- The university home's table of its students' outcomes (issue 8 item 6): per programme (ОКСО) and
-- calendar year, how many practice placements, stipend awards, target-training agreements and
-- hires its students have. Security invoker: RLS decides what the caller reads, and only the
-- caller's own university is counted.
--   placements         not cancelled, by the year the practice starts
--   stipends           not cancelled, by the year the award starts
--   target agreements  not terminated, by the year the agreement was made
--   hires              confirmed by the graduate (what the city's indicator counts), by start date
create function public.university_outcomes()
returns table (programme_code text, programme_name text, year integer, placements integer, stipends integer,
               target_agreements integer, hires integer)
language sql stable security invoker
set search_path = ''
as $$
  with mine as (select app_private.my_university_ids() as id),
  records as (
    select coalesce(x.programme_code, p.programme_code) as code, extract(year from x.starts_on)::integer as yr,
           'placement' as kind
      from public.practice_placements x left join public.profiles p on p.id = x.student_id
     where x.university_id in (select id from mine) and x.status <> 'cancelled'
    union all
    select p.programme_code, extract(year from s.starts_on)::integer, 'stipend'
      from public.stipend_awards s left join public.profiles p on p.id = s.student_id
     where s.university_id in (select id from mine) and s.status <> 'cancelled'
    union all
    select coalesce(t.programme_code, p.programme_code), extract(year from t.created_at at time zone 'Asia/Novokuznetsk')::integer,
           'agreement'
      from public.target_agreements t left join public.profiles p on p.id = t.student_id
     where t.university_id in (select id from mine) and t.status <> 'terminated'
    union all
    select p.programme_code, extract(year from e.start_date)::integer, 'hire'
      from public.employments e join public.profiles p on p.id = e.person_id
     where p.university_id in (select id from mine) and e.status = 'confirmed'
  )
  select r.code, g.name, r.yr,
         count(*) filter (where r.kind = 'placement')::integer,
         count(*) filter (where r.kind = 'stipend')::integer,
         count(*) filter (where r.kind = 'agreement')::integer,
         count(*) filter (where r.kind = 'hire')::integer
    from records r left join public.programmes g on g.code = r.code
   group by r.code, g.name, r.yr
   order by r.yr desc, r.code nulls last;
$$;
revoke all on function public.university_outcomes() from public;
grant execute on function public.university_outcomes() to authenticated;
