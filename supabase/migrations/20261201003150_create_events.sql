-- Events (issue 8 item 5): День работодателя, экскурсия на предприятие, встреча со школьниками
-- 11 классов, ярмарка вакансий, мастер-класс — a public calendar with registration.
--
-- An event (events.status):
--   planned     create_event            (a member of a verified employer, of a university or of the administration)
--   held        record_event_attendance (the organizer or the administration; after the start: registered
--                                        students ticked, the headcount of each school group)
--   cancelled   cancel_event            (the organizer or the administration; from planned, with a reason)
-- Places (capacity) are shared by registered students and the headcount of school groups. A student
-- registers (register_for_event) and is `registered`, or `waitlisted` when the event is full; whoever
-- frees a place (cancel_event_registration, cancel_school_group) promotes the first on the waitlist in the
-- same transaction. A school group is registered by its teacher without an account
-- (register_school_group: name, school, email, headcount), with the app limiting requests per address.
-- Every change of an event's state is one row of event_history; letters (a place freed for a
-- waitlisted student, a cancelled event) are queued as notify_event_change jobs in the same transaction,
-- and the reminder the day before is the cron task remind_event_participants (once: reminded_at).
-- Only held events with attendance count: public.event_indicators(year).

create type public.event_kind as enum ('employer_day', 'excursion', 'school_meeting', 'job_fair', 'master_class');
create type public.event_audience as enum ('students', 'pupils', 'everyone');
create type public.event_status as enum ('planned', 'held', 'cancelled');
create type public.event_registration_status as enum ('registered', 'waitlisted', 'cancelled');

create table public.events (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id),
  kind public.event_kind not null,
  title text not null check (char_length(btrim(title)) between 3 and 200),
  description text not null default '' check (char_length(description) <= 5000),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  place text check (char_length(place) <= 300),
  online_url text check (online_url is null or online_url ~ '^https?://[^\s]+$'),
  audience public.event_audience not null,
  capacity integer not null check (capacity between 1 and 10000),
  status public.event_status not null default 'planned',
  cancel_reason text check (char_length(cancel_reason) <= 1000),
  attendance_recorded_at timestamptz,
  created_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  status_changed_at timestamptz not null default now(),
  constraint event_time check (ends_at > starts_at and ends_at <= starts_at + interval '14 days'),
  constraint event_place check (place is not null or online_url is not null)
);
create index events_calendar_idx on public.events (starts_at) where status in ('planned', 'held');
create index events_organization_idx on public.events (organization_id, starts_at desc);

create table public.event_registrations (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null references public.events (id),
  person_id uuid not null references public.profiles (id) on delete cascade,
  person_name text not null,
  status public.event_registration_status not null,
  created_at timestamptz not null default now(),
  -- the waitlist's order: when the person last asked for a place
  queued_at timestamptz not null default now(),
  status_changed_at timestamptz not null default now(),
  attended boolean,
  reminded_at timestamptz,
  unique (event_id, person_id)
);
create index event_registrations_person_idx on public.event_registrations (person_id);
create index event_registrations_waitlist_idx on public.event_registrations (event_id, queued_at) where status = 'waitlisted';

create table public.event_school_groups (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null references public.events (id),
  teacher_name text not null check (char_length(btrim(teacher_name)) between 2 and 200),
  school_name text not null check (char_length(btrim(school_name)) between 2 and 300),
  email text not null check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and char_length(email) <= 254),
  headcount integer not null check (headcount between 1 and 200),
  status public.event_registration_status not null default 'registered' check (status <> 'waitlisted'),
  attended_count integer check (attended_count between 0 and 400),
  reminded_at timestamptz,
  created_at timestamptz not null default now()
);
create index event_school_groups_event_idx on public.event_school_groups (event_id);
create unique index event_school_groups_one_per_teacher_idx on public.event_school_groups (event_id, lower(email))
  where status = 'registered';

