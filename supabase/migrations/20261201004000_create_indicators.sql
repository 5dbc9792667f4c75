-- The municipal project's indicators (issue 9 items 1, 2, 7): programme periods, the indicators
-- with their rules in Russian, plans per period × indicator × year (and the baseline) with their
-- history, and the facts computed in SQL from records in confirmed states only.
--
-- How facts are computed. Every computed indicator names, in public.indicators, two functions of
-- its own in app_private:
--   fact_function(period_id)    → (year, fact, details)        one row per year that has data
--   records_function(period_id) → (year, person_key, record_type, record_id, on_date)
--                                  the records behind the number of each year (the drill-down)
-- public.indicator_values(period_id) runs every fact_function and gives one row per indicator ×
-- year of the period (a null fact for the indicators not computed yet); the drill-down
-- public.indicator_records(code, period, year) runs the records_function. Adding an indicator
-- later is: write its two functions, then `update public.indicators set fact_function = …,
-- records_function = …, pending_note = null where code = …`.
--
-- Numbers are never cached: plain SQL over the records (with the partial indexes below), so the
-- dashboard is exactly as fresh as the tables. The person of a record counts once per indicator
-- and year (person_key: the person, or the record itself when the person's account was deleted).
-- "A Kemerovo employer" is an employer organization whose district_code is one of the city's
-- districts or residential areas (public.districts).

create type public.indicator_direction as enum ('growth', 'reduction');

create table public.programme_periods (
  id uuid primary key default gen_random_uuid(),
  name text not null unique check (char_length(btrim(name)) between 2 and 200),
  starts_on date not null,
  ends_on date not null,
  created_by uuid references public.profiles (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  constraint period_dates check (starts_on < ends_on),
  -- plans are kept per calendar year: a period of at most ten of them
  constraint period_span check (extract(year from ends_on) - extract(year from starts_on) < 10)
);

create table public.indicators (
  code text primary key check (code ~ '^[a-z][a-z0-9_]{2,60}$'),
  name text not null,
  unit text not null,
  direction public.indicator_direction not null,
  -- the fact of a year counts everything from the start of the period to the end of that year
  cumulative boolean not null default false,
  -- «как считается», shown next to the number
  rule text not null,
  -- for an indicator not computed yet: what it waits for («данные появятся после …»)
  pending_note text,
  fact_function text check (fact_function ~ '^indicator_[a-z0-9_]+$'),
  records_function text check (records_function ~ '^indicator_[a-z0-9_]+$'),
  sort_order int not null,
  constraint computed_or_pending check ((fact_function is not null) <> (pending_note is not null))
);

-- The plan of a year, or the baseline (year is null): one row per period × indicator × year.
create table public.indicator_plans (
  id uuid primary key default gen_random_uuid(),
  period_id uuid not null references public.programme_periods (id) on delete cascade,
  indicator_code text not null references public.indicators (code),
  year smallint,
  value numeric(14, 2) not null check (value >= 0),
  updated_at timestamptz not null default now(),
  updated_by uuid references public.profiles (id) on delete set null default auth.uid(),
  constraint indicator_plans_one unique nulls not distinct (period_id, indicator_code, year)
);
create index indicator_plans_indicator_idx on public.indicator_plans (indicator_code);

-- Who changed which plan, when, from what to what (written by the trigger below only).
create table public.indicator_plan_history (
  id bigint generated always as identity primary key,
  period_id uuid not null references public.programme_periods (id) on delete cascade,
  indicator_code text not null references public.indicators (code),
  year smallint,
  old_value numeric(14, 2),
  new_value numeric(14, 2),
  changed_by uuid references public.profiles (id) on delete set null,
  changed_at timestamptz not null default now()
);
create index indicator_plan_history_period_idx on public.indicator_plan_history (period_id, changed_at desc);

-- A plan's year lies within its period.
create function app_private.check_plan_year() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v public.programme_periods;
begin
  select * into v from public.programme_periods where id = new.period_id;
  if new.year is not null
     and (new.year < extract(year from v.starts_on) or new.year > extract(year from v.ends_on)) then
    raise exception 'год % вне периода программы', new.year using errcode = '22023', hint = 'year';
  end if;
  new.updated_at := now();
  new.updated_by := auth.uid();
  return new;
end;
$$;
create trigger indicator_plans_check_year before insert or update on public.indicator_plans
  for each row execute function app_private.check_plan_year();

-- Reference data: the indicators of the passport, with their rules ------------------------------

insert into public.indicators (code, name, unit, direction, cumulative, rule, pending_note, fact_function, records_function, sort_order) values
  ('graduates_hired',
   'Трудоустройство выпускников вузов на предприятия города Кемерово',
   'чел.', 'growth', true,
   'Выпускники, приём которых на работу к работодателю из Кемерова (организация в одном из районов города) подтвердили обе стороны: работодатель — документом о приёме, выпускник — на платформе. Дата выхода на работу — в пределах периода программы. Считается накопительно: за год — все принятые с начала периода по конец этого года. Человек считается один раз, сколько бы приёмов у него ни было. Неподтверждённые и отменённые приёмы не считаются. Цель проекта — не менее 30 человек к 31.08.2025.',
   null, 'indicator_fact_graduates_hired', 'indicator_rows_graduates_hired', 1),
  ('employer_university_contracts',
   'Количество договоров между профильными предприятиями-партнерами и вузами',
   'ед.', 'growth', false,
   'Договоры о партнёрстве между работодателем из Кемерова и вузом, действовавшие хотя бы один день в году (в пределах периода программы).',
   'данные появятся после подключения реестра договоров вузов и работодателей', null, null, 2),
  ('organized_practices',
   'Количество организованных практик между предприятиями и вузами',
   'ед.', 'growth', false,
   'Практики студентов на предприятиях, подтверждённые вузом (статусы «подтверждена вузом», «принята работодателем», «идёт», «завершена», «закрыта»; отменённые и ждущие подтверждения вуза не считаются), по году даты начала практики в пределах периода программы. Студент считается один раз в году, сколько бы практик у него ни было.',
   null, 'indicator_fact_organized_practices', 'indicator_rows_organized_practices', 3),
  ('employer_stipend_students',
   'Количество студентов, получающих стипендии от работодателей города Кемерово',
   'чел.', 'growth', false,
   'Студенты со стипендией работодателя из Кемерова, подтверждённой вузом (стипендия назначена или уже выплачена полностью; отменённые и ждущие подтверждения вуза не считаются), если она выплачивалась хотя бы в одном месяце года в пределах периода программы: с месяца начала на указанное число месяцев. Студент считается один раз в году, сколько бы стипендий у него ни было.',
   null, 'indicator_fact_employer_stipend_students', 'indicator_rows_employer_stipend_students', 4),
  ('vacancy_reduction_pct',
   'Доля сокращения вакансий на предприятиях города Кемерово за счет заключенных договоров между работодателями и выпускниками вузов',
   '%', 'reduction', false,
   'Подтверждённые приёмы выпускников к работодателям Кемерова за год ÷ открытые вакансии работодателей Кемерова в снимке банка вакансий, ближайшем к 1 января этого года, × 100 (оба числа показываются).',
   'данные появятся после подключения банка вакансий', null, null, 5),
  ('students_informed_pct',
   'Количество студентов вузов, информированных о профессиях и предприятиях, расположенных на территории Кемерово',
   '%', 'growth', false,
   'Студенты вузов, охваченные за год (вошли на платформу, посетили мероприятие или указаны в импортированной ведомости посещения; каждый — один раз), ÷ численность студентов вузов на этот год, внесённая администрацией, × 100.',
   'данные появятся после учёта мероприятий и численности студентов вузов', null, null, 6),
  ('employer_meetings_grade11',
   'Количество встреч работодателей с обучающимися 11 классов, выбравшими предметы на ЕГЭ, профильные для отраслевых вузов',
   'ед.', 'growth', false,
   'Встречи работодателей с обучающимися 11 классов, проведённые в году, с отмеченным посещением.',
   'данные появятся после подключения мероприятий', null, null, 7),
  ('student_employer_agreements',
   'Количество заключенных соглашений между обучающимися и работодателями',
   'ед.', 'growth', false,
   'Договоры о целевом обучении между студентом и работодателем, вступившие в силу в году в пределах периода программы. Дата вступления в силу — из истории договора (переход в статус «действует»); если её нет, для действующего или исполненного договора — дата его создания. Договоры, не вступившие в силу, не считаются. Студент считается один раз в году.',
   null, 'indicator_fact_student_employer_agreements', 'indicator_rows_student_employer_agreements', 8);

-- The passport's programme, its baseline and plans per year (seed/DIGEST.md).
with period as (
  insert into public.programme_periods (name, starts_on, ends_on, created_by)
  values ('#КемероVоПРОФИ 2023–2025', date '2023-02-01', date '2025-08-31', null)
  returning id
)
insert into public.indicator_plans (period_id, indicator_code, year, value)
select period.id, p.code, p.year, p.value
from period, (values
  ('employer_university_contracts', null::smallint, 18), ('employer_university_contracts', 2023, 20),
  ('employer_university_contracts', 2024, 22), ('employer_university_contracts', 2025, 24),
  ('organized_practices', null, 578), ('organized_practices', 2023, 600),
  ('organized_practices', 2024, 612), ('organized_practices', 2025, 624),
  ('employer_stipend_students', null, 40), ('employer_stipend_students', 2023, 45),
  ('employer_stipend_students', 2024, 50), ('employer_stipend_students', 2025, 54),
  ('vacancy_reduction_pct', null, 2), ('vacancy_reduction_pct', 2023, 2),
  ('vacancy_reduction_pct', 2024, 2), ('vacancy_reduction_pct', 2025, 2),
  ('students_informed_pct', null, 90), ('students_informed_pct', 2023, 90),
  ('students_informed_pct', 2024, 95), ('students_informed_pct', 2025, 100),
  ('graduates_hired', 2025, 30),
  ('employer_meetings_grade11', null, 2), ('employer_meetings_grade11', 2023, 6),
  ('employer_meetings_grade11', 2024, 8), ('employer_meetings_grade11', 2025, 10),
  ('student_employer_agreements', null, 0), ('student_employer_agreements', 2023, 3),
  ('student_employer_agreements', 2024, 8), ('student_employer_agreements', 2025, 10)
) as p (code, year, value);

-- Plan history: every later change (the seeded passport values above are the starting point).
create function app_private.record_plan_change() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and new.value = old.value then
    return null;
  end if;
  insert into public.indicator_plan_history (period_id, indicator_code, year, old_value, new_value, changed_by)
  values (coalesce(new.period_id, old.period_id), coalesce(new.indicator_code, old.indicator_code),
          case when tg_op = 'DELETE' then old.year else new.year end,
          case when tg_op = 'INSERT' then null else old.value end,
          case when tg_op = 'DELETE' then null else new.value end,
          auth.uid());
  return null;
end;
$$;
revoke all on function app_private.record_plan_change() from public;
create trigger indicator_plans_history after insert or update or delete on public.indicator_plans
  for each row execute function app_private.record_plan_change();

-- Who may read and write -----------------------------------------------------------------------

alter table public.programme_periods enable row level security;
alter table public.indicators enable row level security;
alter table public.indicator_plans enable row level security;
alter table public.indicator_plan_history enable row level security;

-- plans and indicators are public: the results page shows them to every citizen
create policy "periods are public" on public.programme_periods for select to anon, authenticated using (true);
create policy "administration adds periods" on public.programme_periods for insert to authenticated
  with check ((select app_private.is_admin()));
create policy "administration edits periods" on public.programme_periods for update to authenticated
  using ((select app_private.is_admin())) with check ((select app_private.is_admin()));

create policy "indicators are public" on public.indicators for select to anon, authenticated using (true);

create policy "plans are public" on public.indicator_plans for select to anon, authenticated using (true);
create policy "administration adds plans" on public.indicator_plans for insert to authenticated
  with check ((select app_private.is_admin()));
create policy "administration edits plans" on public.indicator_plans for update to authenticated
  using ((select app_private.is_admin())) with check ((select app_private.is_admin()));
create policy "administration removes plans" on public.indicator_plans for delete to authenticated
  using ((select app_private.is_admin()));

create policy "administration reads plan history" on public.indicator_plan_history for select to authenticated
  using ((select app_private.is_admin()));

grant select on public.programme_periods, public.indicators, public.indicator_plans to anon, authenticated;
grant insert (name, starts_on, ends_on), update (name, starts_on, ends_on) on public.programme_periods to authenticated;
grant insert (period_id, indicator_code, year, value), update (value), delete on public.indicator_plans to authenticated;
grant select on public.indicator_plan_history to authenticated;
grant all on public.programme_periods, public.indicators, public.indicator_plans, public.indicator_plan_history
  to service_role;

-- An administrator sees every outcome event; this cheap policy (evaluated once per query) spares
-- the indicators the per-row check of "events of outcomes I may read".
create policy "administration sees outcome events" on public.outcome_events for select to authenticated
  using ((select app_private.is_admin()));

-- Indexes the indicators read through (records in counted states only).
create index employments_confirmed_start_idx on public.employments (start_date, organization_id)
  where status = 'confirmed';
create index practice_placements_counted_start_idx on public.practice_placements (starts_on)
  where status in ('confirmed', 'accepted_by_employer', 'in_progress', 'completed', 'closed');
create index stipend_awards_counted_start_idx on public.stipend_awards (starts_on, organization_id)
  where status in ('active', 'finished');
create index outcome_events_in_force_idx on public.outcome_events (record_id, at)
  where record_type = 'target_agreement' and to_status = 'in_force';

-- Computing ------------------------------------------------------------------------------------
-- Invoker functions: they read under the caller's RLS (the administration reads every record).

-- The calendar years of a period, each clipped to the period: 2023 of 01.02.2023–31.08.2025 is
-- 01.02.2023–31.12.2023.
create function app_private.period_years(p_period_id uuid)
returns table (year int, from_date date, to_date date)
language sql stable
set search_path = ''
as $$
  select y, greatest(make_date(y, 1, 1), p.starts_on), least(make_date(y, 12, 31), p.ends_on)
  from public.programme_periods p,
       generate_series(extract(year from p.starts_on)::int, extract(year from p.ends_on)::int) as y
  where p.id = p_period_id;
$$;

-- Employers located in Kemerovo.
create function app_private.kemerovo_employer_ids() returns setof uuid
language sql stable
set search_path = ''
as $$
  select o.id from public.organizations o
  join public.districts d on d.code = o.district_code
  where o.kind = 'employer';
$$;

create function app_private.indicator_rows_organized_practices(p_period_id uuid)
returns table (year int, person_key uuid, record_type text, record_id uuid, on_date date)
language sql stable
set search_path = ''
as $$
  select y.year, coalesce(pp.student_id, pp.id), 'practice_placement', pp.id, pp.starts_on
  from app_private.period_years(p_period_id) y
  join public.practice_placements pp
    on pp.starts_on between y.from_date and y.to_date
   and pp.status in ('confirmed', 'accepted_by_employer', 'in_progress', 'completed', 'closed');
$$;

-- A stipend is paid in the month of its start and the (months − 1) months after it.
create function app_private.indicator_rows_employer_stipend_students(p_period_id uuid)
returns table (year int, person_key uuid, record_type text, record_id uuid, on_date date)
language sql stable
set search_path = ''
as $$
  select y.year, coalesce(s.student_id, s.id), 'stipend_award', s.id, s.starts_on
  from app_private.period_years(p_period_id) y
  join public.stipend_awards s
    on s.status in ('active', 'finished')
   and date_trunc('month', s.starts_on::timestamp) <= y.to_date
   and date_trunc('month', s.starts_on::timestamp) + make_interval(months => s.months - 1) >= date_trunc('month', y.from_date::timestamp)
  where s.organization_id in (select app_private.kemerovo_employer_ids());
$$;

-- Cumulative: the rows of a year are the hires from the start of the period to the end of the year.
create function app_private.indicator_rows_graduates_hired(p_period_id uuid)
returns table (year int, person_key uuid, record_type text, record_id uuid, on_date date)
language sql stable
set search_path = ''
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

-- In force from the first move to «in_force» in the agreement's history; without one, an agreement
-- that is in force or fulfilled counts from its creation.
create function app_private.indicator_rows_student_employer_agreements(p_period_id uuid)
returns table (year int, person_key uuid, record_type text, record_id uuid, on_date date)
language sql stable
set search_path = ''
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
  )
  select y.year, coalesce(a.student_id, a.id), 'target_agreement', a.id, a.in_force_on
  from app_private.period_years(p_period_id) y
  join agreements a on a.in_force_on between y.from_date and y.to_date;
$$;

-- Facts: distinct people per year, with the number of records behind them.
create function app_private.indicator_fact_organized_practices(p_period_id uuid)
returns table (year int, fact numeric, details jsonb)
language sql stable
set search_path = ''
as $$
  select r.year, count(distinct r.person_key)::numeric, jsonb_build_object('records', count(*))
  from app_private.indicator_rows_organized_practices(p_period_id) r group by r.year;
$$;

create function app_private.indicator_fact_employer_stipend_students(p_period_id uuid)
returns table (year int, fact numeric, details jsonb)
language sql stable
set search_path = ''
as $$
  select r.year, count(distinct r.person_key)::numeric, jsonb_build_object('records', count(*))
  from app_private.indicator_rows_employer_stipend_students(p_period_id) r group by r.year;
$$;

create function app_private.indicator_fact_student_employer_agreements(p_period_id uuid)
returns table (year int, fact numeric, details jsonb)
language sql stable
set search_path = ''
as $$
  select r.year, count(distinct r.person_key)::numeric, jsonb_build_object('records', count(*))
  from app_private.indicator_rows_student_employer_agreements(p_period_id) r group by r.year;
$$;

-- details.new: people whose first hire in the period falls in that year.
create function app_private.indicator_fact_graduates_hired(p_period_id uuid)
returns table (year int, fact numeric, details jsonb)
language sql stable
set search_path = ''
as $$
  with r as (select * from app_private.indicator_rows_graduates_hired(p_period_id)),
  first_hire as (select person_key, min(on_date) as on_date from r group by person_key)
  select r.year, count(distinct r.person_key)::numeric,
         jsonb_build_object('records', count(*),
           'new', (select count(*) from first_hire f where extract(year from f.on_date) = r.year))
  from r group by r.year;
$$;

-- Every indicator × year of the period: plan, baseline and fact (null while not computed).
create function public.indicator_values(p_period_id uuid)
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
      case when v.fact_function is null then 'null::numeric' else 'coalesce(f.fact, 0)' end,
      case when v.fact_function is null then 'null::jsonb' else 'f.details' end,
      case when v.fact_function is null then ''
           else format('left join app_private.%I($2) f on f.year = y.year', v.fact_function) end)
    using v.code, p_period_id;
  end loop;
