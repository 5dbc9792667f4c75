-- Two more indicators computed from records (issue 9 item 2): partnership contracts in force and
-- employers' meetings with 11th-graders. Each has its rows function (the records behind a number,
-- for the drill-down) and its fact function, wired into public.indicators; indicator_records learns
-- to describe a contract and an event.

-- employer_university_contracts ----------------------------------------------------------------
-- A contract counts in every year of the period on at least one day of which it was in force:
-- from valid_from to the earliest of valid_to, the day it was terminated (contract_events, Kemerovo
-- date; status_changed_at when the history has no such row) and the day before it was marked expired.
-- Only contracts that came into force count (active, expired, terminated; a proposed or declined one
-- never did), between an employer located in Kemerovo and a university. A contract is its own key:
-- the fact is the number of distinct contracts.
create function app_private.indicator_rows_employer_university_contracts(p_period_id uuid)
returns table (year int, person_key uuid, record_type text, record_id uuid, on_date date)
language sql stable
set search_path = ''
as $$
  with terms as (
    select c.id, c.valid_from,
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
  select y.year, t.id, 'partnership_contract', t.id, greatest(t.valid_from, y.from_date)
  from app_private.period_years(p_period_id) y
  join terms t
    on t.valid_from <= y.to_date
   and (t.valid_until is null or (t.valid_until >= y.from_date and t.valid_until >= t.valid_from));
$$;

create function app_private.indicator_fact_employer_university_contracts(p_period_id uuid)
returns table (year int, fact numeric, details jsonb)
language sql stable
set search_path = ''
as $$
  select r.year, count(distinct r.person_key)::numeric, jsonb_build_object('records', count(*))
  from app_private.indicator_rows_employer_university_contracts(p_period_id) r group by r.year;
$$;

-- employer_meetings_grade11 --------------------------------------------------------------------
-- Events of the kind «встреча со школьниками 11 классов» held in the year (Kemerovo date of the
-- start, within the period) whose attendance was recorded with at least one pupil or student
-- present: the same rule as public.event_indicators(year).
create function app_private.indicator_rows_employer_meetings_grade11(p_period_id uuid)
returns table (year int, person_key uuid, record_type text, record_id uuid, on_date date)
language sql stable
set search_path = ''
as $$
  select y.year, e.id, 'event', e.id, (e.starts_at at time zone 'Asia/Novokuznetsk')::date
  from app_private.period_years(p_period_id) y
  join public.events e
    on e.kind = 'school_meeting' and e.status = 'held' and e.attendance_recorded_at is not null
   and (e.starts_at at time zone 'Asia/Novokuznetsk')::date between y.from_date and y.to_date
  where exists (select from public.event_registrations r where r.event_id = e.id and r.attended)
     or exists (select from public.event_school_groups g
                 where g.event_id = e.id and g.status = 'registered' and g.attended_count > 0);
$$;

-- details: the meetings, and the pupils and students who came to them
create function app_private.indicator_fact_employer_meetings_grade11(p_period_id uuid)
returns table (year int, fact numeric, details jsonb)
language sql stable
set search_path = ''
as $$
  select r.year, count(distinct r.person_key)::numeric,
         jsonb_build_object(
           'records', count(*),
           'pupils', coalesce(sum((select sum(g.attended_count) from public.event_school_groups g
                                    where g.event_id = r.record_id and g.status = 'registered')), 0),
           'students', coalesce(sum((select count(*) from public.event_registrations er
                                      where er.event_id = r.record_id and er.attended)), 0))
  from app_private.indicator_rows_employer_meetings_grade11(p_period_id) r group by r.year;
$$;

create index partnership_contracts_counted_idx on public.partnership_contracts (valid_from, employer_id)
  where status in ('active', 'expired', 'terminated');
create index events_held_kind_idx on public.events (kind, starts_at) where status = 'held';

-- The records behind one number, now also contracts (document: kind, number, date) and events
-- (document: the title and who came). Same signature as before.
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
    ) x
    left join public.profiles pr on pr.id = x.person_id
    left join public.organizations org on org.id = x.organization_id
    left join public.organizations uni on uni.id = x.university_id
    order by r.on_date, pr.full_name, x.document$q$, v_function)
  using p_period_id, p_year;
end;
$$;

update public.indicators set
  rule = 'Договоры о партнёрстве (о практической подготовке, о сотрудничестве, о целевом обучении) между работодателем из Кемерова (организация в одном из районов города) и вузом, действовавшие хотя бы один день в году в пределах периода программы. Договор действует с даты начала действия до даты окончания срока (бессрочный — без окончания), а расторгнутый — до дня расторжения по истории договора. Договор, охвативший два года, учитывается в каждом из них. Не вступившие в силу (ждут подтверждения второй стороны или отклонены) не считаются. Каждый договор считается один раз в году.',
  pending_note = null,
  fact_function = 'indicator_fact_employer_university_contracts',
  records_function = 'indicator_rows_employer_university_contracts'
where code = 'employer_university_contracts';

update public.indicators set
  rule = 'Мероприятия вида «встреча со школьниками 11 классов», проведённые в году (по дате начала, кемеровское время, в пределах периода программы), у которых организатор отметил посещаемость и пришёл хотя бы один школьник или студент. Запланированные, отменённые и проведённые без отметки посещаемости не считаются. Каждая встреча считается один раз.',
  pending_note = null,
  fact_function = 'indicator_fact_employer_meetings_grade11',
  records_function = 'indicator_rows_employer_meetings_grade11'
where code = 'employer_meetings_grade11';

revoke all on function app_private.indicator_rows_employer_university_contracts(uuid),
  app_private.indicator_fact_employer_university_contracts(uuid),
  app_private.indicator_rows_employer_meetings_grade11(uuid),
  app_private.indicator_fact_employer_meetings_grade11(uuid)
  from public;
grant execute on function app_private.indicator_rows_employer_university_contracts(uuid),
  app_private.indicator_fact_employer_university_contracts(uuid),
  app_private.indicator_rows_employer_meetings_grade11(uuid),
  app_private.indicator_fact_employer_meetings_grade11(uuid)
  to authenticated, service_role;