create table public.event_history (
  id bigint generated always as identity primary key,
  event_id uuid not null references public.events (id),
  actor_id uuid references public.profiles (id) on delete set null,
  at timestamptz not null default now(),
  from_status public.event_status,
  to_status public.event_status not null,
  note text check (char_length(note) <= 1000)
);
create index event_history_event_idx on public.event_history (event_id, at);

-- Who may read ----------------------------------------------------------------------------------

create function app_private.my_event_ids() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select e.id from public.events e where e.organization_id in (select app_private.my_organization_ids());
$$;
revoke all on function app_private.my_event_ids() from public;
grant execute on function app_private.my_event_ids() to authenticated, service_role;

alter table public.events enable row level security;
alter table public.event_registrations enable row level security;
alter table public.event_school_groups enable row level security;
alter table public.event_history enable row level security;

create policy "planned and held events are public" on public.events for select to anon, authenticated
  using (status in ('planned', 'held'));
create policy "organizers see their events" on public.events for select to authenticated
  using (organization_id in (select app_private.my_organization_ids()));
create policy "administration sees events" on public.events for select to authenticated
  using ((select app_private.is_admin()));

create policy "own registrations" on public.event_registrations for select to authenticated
  using (person_id = (select auth.uid()));
create policy "registrations for my events" on public.event_registrations for select to authenticated
  using (event_id in (select app_private.my_event_ids()));
create policy "administration sees registrations" on public.event_registrations for select to authenticated
  using ((select app_private.is_admin()));

-- teachers' contacts: only the organizer and the administration
create policy "school groups of my events" on public.event_school_groups for select to authenticated
  using (event_id in (select app_private.my_event_ids()));
create policy "administration sees school groups" on public.event_school_groups for select to authenticated
  using ((select app_private.is_admin()));

create policy "history of my events" on public.event_history for select to authenticated
  using (event_id in (select app_private.my_event_ids()));
create policy "administration sees event history" on public.event_history for select to authenticated
  using ((select app_private.is_admin()));

grant select on public.events to anon, authenticated;
grant select on public.event_registrations, public.event_school_groups, public.event_history to authenticated;
grant all on public.events, public.event_registrations, public.event_school_groups, public.event_history to service_role;

