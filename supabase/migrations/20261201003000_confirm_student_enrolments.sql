-- Students confirmed by their university (issue 8 item 0).
--
-- A student's claim — university, programme (ОКСО), year of study or graduation year — is only a
-- claim until the university confirms it. States of profiles.enrolment_status and who moves them:
--   claimed    at sign-up, and again whenever the person changes the claim in /profile (trigger)
--   confirmed  the university's staff (one by one, in bulk, or by uploading its list of students)
--   rejected   the university's staff: not our student, or the claim is wrong
--   left       the university's staff: expelled or transferred
--   graduated  the university's staff
-- Every change is kept in student_enrolment_events. Only confirmed students take part in the
-- outcome records and the city's indicators: app_private.student_is_confirmed(profile id).

create type public.enrolment_status as enum ('claimed', 'confirmed', 'rejected', 'left', 'graduated');

alter table public.profiles
  add column enrolment_status public.enrolment_status not null default 'claimed',
  add column enrolment_changed_at timestamptz not null default now(),
  -- optional: the university's list is matched by name, and by birth date when the person gave one
  add column birth_date date check (birth_date between date '1930-01-01' and date '2015-12-31');
create index profiles_university_enrolment_idx on public.profiles (university_id, enrolment_status)
  where role in ('student', 'graduate');

grant update (birth_date) on public.profiles to authenticated;

create table public.student_enrolment_events (
  id bigint generated always as identity primary key,
  profile_id uuid not null references public.profiles (id) on delete cascade,
  university_id uuid references public.organizations (id),
  -- the claim at the time of the move
  programme_code text,
  year_of_study smallint,
  graduation_year smallint,
  actor_id uuid references public.profiles (id) on delete set null,
  at timestamptz not null default now(),
  from_status public.enrolment_status,
  to_status public.enrolment_status not null,
  note text check (char_length(note) <= 1000),
  source text not null default 'queue' check (source in ('claim', 'queue', 'list_upload'))
);
create index student_enrolment_events_profile_idx on public.student_enrolment_events (profile_id, at);
create index student_enrolment_events_university_idx on public.student_enrolment_events (university_id, at);

alter table public.student_enrolment_events enable row level security;
create policy "own enrolment events" on public.student_enrolment_events for select to authenticated
  using (profile_id = (select auth.uid()));
create policy "my university's enrolment events" on public.student_enrolment_events for select to authenticated
  using (university_id in (select app_private.my_university_ids()));
create policy "administration sees enrolment events" on public.student_enrolment_events for select to authenticated
  using ((select app_private.is_admin()));
grant select on public.student_enrolment_events to authenticated;
grant all on public.student_enrolment_events to service_role;

-- A changed claim goes back to «claimed»: the university confirmed something else.
create function app_private.reset_enrolment_on_claim_change() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.role in ('student', 'graduate')
     and (new.university_id is distinct from old.university_id
          or new.programme_code is distinct from old.programme_code
          or new.year_of_study is distinct from old.year_of_study
          or new.graduation_year is distinct from old.graduation_year
          or new.role is distinct from old.role)
     and new.enrolment_status is not distinct from old.enrolment_status
     and old.enrolment_status <> 'claimed' then
    new.enrolment_status := 'claimed';
    new.enrolment_changed_at := now();
    insert into public.student_enrolment_events (profile_id, university_id, programme_code, year_of_study,
                                                 graduation_year, actor_id, from_status, to_status, source)
    values (new.id, new.university_id, new.programme_code, new.year_of_study, new.graduation_year,
            (select auth.uid()), old.enrolment_status, 'claimed', 'claim');
  end if;
  return new;
end;
$$;
create trigger profiles_reset_enrolment before update on public.profiles
  for each row execute function app_private.reset_enrolment_on_claim_change();

-- Whether a person's claim is confirmed by their university: the one rule every indicator uses.
create function app_private.student_is_confirmed(p_profile_id uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select from public.profiles p
    where p.id = p_profile_id and p.role in ('student', 'graduate') and p.university_id is not null
      and p.enrolment_status = 'confirmed'
  );
$$;
revoke all on function app_private.student_is_confirmed(uuid) from public;
grant execute on function app_private.student_is_confirmed(uuid) to authenticated, service_role;

-- The university's decision on one or several claims. Only staff of the student's university (or
-- the administration) may decide; a person already in that state is left alone (no new event), so
-- a second upload of the same list changes nothing. Returns one row per person: whether it changed,
-- or why not.
create function public.set_student_enrolment(
  p_profile_ids uuid[], p_status public.enrolment_status, p_note text default null, p_source text default 'queue'
) returns table (profile_id uuid, changed boolean, message text)
language plpgsql security definer
set search_path = ''
as $$
declare
  v_id uuid;
  v public.profiles;
begin
  if p_status is null or p_status = 'claimed' then
    raise exception 'выберите решение: подтвердить, отклонить, отчислен или выпустился'
      using errcode = '22023', hint = 'status';
  end if;
  if coalesce(p_source, '') not in ('queue', 'list_upload') then
    raise exception 'неизвестный источник решения' using errcode = '22023', hint = 'source';
  end if;
  if cardinality(p_profile_ids) > 2000 then
    raise exception 'за один раз — не больше 2 000 студентов' using errcode = '22023', hint = 'ids';
  end if;
  if char_length(coalesce(p_note, '')) > 1000 then
    raise exception 'комментарий — не длиннее 1 000 знаков' using errcode = '22023', hint = 'note';
  end if;
  foreach v_id in array coalesce(p_profile_ids, '{}') loop
    select * into v from public.profiles p where p.id = v_id for update;
    if not found or v.role not in ('student', 'graduate') or v.university_id is null
       or not (v.university_id in (select app_private.my_university_ids()) or app_private.is_admin()) then
      return query select v_id, false, 'студент не найден среди студентов вашего вуза'::text;
      continue;
    end if;
    if v.enrolment_status = p_status then
      return query select v_id, false, null::text;
      continue;
    end if;
    update public.profiles set enrolment_status = p_status, enrolment_changed_at = now() where id = v_id;
    insert into public.student_enrolment_events (profile_id, university_id, programme_code, year_of_study,
                                                 graduation_year, actor_id, from_status, to_status, note, source)
    values (v.id, v.university_id, v.programme_code, v.year_of_study, v.graduation_year, (select auth.uid()),
            v.enrolment_status, p_status, nullif(btrim(p_note), ''), p_source);
    return query select v_id, true, null::text;
  end loop;
end;
$$;
revoke all on function public.set_student_enrolment(uuid[], public.enrolment_status, text, text) from public;
grant execute on function public.set_student_enrolment(uuid[], public.enrolment_status, text, text) to authenticated;
