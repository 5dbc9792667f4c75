-- The drill-down pages its records in SQL (issue 9, speed: a drill-down page p95 ≤ 150 ms at city
-- scale). Before, public.indicator_records computed every record of every year of the period with
-- all its details (person, employer, university, document), the page took the first 5 000 of them
-- and its summary counted only those. Now:
--
--   app_private.indicator_year_rows_<code>(period, year) — the records behind one year's number, the
--     year filtered inside the function, with the person, employer and university each record is
--     shown with, so that the page's filters need no details. The three large ones (practices,
--     hires, vacancy reduction) are plain SQL without `set search_path`, so the planner inlines
--     them: a page then walks the index in page order (date, id) and stops after its records,
--     instead of computing the whole year first (a function with `set search_path` is never
--     inlined). Their names are fully qualified, and they are invoker functions (RLS applies).
--   public.indicator_records_page(code, period, year, q, university, limit, offset) — one page of
--     the matching records in a stable order (date, record id), with details looked up for that
--     page only;
--   public.indicator_records_summary(code, period, year, q, university) — the total and the people
--     of ALL matching records;
--   the period-wide app_private.indicator_rows_<code>(period) that the facts read are now the year
--     functions over the period's years: each rule is written once.
--
-- students_informed_pct keeps its own period-wide functions (its fact counts more than its rows);
-- its year function filters their rows. public.indicator_records (every record of a year) stays as
-- it was for callers of the old interface; the app reads the two functions above.

alter table public.indicators
  add column year_records_function text check (year_records_function ~ '^indicator_[a-z0-9_]+$');

-- Records of one year ------------------------------------------------------------------------------

create function app_private.indicator_year_rows_organized_practices(p_period_id uuid, p_year int)
returns table (person_key uuid, record_type text, record_id uuid, on_date date, person_id uuid,
               organization_id uuid, university_id uuid)
language sql stable
rows 70000
as $$
  select coalesce(pp.student_id, pp.id), 'practice_placement'::text, pp.id, pp.starts_on, pp.student_id,
         pp.organization_id, pp.university_id
  from public.practice_placements pp
  where pp.status in ('confirmed', 'accepted_by_employer', 'in_progress', 'completed', 'closed')
    and pp.starts_on >= (select y.from_date from app_private.period_years(p_period_id) y where y.year = p_year)
    and pp.starts_on <= (select y.to_date from app_private.period_years(p_period_id) y where y.year = p_year)
    -- app_private.students_recognized_by_university(), asked per record (an index probe): a page
    -- reads a few records, not every recognized student
    and (pp.student_id is null
         or (select true from public.profiles sp
              where sp.id = pp.student_id and sp.role in ('student', 'graduate')
                and sp.university_id is not null
                and sp.enrolment_status in ('confirmed', 'graduated', 'left')));
$$;

-- A stipend is paid in the month of its start and the (months − 1) months after it; the start is at
-- the latest in the last month of the year.
create function app_private.indicator_year_rows_employer_stipend_students(p_period_id uuid, p_year int)
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
    and (s.student_id is null or s.student_id in (select app_private.students_recognized_by_university()));
$$;

-- Cumulative: the hires from the start of the period to the end of the year.
create function app_private.indicator_year_rows_graduates_hired(p_period_id uuid, p_year int)
returns table (person_key uuid, record_type text, record_id uuid, on_date date, person_id uuid,
               organization_id uuid, university_id uuid)
language sql stable
rows 50000
as $$
  select coalesce(e.person_id, e.id), 'employment'::text, e.id, e.start_date, e.person_id, e.organization_id,
         (select pe.university_id from public.profiles pe where pe.id = e.person_id)
  from public.employments e
  where e.status = 'confirmed'
    and e.start_date >= (select p.starts_on from public.programme_periods p where p.id = p_period_id)
    and e.start_date <= (select y.to_date from app_private.period_years(p_period_id) y where y.year = p_year)
    -- an array, not a semi-join: the scan keeps the index's order for a page
    and e.organization_id = any (array(select app_private.kemerovo_employer_ids()));
