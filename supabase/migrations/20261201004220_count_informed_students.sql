-- students_informed_pct (issue 9 item 2): students of the universities reached in the year ÷ the
-- universities' student numbers for that year, entered by the administration, × 100.
--
-- Reached, as identified people on the platform (each once a year, however many ways):
--   • signed in during the year (within the period) — public.student_sign_in_years, one row per
--     person and year with the first and last time seen, written by a trigger on better-auth's sessions (a session is deleted on sign-out or expiry, so the log
--     keeps what the sessions forget; filled from the sessions still there when this migration runs);
--   • attended an event held in the year (attendance recorded by the organizer).
-- Reached, as head-counts without people: rows of imported attendance registers, through
-- app_private.indicator_informed_imported(period) — empty until the registers import replaces it
-- (`create or replace`, same signature) — added to the numerator and shown apart.
-- Counted people are students recognized by their university (app_private.students_recognized_by_university)
-- who were students in that year (role «student», or a graduate whose graduation year is not before it),
-- of a university that has a student number for the year. Without any student number for the year
-- there is no percentage (fact null, details.reason = 'no_student_numbers').

-- The administration's student numbers -----------------------------------------------------------

create table public.university_student_numbers (
  university_id uuid not null references public.organizations (id),
  year smallint not null check (year between 2000 and 2100),
  students integer not null check (students between 1 and 1000000),
  updated_at timestamptz not null default now(),
  updated_by uuid references public.profiles (id) on delete set null default auth.uid(),
  primary key (university_id, year)
);
create index university_student_numbers_year_idx on public.university_student_numbers (year);

alter table public.university_student_numbers enable row level security;
create policy "administration reads student numbers" on public.university_student_numbers for select
  to authenticated using ((select app_private.is_admin()));
create policy "administration adds student numbers" on public.university_student_numbers for insert
  to authenticated with check ((select app_private.is_admin()));
create policy "administration edits student numbers" on public.university_student_numbers for update
  to authenticated using ((select app_private.is_admin())) with check ((select app_private.is_admin()));
grant select, insert (university_id, year, students), update (students, updated_at, updated_by)
  on public.university_student_numbers
  to authenticated;
grant all on public.university_student_numbers to service_role;

-- One number, checked with the field in the hint of each refusal. Invoker: RLS lets only the
-- administration write.
create function public.set_university_student_number(p_university_id uuid, p_year int, p_students int)
returns void
language plpgsql
set search_path = ''
as $$
begin
  if not app_private.is_admin() then
    raise exception 'численность студентов вносит только администрация' using errcode = '42501';
  end if;
  if p_university_id is null
     or not exists (select from public.organizations where id = p_university_id and kind = 'university') then
    raise exception 'выберите вуз' using errcode = '22023', hint = 'university_id';
  end if;
  if p_year is null or p_year not between 2000 and 2100 then
    raise exception 'год — от 2000 до 2100' using errcode = '22023', hint = 'year';
  end if;
  if p_students is null or p_students not between 1 and 1000000 then
    raise exception 'численность студентов — целое число от 1 до 1 000 000' using errcode = '22023', hint = 'students';
  end if;
  insert into public.university_student_numbers (university_id, year, students)
  values (p_university_id, p_year, p_students)
  on conflict (university_id, year) do update
    set students = excluded.students, updated_at = now(), updated_by = auth.uid();
end;
$$;
revoke all on function public.set_university_student_number(uuid, int, int) from public;
grant execute on function public.set_university_student_number(uuid, int, int) to authenticated;

-- Sign-ins per person and year -------------------------------------------------------------------

create table public.student_sign_in_years (
  id uuid not null unique default gen_random_uuid(),
  profile_id uuid not null references public.profiles (id) on delete cascade,
  year smallint not null,
  first_at timestamptz not null,
  last_at timestamptz not null,
  primary key (profile_id, year)
);
create index student_sign_in_years_year_idx on public.student_sign_in_years (year);

alter table public.student_sign_in_years enable row level security;
create policy "administration reads sign-ins" on public.student_sign_in_years for select
  to authenticated using ((select app_private.is_admin()));
grant select on public.student_sign_in_years to authenticated;
grant all on public.student_sign_in_years to service_role;

-- A session created or refreshed: the student was on the platform that year (Kemerovo time).
create function app_private.record_student_sign_in() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into public.student_sign_in_years (profile_id, year, first_at, last_at)
  select p.id, extract(year from now() at time zone 'Asia/Novokuznetsk')::smallint, now(), now()
    from public.profiles p
   where p.id = new."userId" and p.role in ('student', 'graduate')
  on conflict (profile_id, year) do update set last_at = excluded.last_at
    where public.student_sign_in_years.last_at < excluded.last_at - interval '1 hour';
  return null;
