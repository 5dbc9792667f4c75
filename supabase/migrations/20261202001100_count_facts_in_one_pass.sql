-- The facts read each indicator's records of the whole period in one pass again (issue 9, speed).
-- 20261202001000 made the period-wide app_private.indicator_rows_<code>(period) call the new year
-- functions once per year; at city scale (200 000 placements, 180 000 students their universities
-- confirmed) that asked «is this student recognized?» once per record (practices) or built the set
-- of recognized students once per year instead of once per period (stipends, agreements): the cold
-- dashboard took seconds. The period-wide functions are back to the bodies they had before
-- (20261201004000, 004200, 004210, 004310), which read the set once for all years; the year
-- functions keep the same rules for the drill-down, and tests/integration/indicators.test.ts checks
-- that the two agree on every indicator of its fixture.
--
-- The stipend and agreement year functions ask per record instead of building the set of 180 000
-- recognized students for a year's few thousand records.

create or replace function app_private.indicator_rows_organized_practices(p_period_id uuid)
returns table (year int, person_key uuid, record_type text, record_id uuid, on_date date)
language sql stable
set search_path = ''
rows 100000
as $$
  select y.year, coalesce(pp.student_id, pp.id), 'practice_placement', pp.id, pp.starts_on
  from app_private.period_years(p_period_id) y
  join public.practice_placements pp
    on pp.starts_on between y.from_date and y.to_date
   and pp.status in ('confirmed', 'accepted_by_employer', 'in_progress', 'completed', 'closed')
  where pp.student_id is null or pp.student_id in (select app_private.students_recognized_by_university());
$$;

create or replace function app_private.indicator_rows_employer_stipend_students(p_period_id uuid)
returns table (year int, person_key uuid, record_type text, record_id uuid, on_date date)
language sql stable
set search_path = ''
rows 20000
as $$
  select y.year, coalesce(s.student_id, s.id), 'stipend_award', s.id, s.starts_on
  from app_private.period_years(p_period_id) y
  join public.stipend_awards s
    on s.status in ('active', 'finished')
   and date_trunc('month', s.starts_on::timestamp) <= y.to_date
   and date_trunc('month', s.starts_on::timestamp) + make_interval(months => s.months - 1) >= date_trunc('month', y.from_date::timestamp)
  where s.organization_id in (select app_private.kemerovo_employer_ids())
    and (s.student_id is null or s.student_id in (select app_private.students_recognized_by_university()));
$$;

create or replace function app_private.indicator_rows_graduates_hired(p_period_id uuid)
returns table (year int, person_key uuid, record_type text, record_id uuid, on_date date)
language sql stable
set search_path = ''
rows 50000
as $$
  select y.year, coalesce(e.person_id, e.id), 'employment', e.id, e.start_date
  from public.programme_periods p
  join app_private.period_years(p_period_id) y on true
  join public.employments e
    on e.status = 'confirmed'
   and e.start_date between p.starts_on and y.to_date
  where p.id = p_period_id
    and e.organization_id in (select app_private.kemerovo_employer_ids());
$$;

create or replace function app_private.indicator_rows_vacancy_reduction_pct(p_period_id uuid)
returns table (year int, person_key uuid, record_type text, record_id uuid, on_date date)
language sql stable
set search_path = ''
rows 50000
as $$
  select y.year, coalesce(e.person_id, e.id), 'employment', e.id, e.start_date
  from app_private.period_years(p_period_id) y
  join public.employments e
    on e.status = 'confirmed'
   and e.start_date between y.from_date and y.to_date
  where e.organization_id in (select app_private.kemerovo_employer_ids());
$$;

create or replace function app_private.indicator_rows_student_employer_agreements(p_period_id uuid)
returns table (year int, person_key uuid, record_type text, record_id uuid, on_date date)
language sql stable
set search_path = ''
rows 5000
as $$
  with agreements as (
    select t.id, t.student_id,
           (coalesce(ev.at, case when t.status in ('in_force', 'fulfilled') then t.created_at end)
              at time zone 'Asia/Novokuznetsk')::date as in_force_on
    from public.target_agreements t
    left join lateral (
      select min(e.at) as at from public.outcome_events e
      where e.record_type = 'target_agreement' and e.to_status = 'in_force' and e.record_id = t.id
    ) ev on true
    where t.student_id is null or t.student_id in (select app_private.students_recognized_by_university())
  )
  select y.year, coalesce(a.student_id, a.id), 'target_agreement', a.id, a.in_force_on
  from app_private.period_years(p_period_id) y
  join agreements a on a.in_force_on between y.from_date and y.to_date;