$$;

create function app_private.indicator_year_rows_vacancy_reduction_pct(p_period_id uuid, p_year int)
returns table (person_key uuid, record_type text, record_id uuid, on_date date, person_id uuid,
               organization_id uuid, university_id uuid)
language sql stable
rows 20000
as $$
  select coalesce(e.person_id, e.id), 'employment'::text, e.id, e.start_date, e.person_id, e.organization_id,
         (select pe.university_id from public.profiles pe where pe.id = e.person_id)
  from public.employments e
  where e.status = 'confirmed'
    and e.start_date >= (select y.from_date from app_private.period_years(p_period_id) y where y.year = p_year)
    and e.start_date <= (select y.to_date from app_private.period_years(p_period_id) y where y.year = p_year)
    -- an array, not a semi-join: the scan keeps the index's order for a page
    and e.organization_id = any (array(select app_private.kemerovo_employer_ids()));
$$;

-- In force from the first move to «in_force» in the agreement's history; without one, an agreement
-- that is in force or fulfilled counts from its creation.
create function app_private.indicator_year_rows_student_employer_agreements(p_period_id uuid, p_year int)
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
    where t.student_id is null or t.student_id in (select app_private.students_recognized_by_university())
  )
  select coalesce(a.student_id, a.id), 'target_agreement', a.id, a.in_force_on, a.student_id,
         a.organization_id, a.university_id
  from app_private.period_years(p_period_id) y
  join agreements a on a.in_force_on between y.from_date and y.to_date
  where y.year = p_year;
$$;

create function app_private.indicator_year_rows_employer_university_contracts(p_period_id uuid, p_year int)
returns table (person_key uuid, record_type text, record_id uuid, on_date date, person_id uuid,
               organization_id uuid, university_id uuid)
language sql stable
set search_path = ''
as $$
  with terms as (
    select c.id, c.valid_from, c.employer_id, c.university_id,
           least(c.valid_to,
                 case when c.status = 'terminated'
                      then (coalesce(ev.terminated_at, c.status_changed_at) at time zone 'Asia/Novokuznetsk')::date end,
                 (ev.expired_at at time zone 'Asia/Novokuznetsk')::date - 1) as valid_until
    from public.partnership_contracts c
    join public.organizations u on u.id = c.university_id and u.kind = 'university'
    left join lateral (
      select min(e.at) filter (where e.to_status = 'terminated') as terminated_at,
             min(e.at) filter (where e.to_status = 'expired') as expired_at
      from public.contract_events e where e.contract_id = c.id
    ) ev on true
    where c.status in ('active', 'expired', 'terminated')
      and c.employer_id in (select app_private.kemerovo_employer_ids())
  )
  select t.id, 'partnership_contract', t.id, greatest(t.valid_from, y.from_date), null::uuid, t.employer_id,
         t.university_id
  from app_private.period_years(p_period_id) y
  join terms t
    on t.valid_from <= y.to_date
   and (t.valid_until is null or (t.valid_until >= y.from_date and t.valid_until >= t.valid_from))
  where y.year = p_year;
$$;

-- An event is shown with its organizer: as the employer, or as the university.
create function app_private.indicator_year_rows_employer_meetings_grade11(p_period_id uuid, p_year int)
returns table (person_key uuid, record_type text, record_id uuid, on_date date, person_id uuid,
               organization_id uuid, university_id uuid)
language sql stable
set search_path = ''
as $$
  select e.id, 'event', e.id, (e.starts_at at time zone 'Asia/Novokuznetsk')::date, null::uuid,
         case when o.kind = 'employer' then e.organization_id end,
         case when o.kind = 'university' then e.organization_id end
  from app_private.period_years(p_period_id) y
  join public.events e
    on e.kind = 'school_meeting' and e.status = 'held' and e.attendance_recorded_at is not null
   and (e.starts_at at time zone 'Asia/Novokuznetsk')::date between y.from_date and y.to_date
  join public.organizations o on o.id = e.organization_id
  where y.year = p_year
    and (exists (select from public.event_registrations r where r.event_id = e.id and r.attended)
         or exists (select from public.event_school_groups g
                     where g.event_id = e.id and g.status = 'registered' and g.attended_count > 0));