end;
$$;
revoke all on function app_private.record_student_sign_in() from public;
create trigger session_record_student_sign_in after insert or update on better_auth."session"
  for each row execute function app_private.record_student_sign_in();

-- A student's first sign-in is before their profile exists (sign-up): the profile counts too.
create function app_private.record_student_profile_sign_in() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.role in ('student', 'graduate') then
    insert into public.student_sign_in_years (profile_id, year, first_at, last_at)
    values (new.id, extract(year from now() at time zone 'Asia/Novokuznetsk')::smallint, now(), now())
    on conflict (profile_id, year) do nothing;
  end if;
  return null;
end;
$$;
revoke all on function app_private.record_student_profile_sign_in() from public;
create trigger profiles_record_student_sign_in after insert on public.profiles
  for each row execute function app_private.record_student_profile_sign_in();

insert into public.student_sign_in_years (profile_id, year, first_at, last_at)
select s."userId", extract(year from s."createdAt" at time zone 'Asia/Novokuznetsk')::smallint, min(s."createdAt"),
       max(s."createdAt")
  from better_auth."session" s join public.profiles p on p.id = s."userId" and p.role in ('student', 'graduate')
 group by 1, 2
on conflict (profile_id, year) do nothing;

-- Computing --------------------------------------------------------------------------------------

-- Head-counts of imported attendance registers: (year, university — null when the register does not
-- say —, head-count, source). Nothing is imported yet; the registers import replaces this function.
create function app_private.indicator_informed_imported(p_period_id uuid)
returns table (year int, university_id uuid, headcount bigint, source text)
language sql stable
set search_path = ''
as $$
  select null::int, null::uuid, null::bigint, null::text where false;
$$;

-- Every way a student was reached in a year of the period, students of any university.
create function app_private.informed_students_reached(p_period_id uuid)
returns table (year int, person_id uuid, university_id uuid, record_type text, record_id uuid, on_date date)
language sql stable
set search_path = ''
as $$
  with ways as (
    select y.year, si.profile_id as person_id, 'sign_in' as record_type, si.id as record_id,
           greatest((si.first_at at time zone 'Asia/Novokuznetsk')::date, y.from_date) as on_date
    from app_private.period_years(p_period_id) y
    join public.student_sign_in_years si on si.year = y.year
    where (si.first_at at time zone 'Asia/Novokuznetsk')::date <= y.to_date
      and (si.last_at at time zone 'Asia/Novokuznetsk')::date >= y.from_date
    union all
    select y.year, r.person_id, 'event_attendance', r.id, (e.starts_at at time zone 'Asia/Novokuznetsk')::date
    from app_private.period_years(p_period_id) y
    join public.events e
      on e.status = 'held' and e.attendance_recorded_at is not null
     and (e.starts_at at time zone 'Asia/Novokuznetsk')::date between y.from_date and y.to_date
    join public.event_registrations r on r.event_id = e.id and r.attended
  )
  select w.year, w.person_id, p.university_id, w.record_type, w.record_id, w.on_date
  from ways w
  join public.profiles p on p.id = w.person_id
  where w.person_id in (select app_private.students_recognized_by_university())
    and (p.role = 'student' or (p.role = 'graduate' and p.graduation_year >= w.year));
$$;

-- The records behind the number: the ways students of universities with a number were reached.
create function app_private.indicator_rows_students_informed_pct(p_period_id uuid)
returns table (year int, person_key uuid, record_type text, record_id uuid, on_date date)
language sql stable
set search_path = ''
as $$
  select r.year, r.person_id, r.record_type, r.record_id, r.on_date
  from app_private.informed_students_reached(p_period_id) r
  join public.university_student_numbers n on n.university_id = r.university_id and n.year = r.year;
$$;