end;
$$;

-- The records behind one number (the drill-down): administrators only. Invoker, so RLS applies
-- to every table read as well.
create function public.indicator_records(p_indicator_code text, p_period_id uuid, p_year int)
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
    ) x
    left join public.profiles pr on pr.id = x.person_id
    left join public.organizations org on org.id = x.organization_id
    left join public.organizations uni on uni.id = x.university_id
    order by r.on_date, pr.full_name$q$, v_function)
  using p_period_id, p_year;
end;
$$;

-- The 30-hire goal month by month: people hired (first hire in the period) up to each month's end,
-- null for the months still ahead. Counts only, so it is public.
create function public.graduates_hired_by_month(p_period_id uuid)
returns table (month date, hired int)
language sql stable security definer
set search_path = ''
as $$
  with p as (select * from public.programme_periods where id = p_period_id),
  first_hire as (
    select coalesce(e.person_id, e.id) as person_key, min(e.start_date) as on_date
    from p join public.employments e
      on e.status = 'confirmed' and e.start_date between p.starts_on and p.ends_on
    where e.organization_id in (select app_private.kemerovo_employer_ids())
    group by 1
  )
  select m::date,
         case when m <= date_trunc('month', (now() at time zone 'Asia/Novokuznetsk')::date::timestamp)
              then (select count(*) from first_hire f where f.on_date < m + interval '1 month')::int end
  from p, generate_series(date_trunc('month', p.starts_on::timestamp), date_trunc('month', p.ends_on::timestamp),
                          interval '1 month') as m
  order by 1;