$$;

-- A sign-in is shown with the student's university; an attendance with the event's employer (if an
-- employer organized it) and the student's university.
create function app_private.indicator_year_rows_students_informed_pct(p_period_id uuid, p_year int)
returns table (person_key uuid, record_type text, record_id uuid, on_date date, person_id uuid,
               organization_id uuid, university_id uuid)
language sql stable
set search_path = ''
as $$
  select r.person_key, r.record_type, r.record_id, r.on_date, r.person_key,
         (select case when o.kind = 'employer' then ev.organization_id end
            from public.event_registrations er
            join public.events ev on ev.id = er.event_id
            join public.organizations o on o.id = ev.organization_id
           where r.record_type = 'event_attendance' and er.id = r.record_id),
         p.university_id
  from app_private.indicator_rows_students_informed_pct(p_period_id) r
  left join public.profiles p on p.id = r.person_key
  where r.year = p_year;
$$;

-- The period-wide records the facts count: the year functions over the period's years -------------

create or replace function app_private.indicator_rows_organized_practices(p_period_id uuid)
returns table (year int, person_key uuid, record_type text, record_id uuid, on_date date)
language sql stable
set search_path = ''
rows 200000
as $$
  select y.year, r.person_key, r.record_type, r.record_id, r.on_date
  from app_private.period_years(p_period_id) y
  cross join lateral app_private.indicator_year_rows_organized_practices(p_period_id, y.year) r;
$$;

create or replace function app_private.indicator_rows_employer_stipend_students(p_period_id uuid)
returns table (year int, person_key uuid, record_type text, record_id uuid, on_date date)
language sql stable
set search_path = ''
rows 20000
as $$
  select y.year, r.person_key, r.record_type, r.record_id, r.on_date
  from app_private.period_years(p_period_id) y
  cross join lateral app_private.indicator_year_rows_employer_stipend_students(p_period_id, y.year) r;
$$;

create or replace function app_private.indicator_rows_graduates_hired(p_period_id uuid)
returns table (year int, person_key uuid, record_type text, record_id uuid, on_date date)
language sql stable
set search_path = ''
rows 100000
as $$
  select y.year, r.person_key, r.record_type, r.record_id, r.on_date
  from app_private.period_years(p_period_id) y
  cross join lateral app_private.indicator_year_rows_graduates_hired(p_period_id, y.year) r;
$$;

create or replace function app_private.indicator_rows_vacancy_reduction_pct(p_period_id uuid)
returns table (year int, person_key uuid, record_type text, record_id uuid, on_date date)
language sql stable
set search_path = ''
rows 50000
as $$
  select y.year, r.person_key, r.record_type, r.record_id, r.on_date
  from app_private.period_years(p_period_id) y
  cross join lateral app_private.indicator_year_rows_vacancy_reduction_pct(p_period_id, y.year) r;
$$;

create or replace function app_private.indicator_rows_student_employer_agreements(p_period_id uuid)
returns table (year int, person_key uuid, record_type text, record_id uuid, on_date date)
language sql stable
set search_path = ''
rows 5000
as $$
  select y.year, r.person_key, r.record_type, r.record_id, r.on_date
  from app_private.period_years(p_period_id) y
  cross join lateral app_private.indicator_year_rows_student_employer_agreements(p_period_id, y.year) r;
$$;

create or replace function app_private.indicator_rows_employer_university_contracts(p_period_id uuid)
returns table (year int, person_key uuid, record_type text, record_id uuid, on_date date)
language sql stable
set search_path = ''
as $$
  select y.year, r.person_key, r.record_type, r.record_id, r.on_date
  from app_private.period_years(p_period_id) y
  cross join lateral app_private.indicator_year_rows_employer_university_contracts(p_period_id, y.year) r;