-- One row per year of the period, so that a year without student numbers says so.
create function app_private.indicator_fact_students_informed_pct(p_period_id uuid)
returns table (year int, fact numeric, details jsonb)
language sql stable
set search_path = ''
as $$
  with reached as (select * from app_private.informed_students_reached(p_period_id)),
  numbers as (
    select n.year, sum(n.students)::bigint as students, count(*) as universities
    from public.university_student_numbers n group by n.year
  ),
  counted as (
    select r.year, count(distinct r.person_id) as identified, count(*) as records
    from reached r
    join public.university_student_numbers n on n.university_id = r.university_id and n.year = r.year
    group by r.year
  ),
  uncounted as (
    select r.year, count(distinct r.person_id) as people
    from reached r
    where not exists (select from public.university_student_numbers n
                       where n.university_id = r.university_id and n.year = r.year)
    group by r.year
  ),
  imported as (
    select i.year, sum(i.headcount)::bigint as headcount from app_private.indicator_informed_imported(p_period_id) i
    group by i.year
  )
  select y.year,
         case when coalesce(nb.students, 0) > 0
              then round(100.0 * (coalesce(c.identified, 0) + coalesce(im.headcount, 0)) / nb.students, 1) end,
         jsonb_strip_nulls(jsonb_build_object(
           'records', coalesce(c.records, 0),
           'identified', coalesce(c.identified, 0),
           'imported', coalesce(im.headcount, 0),
           'students', nb.students,
           'universities', coalesce(nb.universities, 0),
           'without_number', coalesce(u.people, 0),
           'reason', case when coalesce(nb.students, 0) = 0 then 'no_student_numbers' end))
  from app_private.period_years(p_period_id) y
  left join numbers nb on nb.year = y.year
  left join counted c on c.year = y.year
  left join uncounted u on u.year = y.year
  left join imported im on im.year = y.year;
$$;

-- A fact function may now give a year with no fact (a percentage without its denominator): that
-- stays null instead of becoming 0. A year the function does not give at all is still 0.
create or replace function public.indicator_values(p_period_id uuid)
returns table (indicator_code text, year int, plan numeric, baseline numeric, fact numeric, details jsonb)
language plpgsql stable
set search_path = ''
as $$
declare
  v record;
begin
  for v in select i.code, i.fact_function from public.indicators i order by i.sort_order loop
    return query execute format(
      $q$select $1::text, y.year, pl.value, bl.value, %s, coalesce(%s, '{}'::jsonb)
           from app_private.period_years($2) y
           %s
           left join public.indicator_plans pl
             on pl.period_id = $2 and pl.indicator_code = $1 and pl.year = y.year
           left join public.indicator_plans bl
             on bl.period_id = $2 and bl.indicator_code = $1 and bl.year is null
          order by y.year$q$,
      case when v.fact_function is null then 'null::numeric'
           else 'case when f.year is null then 0 else f.fact end' end,
      case when v.fact_function is null then 'null::jsonb' else 'f.details' end,
      case when v.fact_function is null then ''
           else format('left join app_private.%I($2) f on f.year = y.year', v.fact_function) end)
    using v.code, p_period_id;
  end loop;
end;
$$;