$$;

-- The public results page: the same numbers, aggregated only (no record, no person). Security
-- definer on purpose: a visitor has no right to the records, only to these counts.
create function public.indicator_results(p_period_id uuid)
returns table (indicator_code text, year int, plan numeric, baseline numeric, fact numeric)
language sql stable security definer
set search_path = ''
as $$
  select v.indicator_code, v.year, v.plan, v.baseline, v.fact from public.indicator_values(p_period_id) v;
$$;

-- Plans of a period in one transaction: [{code, year (null: baseline), value (null: remove)}].
-- Invoker: the RLS policies above let only the administration write.
create function public.save_indicator_plans(p_period_id uuid, p_plans jsonb) returns int
language plpgsql
set search_path = ''
as $$
declare
  v jsonb;
  v_code text;
  v_year smallint;
  v_value numeric;
  v_count int := 0;
begin
  if not app_private.is_admin() then
    raise exception 'планы меняет только администрация' using errcode = '42501';
  end if;
  if not exists (select from public.programme_periods where id = p_period_id) then
    raise exception 'период программы не найден' using errcode = '22023', hint = 'period';
  end if;
  if jsonb_typeof(p_plans) is distinct from 'array' then
    raise exception 'планы не переданы' using errcode = '22023';
  end if;
  for v in select * from jsonb_array_elements(p_plans) loop
    v_code := v ->> 'code';
    v_year := (v ->> 'year')::smallint;
    if not exists (select from public.indicators where code = v_code) then
      raise exception 'нет такого показателя: %', v_code using errcode = '22023';
    end if;
    begin
      v_value := (v ->> 'value')::numeric;
    exception when others then
      raise exception 'план — число' using errcode = '22023',
        hint = format('plan:%s:%s', v_code, coalesce(v_year::text, 'base'));
    end;
    if v_value is null then
      delete from public.indicator_plans
       where period_id = p_period_id and indicator_code = v_code and year is not distinct from v_year;
    else
      if v_value < 0 or v_value > 999999999999 then
        raise exception 'план не может быть отрицательным' using errcode = '22023',
          hint = format('plan:%s:%s', v_code, coalesce(v_year::text, 'base'));
      end if;
      insert into public.indicator_plans (period_id, indicator_code, year, value)
      values (p_period_id, v_code, v_year, v_value)
      on conflict (period_id, indicator_code, year) do update set value = excluded.value
      where public.indicator_plans.value is distinct from excluded.value;
    end if;
    v_count := v_count + 1;
  end loop;
  return v_count;