$$;

create or replace function app_private.indicator_rows_employer_meetings_grade11(p_period_id uuid)
returns table (year int, person_key uuid, record_type text, record_id uuid, on_date date)
language sql stable
set search_path = ''
as $$
  select y.year, r.person_key, r.record_type, r.record_id, r.on_date
  from app_private.period_years(p_period_id) y
  cross join lateral app_private.indicator_year_rows_employer_meetings_grade11(p_period_id, y.year) r;
$$;

-- The details of a few records (one page): who, which employer and university, dates, document.
create function app_private.indicator_record_details(p_rows jsonb)
returns table (
  record_type text, record_id uuid, on_date date, person_id uuid, person_name text,
  organization_id uuid, organization_name text, university_name text, starts_on date, ends_on date,
  status text, document text, source text
)
language sql stable
set search_path = ''
as $$
  select r.record_type, r.record_id, r.on_date, x.person_id, pr.full_name, x.organization_id, org.name,
         coalesce(uni.short_name, uni.name), x.starts_on, x.ends_on, x.status, x.document, x.source
  from jsonb_to_recordset(p_rows) as r (record_type text, record_id uuid, on_date date)
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
  order by r.on_date, r.record_id;
$$;

-- The records of one year matching the drill-down's filters, as a query on the year function $1
-- (period), $2 (year), $3 (a LIKE pattern of a person's or employer's name, or null), $4 (a university's
-- short name — its name when it has none —, or null).
create function app_private.indicator_matching_records_sql(p_function text) returns text
language sql immutable
set search_path = ''
as $$
  select format(
    $q$select r.* from app_private.%I($1, $2) r
       where ($3::text is null
              or r.person_id in (select pr.id from public.profiles pr where pr.full_name ilike $3)
              or r.organization_id in (select o.id from public.organizations o where o.name ilike $3))
         and ($4::text is null
              or r.university_id in (select u.id from public.organizations u
                                      where u.kind = 'university' and coalesce(u.short_name, u.name) = $4))$q$,
    p_function);
$$;

-- The year function of an indicator, for an administrator only.
create function app_private.indicator_year_function(p_indicator_code text) returns text
language plpgsql stable
set search_path = ''
as $$
declare
  v_function text;
begin
  if not app_private.is_admin() then
    raise exception 'записи показателей видит только администрация' using errcode = '42501';
  end if;
  select i.year_records_function into v_function from public.indicators i where i.code = p_indicator_code;
  return v_function;
end;
$$;