-- Places left (the capacity minus registered students and registered school groups' headcount),
-- for anyone who can see the event.
create function public.event_places(p_event_id uuid)
returns table (capacity integer, taken integer, places_left integer, waitlisted integer)
language sql stable security definer
set search_path = ''
as $$
  select e.capacity, t.taken, greatest(e.capacity - t.taken, 0), w.n
    from public.events e,
    lateral (select (select count(*) from public.event_registrations r where r.event_id = e.id and r.status = 'registered')::int
                  + (select coalesce(sum(g.headcount), 0) from public.event_school_groups g
                      where g.event_id = e.id and g.status = 'registered')::int as taken) t,
    lateral (select count(*)::int as n from public.event_registrations r where r.event_id = e.id and r.status = 'waitlisted') w
   where e.id = p_event_id
     and (e.status in ('planned', 'held') or e.organization_id in (select app_private.my_organization_ids())
          or app_private.is_admin());
$$;
revoke all on function public.event_places(uuid) from public;
grant execute on function public.event_places(uuid) to anon, authenticated, service_role;

-- Moves -----------------------------------------------------------------------------------------

create function app_private.record_event_history(
  p_event_id uuid, p_from public.event_status, p_to public.event_status, p_note text default null
) returns void
language plpgsql security definer
set search_path = ''
as $$
begin
  update public.events set status = p_to, status_changed_at = now() where id = p_event_id;
  insert into public.event_history (event_id, actor_id, from_status, to_status, note)
  values (p_event_id, (select auth.uid()), p_from, p_to, nullif(btrim(p_note), ''));
end;
$$;

-- The event, locked, if the caller may run it (a member of the organizer, or the administration).
create function app_private.lock_event_for_organizer(p_id uuid) returns public.events
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.events;
begin
  select * into v from public.events where id = p_id for update;
  if not found or not (v.organization_id in (select app_private.my_organization_ids()) or app_private.is_admin()) then
    raise exception 'мероприятие не найдено' using errcode = '42501', hint = 'id';
  end if;
  return v;
end;
$$;

-- Free places go to the waitlist in order; each promoted student gets a letter. Call with the event locked.
create function app_private.promote_event_waitlist(p_event_id uuid) returns integer
language plpgsql security definer
set search_path = ''
as $$
declare
  v_left integer;
  v_id uuid;
  n integer := 0;
begin
  select places_left into v_left from public.event_places(p_event_id);
  while coalesce(v_left, 0) > 0 loop
    select id into v_id from public.event_registrations
     where event_id = p_event_id and status = 'waitlisted' order by queued_at, id limit 1;
    exit when v_id is null;
    update public.event_registrations set status = 'registered', status_changed_at = now() where id = v_id;
    perform graphile_worker.add_job('notify_event_change',
      json_build_object('kind', 'promoted', 'registration_id', v_id), max_attempts => 10);
    v_left := v_left - 1;
    n := n + 1;
    v_id := null;
  end loop;
  return n;
end;
$$;

create function public.create_event(
  p_organization_id uuid, p_kind public.event_kind, p_title text, p_description text, p_starts_at timestamptz,
  p_ends_at timestamptz, p_place text, p_online_url text, p_audience public.event_audience, p_capacity integer
) returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  v_org public.organizations;
  v_id uuid;
begin
  select * into v_org from public.organizations where id = p_organization_id;
  if not found or not (p_organization_id in (select app_private.my_organization_ids()) or app_private.is_admin()) then
    raise exception 'проводить мероприятия от имени этой организации нельзя' using errcode = '42501';
  end if;
  if v_org.kind = 'employer' and v_org.verification_status <> 'verified' then
    raise exception 'мероприятия работодатель проводит после проверки администрацией города' using errcode = '42501';
  end if;
  if p_kind is null then
    raise exception 'выберите вид мероприятия' using errcode = '22023', hint = 'kind';
  end if;
  if p_audience is null then
    raise exception 'выберите, для кого мероприятие' using errcode = '22023', hint = 'audience';
  end if;
  if char_length(btrim(coalesce(p_title, ''))) not between 3 and 200 then
    raise exception 'название — от 3 до 200 знаков' using errcode = '22023', hint = 'title';
  end if;
  if char_length(coalesce(p_description, '')) > 5000 then
    raise exception 'описание — не длиннее 5000 знаков' using errcode = '22023', hint = 'description';
  end if;
  if p_starts_at is null or p_starts_at < now() then
    raise exception 'укажите будущие дату и время начала' using errcode = '22023', hint = 'starts_at';
  end if;
  if p_ends_at is null or p_ends_at <= p_starts_at then
    raise exception 'мероприятие должно закончиться позже, чем началось' using errcode = '22023', hint = 'ends_at';
  end if;
  if p_ends_at > p_starts_at + interval '14 days' then
    raise exception 'мероприятие длится не больше 14 дней' using errcode = '22023', hint = 'ends_at';
  end if;
  if coalesce(btrim(p_place), '') = '' and coalesce(btrim(p_online_url), '') = '' then
    raise exception 'укажите место проведения или ссылку на трансляцию' using errcode = '22023', hint = 'place';
  end if;
  if coalesce(btrim(p_online_url), '') <> '' and btrim(p_online_url) !~ '^https?://[^\s]+$' then
    raise exception 'ссылка должна начинаться с http:// или https://' using errcode = '22023', hint = 'online_url';
  end if;
  if char_length(coalesce(p_place, '')) > 300 then
    raise exception 'место — не длиннее 300 знаков' using errcode = '22023', hint = 'place';
  end if;
  if p_capacity is null or p_capacity not between 1 and 10000 then
    raise exception 'мест — от 1 до 10 000' using errcode = '22023', hint = 'capacity';
  end if;
  insert into public.events (organization_id, kind, title, description, starts_at, ends_at, place, online_url,
                             audience, capacity, created_by)
  values (p_organization_id, p_kind, btrim(p_title), coalesce(btrim(p_description), ''), p_starts_at, p_ends_at,
          nullif(btrim(p_place), ''), nullif(btrim(p_online_url), ''), p_audience, p_capacity, (select auth.uid()))
  returning id into v_id;
  insert into public.event_history (event_id, actor_id, from_status, to_status)
  values (v_id, (select auth.uid()), null, 'planned');
  return v_id;
end;
$$;

create function public.cancel_event(p_id uuid, p_reason text) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.events := app_private.lock_event_for_organizer(p_id);
begin
  if v.status <> 'planned' then
    raise exception 'отменить можно только запланированное мероприятие' using errcode = '22023', hint = 'status';
  end if;
  if coalesce(btrim(p_reason), '') = '' or char_length(btrim(p_reason)) > 1000 then
    raise exception 'укажите причину отмены (до 1000 знаков)' using errcode = '22023', hint = 'reason';
  end if;
  update public.events set cancel_reason = btrim(p_reason) where id = p_id;
  perform app_private.record_event_history(p_id, 'planned', 'cancelled', p_reason);
  perform graphile_worker.add_job('notify_event_change', json_build_object('kind', 'cancelled', 'event_id', p_id),
                                  max_attempts => 10);
end;
$$;

-- A student registers: a place, or the waitlist when the event is full. Asking again changes nothing.
create function public.register_for_event(p_event_id uuid) returns public.event_registration_status
language plpgsql security definer
set search_path = ''
as $$
declare
  v_me public.profiles := app_private.my_profile();
  v public.events;
  v_reg public.event_registrations;
  v_status public.event_registration_status;
begin
  if v_me.id is null or v_me.role not in ('student', 'graduate') then
    raise exception 'записываются на мероприятия студенты и выпускники' using errcode = '42501';
  end if;
  select * into v from public.events where id = p_event_id for update;
  if not found then
    raise exception 'мероприятие не найдено' using errcode = '23503', hint = 'id';
  end if;
  if v.status <> 'planned' or v.starts_at <= now() then
    raise exception 'запись закрыта: мероприятие уже прошло или отменено' using errcode = '22023', hint = 'id';
  end if;
  if v.audience = 'pupils' then
    raise exception 'это мероприятие для школьников: студенты на него не записываются' using errcode = '22023', hint = 'id';
  end if;
  select * into v_reg from public.event_registrations where event_id = p_event_id and person_id = v_me.id;
  if found and v_reg.status <> 'cancelled' then
    return v_reg.status;
  end if;
  v_status := case when (select places_left from public.event_places(p_event_id)) > 0
                   then 'registered'::public.event_registration_status else 'waitlisted' end;
  insert into public.event_registrations (event_id, person_id, person_name, status)
  values (p_event_id, v_me.id, v_me.full_name, v_status)
  on conflict (event_id, person_id) do update
    set status = excluded.status, queued_at = now(), status_changed_at = now(), reminded_at = null;
  return v_status;
end;
$$;

create function public.cancel_event_registration(p_event_id uuid) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.events;
  v_reg public.event_registrations;
begin
  select * into v from public.events where id = p_event_id for update;
  select * into v_reg from public.event_registrations
   where event_id = p_event_id and person_id = (select auth.uid()) for update;
  if v.id is null or v_reg.id is null or v_reg.status = 'cancelled' then
    raise exception 'вы не записаны на это мероприятие' using errcode = '22023', hint = 'id';
  end if;
  if v.status <> 'planned' then
    raise exception 'мероприятие уже прошло или отменено' using errcode = '22023', hint = 'id';
  end if;
  update public.event_registrations set status = 'cancelled', status_changed_at = now() where id = v_reg.id;
  if v_reg.status = 'registered' then
    perform app_private.promote_event_waitlist(p_event_id);
  end if;
end;
$$;

-- A teacher registers a school group (no account). The app limits how often one address may ask.
create function public.register_school_group(
  p_event_id uuid, p_teacher_name text, p_school_name text, p_email text, p_headcount integer
) returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.events;
  v_left integer;
  v_id uuid;
begin
  select * into v from public.events where id = p_event_id for update;
  if not found or v.status <> 'planned' or v.starts_at <= now() then
    raise exception 'запись закрыта: мероприятие уже прошло или отменено' using errcode = '22023', hint = 'form';
  end if;
  if v.audience = 'students' then
    raise exception 'это мероприятие для студентов: школьные группы на него не записываются' using errcode = '22023', hint = 'form';
  end if;
  if char_length(btrim(coalesce(p_teacher_name, ''))) not between 2 and 200 then
    raise exception 'укажите имя учителя' using errcode = '22023', hint = 'teacher_name';
  end if;
  if char_length(btrim(coalesce(p_school_name, ''))) not between 2 and 300 then
    raise exception 'укажите школу' using errcode = '22023', hint = 'school_name';
  end if;
  if coalesce(btrim(p_email), '') !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' or char_length(btrim(p_email)) > 254 then
    raise exception 'адрес электронной почты указан неверно' using errcode = '22023', hint = 'email';
  end if;
  if p_headcount is null or p_headcount not between 1 and 200 then
    raise exception 'число учеников — от 1 до 200' using errcode = '22023', hint = 'headcount';
  end if;
  if exists (select from public.event_school_groups
              where event_id = p_event_id and lower(email) = lower(btrim(p_email)) and status = 'registered') then
    raise exception 'группа с этим адресом уже записана; чтобы изменить число учеников, напишите организатору'
      using errcode = '23505', hint = 'email';
  end if;
  -- the app limits requests per address; this bounds what any caller can pile on one event
  if (select count(*) from public.event_school_groups
       where event_id = p_event_id and created_at > now() - interval '1 hour') >= 30 then
    raise exception 'слишком много заявок на это мероприятие за час, попробуйте позже' using errcode = '22023', hint = 'form';
  end if;
  select places_left into v_left from public.event_places(p_event_id);
  if p_headcount > v_left then
    raise exception 'свободных мест: %', v_left using errcode = '22023', hint = 'headcount';
  end if;
  insert into public.event_school_groups (event_id, teacher_name, school_name, email, headcount)
  values (p_event_id, btrim(p_teacher_name), btrim(p_school_name), lower(btrim(p_email)), p_headcount)
  returning id into v_id;
  return v_id;
end;
$$;

create function public.cancel_school_group(p_group_id uuid) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v_group public.event_school_groups;
  v public.events;
begin
  select * into v_group from public.event_school_groups where id = p_group_id;
  if not found then
    raise exception 'группа не найдена' using errcode = '42501', hint = 'id';
  end if;
  v := app_private.lock_event_for_organizer(v_group.event_id);
  if v.status <> 'planned' or v_group.status <> 'registered' then
    raise exception 'группа уже отменена или мероприятие прошло' using errcode = '22023', hint = 'id';
  end if;
  update public.event_school_groups set status = 'cancelled' where id = p_group_id;
  perform app_private.promote_event_waitlist(v.id);
end;
$$;

-- After the start the organizer records who came: the ids of registered students who attended, and
-- {group_id: number} for school groups. planned → held.
create function public.record_event_attendance(
  p_id uuid, p_attended uuid[], p_group_counts jsonb default '{}'
) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.events := app_private.lock_event_for_organizer(p_id);
  v_key text;
  v_count integer;
begin
  if v.status <> 'planned' then
    raise exception 'посещаемость отмечают у запланированного мероприятия, которое уже началось' using errcode = '22023', hint = 'status';
  end if;
  if v.starts_at > now() then
    raise exception 'посещаемость отмечают после начала мероприятия' using errcode = '22023', hint = 'status';
  end if;
  if exists (select from unnest(coalesce(p_attended, '{}')) a
              where not exists (select from public.event_registrations r
                                 where r.id = a and r.event_id = p_id and r.status = 'registered')) then
    raise exception 'отметить можно только записавшихся студентов' using errcode = '22023', hint = 'attended';
  end if;
  for v_key in select jsonb_object_keys(coalesce(p_group_counts, '{}')) loop
    begin
      v_count := (p_group_counts ->> v_key)::integer;
    exception when others then
      raise exception 'число пришедших учеников — целое число' using errcode = '22023', hint = 'groups';
    end;
    if v_count is null or v_count not between 0 and 400 then
      raise exception 'число пришедших учеников — от 0 до 400' using errcode = '22023', hint = 'groups';
    end if;
    update public.event_school_groups set attended_count = v_count
     where id::text = v_key and event_id = p_id and status = 'registered';
    if not found then
      raise exception 'школьная группа не найдена' using errcode = '22023', hint = 'groups';
    end if;
  end loop;
  update public.event_registrations set attended = (id = any (coalesce(p_attended, '{}')))
   where event_id = p_id and status = 'registered';
  update public.event_school_groups set attended_count = coalesce(attended_count, 0)
   where event_id = p_id and status = 'registered';
  update public.events set attendance_recorded_at = now() where id = p_id;
  perform app_private.record_event_history(p_id, 'planned', 'held');
end;
$$;

-- The indicator: events of each kind held in a year (Kemerovo time) with at least one attendee.
create function public.event_indicators(p_year integer)
returns table (kind public.event_kind, events_held integer, students_attended integer, pupils_attended integer)
language sql stable security definer
set search_path = ''
as $$
  with held as (
    select e.id, e.kind,
           (select count(*) from public.event_registrations r where r.event_id = e.id and r.attended)::int as students,
           (select coalesce(sum(g.attended_count), 0) from public.event_school_groups g
             where g.event_id = e.id and g.status = 'registered')::int as pupils
      from public.events e
     where e.status = 'held' and e.attendance_recorded_at is not null
       and extract(year from e.starts_at at time zone 'Asia/Novokuznetsk') = p_year
  )
  select k.kind, count(h.id)::int, coalesce(sum(h.students), 0)::int, coalesce(sum(h.pupils), 0)::int
    from unnest(enum_range(null::public.event_kind)) as k(kind)
    left join held h on h.kind = k.kind and h.students + h.pupils > 0
   group by k.kind
   order by k.kind;
$$;
comment on function public.event_indicators(integer) is
  'Показатель: мероприятия каждого вида, проведённые в году (по кемеровскому времени), с отмеченной посещаемостью — хотя бы один пришедший студент или школьник.';

revoke all on function public.create_event(uuid, public.event_kind, text, text, timestamptz, timestamptz, text, text, public.event_audience, integer),
  public.cancel_event(uuid, text), public.register_for_event(uuid), public.cancel_event_registration(uuid),
  public.register_school_group(uuid, text, text, text, integer), public.cancel_school_group(uuid),
  public.record_event_attendance(uuid, uuid[], jsonb), public.event_indicators(integer),
  app_private.promote_event_waitlist(uuid), app_private.lock_event_for_organizer(uuid),
  app_private.record_event_history(uuid, public.event_status, public.event_status, text) from public;
grant execute on function
  public.create_event(uuid, public.event_kind, text, text, timestamptz, timestamptz, text, text, public.event_audience, integer),
  public.cancel_event(uuid, text), public.register_for_event(uuid), public.cancel_event_registration(uuid),
  public.cancel_school_group(uuid), public.record_event_attendance(uuid, uuid[], jsonb)
  to authenticated;
grant execute on function public.register_school_group(uuid, text, text, text, integer), public.event_indicators(integer)
  to anon, authenticated, service_role;