$$;

-- (employer_university_contracts and employer_meetings_grade11 read a few hundred records: they stay
-- on their year functions.)

-- The year functions of stipends and agreements: «recognized by the university» asked per record.
create or replace function app_private.indicator_year_rows_employer_stipend_students(p_period_id uuid, p_year int)
returns table (person_key uuid, record_type text, record_id uuid, on_date date, person_id uuid,
               organization_id uuid, university_id uuid)
language sql stable
set search_path = ''
rows 20000
as $$
  select coalesce(s.student_id, s.id), 'stipend_award', s.id, s.starts_on, s.student_id, s.organization_id,
         s.university_id
  from app_private.period_years(p_period_id) y
  join public.stipend_awards s
    on s.status in ('active', 'finished')
   and s.starts_on < (date_trunc('month', y.to_date::timestamp) + interval '1 month')::date
   and date_trunc('month', s.starts_on::timestamp) <= y.to_date
   and date_trunc('month', s.starts_on::timestamp) + make_interval(months => s.months - 1) >= date_trunc('month', y.from_date::timestamp)
  where y.year = p_year
    and s.organization_id in (select app_private.kemerovo_employer_ids())
    and (s.student_id is null
         or (select true from public.profiles sp
              where sp.id = s.student_id and sp.role in ('student', 'graduate')
                and sp.university_id is not null
                and sp.enrolment_status in ('confirmed', 'graduated', 'left')));
$$;

create or replace function app_private.indicator_year_rows_student_employer_agreements(p_period_id uuid, p_year int)
returns table (person_key uuid, record_type text, record_id uuid, on_date date, person_id uuid,
               organization_id uuid, university_id uuid)
language sql stable
set search_path = ''
rows 5000
as $$
  with agreements as (
    select t.id, t.student_id, t.organization_id, t.university_id,
           (coalesce(ev.at, case when t.status in ('in_force', 'fulfilled') then t.created_at end)
              at time zone 'Asia/Novokuznetsk')::date as in_force_on
    from public.target_agreements t
    left join lateral (
      select min(e.at) as at from public.outcome_events e
      where e.record_type = 'target_agreement' and e.to_status = 'in_force' and e.record_id = t.id
    ) ev on true
    where t.student_id is null
       or (select true from public.profiles sp
            where sp.id = t.student_id and sp.role in ('student', 'graduate')
              and sp.university_id is not null
              and sp.enrolment_status in ('confirmed', 'graduated', 'left'))
  )
  select coalesce(a.student_id, a.id), 'target_agreement', a.id, a.in_force_on, a.student_id,
         a.organization_id, a.university_id
  from app_private.period_years(p_period_id) y
  join agreements a on a.in_force_on between y.from_date and y.to_date
  where y.year = p_year;
$$;

-- The set of recognized students (app_private.students_recognized_by_university(), read once per
-- fact) from an index of their ids alone: an index-only scan instead of reading every profile.
create index profiles_recognized_student_idx on public.profiles (id)
  where role in ('student', 'graduate') and university_id is not null
    and enrolment_status in ('confirmed', 'graduated', 'left');

-- The drill-down's filter by a part of a person's name reads a trigram index instead of every
-- profile. Under RLS Postgres may not use an index for ILIKE (not leakproof) before the policies,
-- so the ids come from a definer function that checks the caller is the administration — who reads
-- every profile anyway.
create index profiles_full_name_trgm_idx on public.profiles using gin (full_name extensions.gin_trgm_ops);

create function app_private.people_named_like(p_pattern text) returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if not app_private.is_admin() then
    raise exception 'записи показателей видит только администрация' using errcode = '42501';
  end if;
  return query select p.id from public.profiles p where p.full_name ilike p_pattern;
end;
$$;
revoke all on function app_private.people_named_like(text) from public;
grant execute on function app_private.people_named_like(text) to authenticated, service_role;

create or replace function app_private.indicator_matching_records_sql(p_function text) returns text
language sql immutable
set search_path = ''
as $$
  select format(
    $q$select r.* from app_private.%I($1, $2) r
       where ($3::text is null
              or r.person_id in (select app_private.people_named_like($3))
              or r.organization_id in (select o.id from public.organizations o where o.name ilike $3))
         and ($4::text is null
              or r.university_id in (select u.id from public.organizations u
                                      where u.kind = 'university' and coalesce(u.short_name, u.name) = $4))$q$,
    p_function);
$$;
