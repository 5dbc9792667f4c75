-- Only students their university has recognized take part in the indicators (issue 9 item 2, «from
-- records in confirmed states only»): a practice, a stipend or a target agreement of a person whose
-- claim is still «claimed» or was «rejected» is not counted.
--
-- Recognized: the university confirmed the claim — the person is «confirmed» now
-- (app_private.student_is_confirmed), or the university later marked them «graduated» or «left».
-- Those later moves do not unmake the past: a practice of 2023 stays organized when its student
-- graduates in 2025 (and the graduation itself is the university's word that the person studied
-- there). A record whose person's account was deleted (student_id null) keeps counting as it was
-- confirmed, like any record without a platform person (the registers import's rows).
--
-- graduates_hired is left as it is: a hire counts on its two confirmations (the employer's document
-- and the graduate on the platform, or an imported row with its document). The imported rows have no
-- platform person for a university to confirm, and a hire of a graduate whose university never
-- answered is still a proven hire; asking the university too would count the two sources unequally.
-- The same rule as app_private.student_is_confirmed(id) (plus «graduated» and «left»), as a set:
-- the rows functions read it once per query (a hashed subplan) instead of once per record.
create function app_private.students_recognized_by_university() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select p.id from public.profiles p
  where p.role in ('student', 'graduate') and p.university_id is not null
    and p.enrolment_status in ('confirmed', 'graduated', 'left');
$$;
revoke all on function app_private.students_recognized_by_university() from public;
grant execute on function app_private.students_recognized_by_university() to authenticated, service_role;

create or replace function app_private.indicator_rows_organized_practices(p_period_id uuid)
returns table (year int, person_key uuid, record_type text, record_id uuid, on_date date)
language sql stable
set search_path = ''
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

create or replace function app_private.indicator_rows_student_employer_agreements(p_period_id uuid)
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
    where t.student_id is null or t.student_id in (select app_private.students_recognized_by_university())
  )
  select y.year, coalesce(a.student_id, a.id), 'target_agreement', a.id, a.in_force_on
  from app_private.period_years(p_period_id) y
  join agreements a on a.in_force_on between y.from_date and y.to_date;
$$;

update public.indicators set rule = rule || ' Считаются только студенты, которых вуз подтвердил (сейчас «подтверждён» или позже отмечен вузом как выпустившийся или отчисленный); записи студентов, ещё не подтверждённых или отклонённых вузом, не считаются.'
where code in ('organized_practices', 'employer_stipend_students', 'student_employer_agreements');