end;
$$;

revoke all on function app_private.check_plan_year(), app_private.period_years(uuid),
  app_private.kemerovo_employer_ids(), app_private.indicator_rows_organized_practices(uuid),
  app_private.indicator_rows_employer_stipend_students(uuid), app_private.indicator_rows_graduates_hired(uuid),
  app_private.indicator_rows_student_employer_agreements(uuid), app_private.indicator_fact_organized_practices(uuid),
  app_private.indicator_fact_employer_stipend_students(uuid), app_private.indicator_fact_graduates_hired(uuid),
  app_private.indicator_fact_student_employer_agreements(uuid), public.indicator_values(uuid),
  public.indicator_records(text, uuid, int), public.graduates_hired_by_month(uuid), public.indicator_results(uuid),
  public.save_indicator_plans(uuid, jsonb)
  from public;
grant execute on function app_private.period_years(uuid), app_private.kemerovo_employer_ids(),
  app_private.indicator_rows_organized_practices(uuid), app_private.indicator_rows_employer_stipend_students(uuid),
  app_private.indicator_rows_graduates_hired(uuid), app_private.indicator_rows_student_employer_agreements(uuid),
  app_private.indicator_fact_organized_practices(uuid), app_private.indicator_fact_employer_stipend_students(uuid),
  app_private.indicator_fact_graduates_hired(uuid), app_private.indicator_fact_student_employer_agreements(uuid),
  public.indicator_values(uuid), public.indicator_records(text, uuid, int), public.save_indicator_plans(uuid, jsonb)
  to authenticated, service_role;
grant execute on function public.graduates_hired_by_month(uuid), public.indicator_results(uuid)
  to anon, authenticated, service_role;