-- The fact and details of one indicator and year (the drill-down's heading): administrators only.
create function public.indicator_fact(p_indicator_code text, p_period_id uuid, p_year int)
returns table (fact numeric, details jsonb)
language plpgsql stable
set search_path = ''
as $$
declare
  v_function text;
begin
  if not app_private.is_admin() then
    raise exception 'показатели с подробностями видит только администрация' using errcode = '42501';
  end if;
  select i.fact_function into v_function from public.indicators i where i.code = p_indicator_code;
  if v_function is null then
    return;
  end if;
  return query execute format('select f.fact, f.details from app_private.%I($1) f where f.year = $2', v_function)
  using p_period_id, p_year;
end;
$$;

-- The records behind one number: also sign-ins and event attendance.
create or replace function public.indicator_records(p_indicator_code text, p_period_id uuid, p_year int)
returns table (
  record_type text, record_id uuid, on_date date, person_id uuid, person_name text,
  organization_id uuid, organization_name text, university_name text, starts_on date, ends_on date,
  status text, document text, source text
)
language plpgsql stable
set search_path = ''
as $$
declare
  v_function text;
begin
  if not app_private.is_admin() then
    raise exception 'записи показателей видит только администрация' using errcode = '42501';
  end if;
  select i.records_function into v_function from public.indicators i where i.code = p_indicator_code;
  if v_function is null then
    return;
  end if;
  return query execute format(
    $q$with r as (select * from app_private.%I($1) where year = $2)
    select r.record_type, r.record_id, r.on_date, x.person_id, pr.full_name, x.organization_id, org.name,
           coalesce(uni.short_name, uni.name), x.starts_on, x.ends_on, x.status, x.document, x.source
    from r
    cross join lateral (
      select e.person_id, e.organization_id, e.start_date as starts_on, null::date as ends_on, e.status::text,
             (case e.document_kind when 'order' then 'Приказ' else 'Трудовой договор' end)
               || ' № ' || e.document_number || ' от ' || to_char(e.document_date, 'DD.MM.YYYY') as document,
             e.source, pe.university_id
      from public.employments e left join public.profiles pe on pe.id = e.person_id
      where r.record_type = 'employment' and e.id = r.record_id
      union all
      select pp.student_id, pp.organization_id, pp.starts_on, pp.ends_on, pp.status::text, null, 'platform',
             pp.university_id
      from public.practice_placements pp where r.record_type = 'practice_placement' and pp.id = r.record_id
      union all
      select s.student_id, s.organization_id, s.starts_on,
             (s.starts_on + make_interval(months => s.months::int) - interval '1 day')::date, s.status::text,
             case when s.order_number is not null then 'Приказ № ' || s.order_number end, 'platform',
             s.university_id
      from public.stipend_awards s where r.record_type = 'stipend_award' and s.id = r.record_id
      union all
      select t.student_id, t.organization_id, r.on_date, null, t.status::text, null, 'platform', t.university_id
      from public.target_agreements t where r.record_type = 'target_agreement' and t.id = r.record_id
      union all
      select null::uuid, c.employer_id, c.valid_from, c.valid_to, c.status::text,
             'Договор ' || case c.kind when 'practice' then 'о практической подготовке'
                                       when 'cooperation' then 'о сотрудничестве'
                                       else 'о целевом обучении' end
               || ' № ' || c.number || ' от ' || to_char(c.signed_on, 'DD.MM.YYYY'),
             'platform', c.university_id
      from public.partnership_contracts c where r.record_type = 'partnership_contract' and c.id = r.record_id
      union all
      select null::uuid, case when o.kind = 'employer' then ev.organization_id end, r.on_date, null, ev.status::text,
             ev.title || ' — пришли: школьников ' ||
               (select coalesce(sum(g.attended_count), 0) from public.event_school_groups g
                 where g.event_id = ev.id and g.status = 'registered')
               || ', студентов ' ||
               (select count(*) from public.event_registrations er where er.event_id = ev.id and er.attended),
             'platform', case when o.kind = 'university' then ev.organization_id end
      from public.events ev join public.organizations o on o.id = ev.organization_id
      where r.record_type = 'event' and ev.id = r.record_id
      union all
      select si.profile_id, null::uuid, r.on_date, null, 'signed_in', 'Вход на платформу в ' || si.year || ' году',
             'platform', ps.university_id
      from public.student_sign_in_years si join public.profiles ps on ps.id = si.profile_id
      where r.record_type = 'sign_in' and si.id = r.record_id
      union all
      select er.person_id, case when o.kind = 'employer' then ev.organization_id end, r.on_date, null, 'attended',
             ev.title, 'platform', pa.university_id
      from public.event_registrations er
      join public.events ev on ev.id = er.event_id
      join public.organizations o on o.id = ev.organization_id
      join public.profiles pa on pa.id = er.person_id
      where r.record_type = 'event_attendance' and er.id = r.record_id
    ) x
    left join public.profiles pr on pr.id = x.person_id
    left join public.organizations org on org.id = x.organization_id
    left join public.organizations uni on uni.id = x.university_id
    order by r.on_date, pr.full_name, x.document$q$, v_function)
  using p_period_id, p_year;
end;
$$;

update public.indicators set
  rule = 'Студенты вузов, охваченные за год, ÷ численность студентов этих вузов на этот год, внесённая администрацией, × 100. Охваченные на платформе — студенты, подтверждённые своим вузом, которые в этом году входили на платформу или пришли на проведённое мероприятие (посещаемость отмечена организатором); каждый считается один раз, сколькими бы способами его ни охватили. Выпускник считается студентом до года выпуска включительно. Учитываются студенты только тех вузов, для которых внесена численность на этот год. К ним прибавляются численности из импортированных ведомостей посещения (без имён; показываются отдельно). Если численность студентов на год не внесена ни для одного вуза, процент не считается.',
  pending_note = null,
  fact_function = 'indicator_fact_students_informed_pct',
  records_function = 'indicator_rows_students_informed_pct'
where code = 'students_informed_pct';

create index event_registrations_attended_idx on public.event_registrations (event_id) where attended;

revoke all on function app_private.indicator_informed_imported(uuid), app_private.informed_students_reached(uuid),
  app_private.indicator_rows_students_informed_pct(uuid), app_private.indicator_fact_students_informed_pct(uuid),
  public.indicator_fact(text, uuid, int)
  from public;
grant execute on function app_private.indicator_informed_imported(uuid), app_private.informed_students_reached(uuid),
  app_private.indicator_rows_students_informed_pct(uuid), app_private.indicator_fact_students_informed_pct(uuid),
  public.indicator_fact(text, uuid, int)
  to authenticated, service_role;