-- A part of a name as a LIKE pattern (LIKE's own characters stay literal); null for no filter.
create function app_private.name_part_pattern(p_q text) returns text
language sql immutable
set search_path = ''
as $$
  select '%' || replace(replace(replace(nullif(btrim(p_q), ''), '\', '\\'), '%', '\%'), '_', '\_') || '%';
$$;

-- One page of the records behind one number (administrators only; invoker, so RLS applies to every
-- table read), filtered by a person's or employer's name (q: a part of it, any case) and by a
-- university (its short name, or its name when it has none): p_limit records from p_offset, by
-- date, then record id (a stable order), with their details.
create function public.indicator_records_page(
  p_indicator_code text, p_period_id uuid, p_year int, p_q text default null, p_university text default null,
  p_limit int default 50, p_offset int default 0
) returns table (
  record_type text, record_id uuid, on_date date, person_id uuid, person_name text,
  organization_id uuid, organization_name text, university_name text, starts_on date, ends_on date,
  status text, document text, source text
)
language plpgsql stable
set search_path = ''
as $$
declare
  v_function text := app_private.indicator_year_function(p_indicator_code);
begin
  if p_limit is null or p_limit < 1 or p_limit > 5000 or p_offset is null or p_offset < 0 then
    raise exception 'страница записей: от 1 до 5000 записей с неотрицательного номера' using errcode = '22023';
  end if;
  if v_function is null then
    return;
  end if;
  return query execute format(
    $q$select d.* from app_private.indicator_record_details((
       select coalesce(jsonb_agg(jsonb_build_object('record_type', m.record_type, 'record_id', m.record_id,
                                                    'on_date', m.on_date)), '[]'::jsonb)
       from (%s order by r.on_date, r.record_id limit $5 offset $6) m)) d$q$,
    app_private.indicator_matching_records_sql(v_function))
  using p_period_id, p_year, app_private.name_part_pattern(p_q), nullif(btrim(p_university), ''), p_limit, p_offset;
end;
$$;

-- How many records match the same filters, and how many people they are (a record without a
-- person is its own): the drill-down's summary over all of them, not over a page.
create function public.indicator_records_summary(
  p_indicator_code text, p_period_id uuid, p_year int, p_q text default null, p_university text default null
) returns table (total bigint, people bigint)
language plpgsql stable
set search_path = ''
as $$
declare
  v_function text := app_private.indicator_year_function(p_indicator_code);
begin
  if v_function is null then
    return query select 0::bigint, 0::bigint;
    return;
  end if;
  return query execute format(
    $q$select count(*), count(distinct m.person_key) from (%s) m$q$,
    app_private.indicator_matching_records_sql(v_function))
  using p_period_id, p_year, app_private.name_part_pattern(p_q), nullif(btrim(p_university), '');
end;
$$;

update public.indicators set year_records_function = 'indicator_year_rows_' || code
 where records_function is not null;

-- Indexes the year functions read through.
create index practice_placements_counted_start_id_idx on public.practice_placements (starts_on, id)
  include (student_id, organization_id, university_id)
  where status in ('confirmed', 'accepted_by_employer', 'in_progress', 'completed', 'closed');
drop index public.practice_placements_counted_start_idx;
create index employments_confirmed_start_id_idx on public.employments (start_date, id)
  include (organization_id, person_id) where status = 'confirmed';

revoke all on function app_private.indicator_year_rows_organized_practices(uuid, int),
  app_private.indicator_year_rows_employer_stipend_students(uuid, int),
  app_private.indicator_year_rows_graduates_hired(uuid, int),
  app_private.indicator_year_rows_vacancy_reduction_pct(uuid, int),
  app_private.indicator_year_rows_student_employer_agreements(uuid, int),
  app_private.indicator_year_rows_employer_university_contracts(uuid, int),
  app_private.indicator_year_rows_employer_meetings_grade11(uuid, int),
  app_private.indicator_year_rows_students_informed_pct(uuid, int),
  app_private.indicator_record_details(jsonb), app_private.indicator_matching_records_sql(text),
  app_private.indicator_year_function(text), app_private.name_part_pattern(text),
  public.indicator_records_page(text, uuid, int, text, text, int, int),
  public.indicator_records_summary(text, uuid, int, text, text)
  from public;
grant execute on function app_private.indicator_year_rows_organized_practices(uuid, int),
  app_private.indicator_year_rows_employer_stipend_students(uuid, int),
  app_private.indicator_year_rows_graduates_hired(uuid, int),
  app_private.indicator_year_rows_vacancy_reduction_pct(uuid, int),
  app_private.indicator_year_rows_student_employer_agreements(uuid, int),
  app_private.indicator_year_rows_employer_university_contracts(uuid, int),
  app_private.indicator_year_rows_employer_meetings_grade11(uuid, int),
  app_private.indicator_year_rows_students_informed_pct(uuid, int),
  app_private.indicator_record_details(jsonb), app_private.indicator_matching_records_sql(text),
  app_private.indicator_year_function(text), app_private.name_part_pattern(text),
  public.indicator_records_page(text, uuid, int, text, text, int, int),
  public.indicator_records_summary(text, uuid, int, text, text)
  to authenticated, service_role;
