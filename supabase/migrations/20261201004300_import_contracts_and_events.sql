-- Registers of contracts and events imported from Excel/CSV (issue 9 item 4, the last two of six):
-- «Договоры» (Номер, Дата, ИНН работодателя, Вуз, Вид, Действует с, Действует по) become partnership
-- contracts registered by the administration, in force by their dates; «Мероприятия» (Название, Вид,
-- Дата, ИНН организатора, Участников) become held events with the head-count of the register.
-- Like the other registers: nothing is written until an administrator confirms the preview, the
-- whole import is one transaction, the same file imported again creates nothing new (a natural key
-- per register: number + employer + university for contracts; title + date + organizer for
-- events), an undo takes the whole import back (contracts declined, events cancelled — never
-- deleted, with their history), and every record keeps its import and row.

-- Contracts ------------------------------------------------------------------------------------

alter table public.partnership_contracts
  add column source text not null default 'platform' check (source in ('platform', 'import')),
  add column import_id uuid references public.imports (id),
  add column import_row integer,
  add constraint contract_import_has_row
    check ((import_id is null) = (import_row is null) and (source = 'import') = (import_id is not null));
create unique index partnership_contracts_import_key_idx
  on public.partnership_contracts (employer_id, university_id, lower(btrim(number)))
  where import_id is not null and status <> 'declined';
create index partnership_contracts_import_idx on public.partnership_contracts (import_id) where import_id is not null;

-- An imported contract is a paper contract the administration registers: in force (active) from
-- its dates, or expired when its term is over; no letters (the history row is marked notified).
create function app_private.import_contracts(p_import public.imports) returns integer
language plpgsql security definer
set search_path = ''
as $$
declare
  v_created integer;
begin
  with ins as (
    insert into public.partnership_contracts (employer_id, university_id, kind, number, signed_on, valid_from,
                                              valid_to, status, proposed_by_side, created_by, source, import_id,
                                              import_row)
    select r.organization_id, r.university_id, r.kind::public.contract_kind, btrim(r.number), r.signed_on, r.on_date,
           r.ends_on,
           (case when r.ends_on < app_private.kemerovo_today() then 'expired' else 'active' end)::public.contract_status,
           'administration', (select auth.uid()), 'import', p_import.id, r."row"
    from jsonb_to_recordset(p_import.rows) as r("row" integer, organization_id uuid, university_id uuid, kind text,
                                                number text, signed_on date, on_date date, ends_on date)
    order by r."row"
    on conflict (employer_id, university_id, lower(btrim(number)))
      where import_id is not null and status <> 'declined' do nothing
    returning id, status
  ), ev as (
    insert into public.contract_events (contract_id, actor_id, actor_side, to_status, note, notified_at)
    select id, (select auth.uid()), 'administration', status, 'импорт реестра', now() from ins
  )
  select count(*) into v_created from ins;
  return v_created;
end;
$$;
revoke all on function app_private.import_contracts(public.imports) from public;

-- Events ---------------------------------------------------------------------------------------

alter table public.events
  add column source text not null default 'platform' check (source in ('platform', 'import')),
  add column import_id uuid references public.imports (id),
  add column import_row integer,
  -- the head-count of an imported register (nobody registered on the platform for it)
  add column imported_participants integer check (imported_participants between 1 and 10000),
  add constraint event_import_has_row
    check ((import_id is null) = (import_row is null) and (source = 'import') = (import_id is not null)
           and (source = 'import') = (imported_participants is not null));
create unique index events_import_key_idx
  on public.events (organization_id, lower(title), ((starts_at at time zone 'Asia/Novokuznetsk')::date))
  where import_id is not null and status <> 'cancelled';
create index events_import_idx on public.events (import_id) where import_id is not null;

-- An imported event was held on its day (Kemerovo time, the whole day) with its head-count as the
-- recorded attendance: school meetings for pupils, the other kinds for students.
create function app_private.import_events(p_import public.imports) returns integer
language plpgsql security definer
set search_path = ''
as $$
declare
  v_created integer;
begin
  with ins as (
    insert into public.events (organization_id, kind, title, description, starts_at, ends_at, place, audience,
                               capacity, status, attendance_recorded_at, created_by, source, import_id, import_row,
                               imported_participants)
    select r.organization_id, r.kind::public.event_kind, regexp_replace(btrim(r.title), '\s+', ' ', 'g'),
           format('Из реестра мероприятий «%s», строка %s.', p_import.file_name, r."row"),
           r.on_date::timestamp at time zone 'Asia/Novokuznetsk',
           (r.on_date + 1)::timestamp at time zone 'Asia/Novokuznetsk',
           'место не указано в реестре',
           (case when r.kind = 'school_meeting' then 'pupils' else 'students' end)::public.event_audience,
           r.attendees, 'held', now(), (select auth.uid()), 'import', p_import.id, r."row", r.attendees
    from jsonb_to_recordset(p_import.rows) as r("row" integer, organization_id uuid, kind text, title text,
                                                on_date date, attendees integer)
    order by r."row"
    on conflict (organization_id, lower(title), ((starts_at at time zone 'Asia/Novokuznetsk')::date))
      where import_id is not null and status <> 'cancelled' do nothing
    returning id
  ), ev as (
    insert into public.event_history (event_id, actor_id, from_status, to_status, note)
    select id, (select auth.uid()), null, 'held', 'импорт реестра' from ins
  )
  select count(*) into v_created from ins;
  return v_created;
end;
$$;
revoke all on function app_private.import_events(public.imports) from public;

-- The events indicator counts an imported head-count as the attendance it is: pupils for school
-- meetings, students for the other kinds.
create or replace function public.event_indicators(p_year integer)
returns table (kind public.event_kind, events_held integer, students_attended integer, pupils_attended integer)
language sql stable security definer
set search_path = ''
as $$
  with held as (
    select e.id, e.kind,
           (select count(*) from public.event_registrations r where r.event_id = e.id and r.attended)::int
             + case when e.kind <> 'school_meeting' then coalesce(e.imported_participants, 0) else 0 end as students,
           (select coalesce(sum(g.attended_count), 0) from public.event_school_groups g
             where g.event_id = e.id and g.status = 'registered')::int
             + case when e.kind = 'school_meeting' then coalesce(e.imported_participants, 0) else 0 end as pupils
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

-- Which rows of a file are already records: of an earlier import (the same natural key, not
-- cancelled) or on the platform. p_rows: [{row, name_key, birth_date, university_id,
-- organization_id, on_date, number}] — for events, number is the title.
create or replace function public.import_existing_rows(p_register text, p_rows jsonb)
returns table (row_number integer, import_id uuid, import_row integer, on_platform boolean)
language plpgsql stable security definer
set search_path = ''
as $$
begin
  perform app_private.require_admin();
  return query
  with r as (
    select * from jsonb_to_recordset(coalesce(p_rows, '[]')) as x(
      "row" integer, name_key text, birth_date date, university_id uuid, organization_id uuid, on_date date, number text)
  ), people as (
    select r."row", rp.id as rp_id
    from r join public.register_people rp
      on rp.name_key = r.name_key and rp.birth_date = r.birth_date and rp.university_id = r.university_id
  )
  select r."row", m.import_id, m.import_row, m.import_id is null
  from r
  join lateral (
    select e.import_id, e.import_row from public.employments e
     where p_register = 'hires' and e.organization_id = r.organization_id and e.start_date = r.on_date
       and e.status <> 'cancelled'
       and (e.register_person_id in (select rp_id from people where people."row" = r."row")
            or (e.source = 'platform' and exists (
              select from public.profiles p where p.id = e.person_id and p.university_id = r.university_id
                 and app_private.person_name_key(p.full_name) = r.name_key
                 and (p.birth_date is null or p.birth_date = r.birth_date))))
    union all
    select x.import_id, x.import_row from public.practice_placements x
     where p_register = 'practices' and x.organization_id = r.organization_id and x.starts_on = r.on_date
       and x.status <> 'cancelled'
       and (x.register_person_id in (select rp_id from people where people."row" = r."row")
            or (x.import_id is null and exists (
              select from public.profiles p where p.id = x.student_id and p.university_id = r.university_id
                 and app_private.person_name_key(p.full_name) = r.name_key
                 and (p.birth_date is null or p.birth_date = r.birth_date))))
    union all
    select x.import_id, x.import_row from public.stipend_awards x
     where p_register = 'stipends' and x.organization_id = r.organization_id and x.starts_on = r.on_date
       and x.status <> 'cancelled'
       and (x.register_person_id in (select rp_id from people where people."row" = r."row")
            or (x.import_id is null and exists (
              select from public.profiles p where p.id = x.student_id and p.university_id = r.university_id
                 and app_private.person_name_key(p.full_name) = r.name_key
                 and (p.birth_date is null or p.birth_date = r.birth_date))))
    union all
    select x.import_id, x.import_row from public.target_agreements x
     where p_register = 'target_agreements' and x.organization_id = r.organization_id
       and x.status <> 'terminated'
       and ((x.register_person_id in (select rp_id from people where people."row" = r."row")
             and x.agreement_number = r.number)
            or (x.import_id is null and exists (
              select from public.profiles p where p.id = x.student_id and p.university_id = r.university_id
                 and app_private.person_name_key(p.full_name) = r.name_key
                 and (p.birth_date is null or p.birth_date = r.birth_date))))
    union all
    -- contracts: the same number (case and spaces aside) between the same employer and university;
    -- a declined contract (or an undone import) is no record
    select x.import_id, x.import_row from public.partnership_contracts x
     where p_register = 'contracts' and x.employer_id = r.organization_id and x.university_id = r.university_id
       and lower(btrim(x.number)) = lower(btrim(r.number)) and x.status <> 'declined'
    union all
    -- events: the same title on the same day (Kemerovo time) by the same organizer, not cancelled
    select x.import_id, x.import_row from public.events x
     where p_register = 'events' and x.organization_id = r.organization_id
       and lower(x.title) = lower(regexp_replace(btrim(r.number), '\s+', ' ', 'g'))
       and (x.starts_at at time zone 'Asia/Novokuznetsk')::date = r.on_date
       and x.status <> 'cancelled'
    limit 1
  ) m on true;
end;
$$;

-- Writes a previewed import in one transaction: contracts and events by their own functions above;
-- the people registers' register people, records and history as before. Rows whose natural key
-- already has a live record are skipped. Refused while the preview has errors.
create or replace function public.commit_import(p_import_id uuid) returns integer
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.imports;
  v_created integer := 0;
  v_person uuid;
begin
  perform app_private.require_admin();
  select * into v from public.imports where id = p_import_id for update;
  if not found then
    raise exception 'импорт не найден' using errcode = '42501', hint = 'id';
  end if;
  if v.state <> 'preview' then
    raise exception 'этот файл уже импортирован' using errcode = '22023', hint = 'state';
  end if;
  if v.error_count > 0 then
    raise exception 'в файле есть ошибки: исправьте их и загрузите файл снова' using errcode = '22023', hint = 'issues';
  end if;
  if v.register = 'events' then
    -- an organizer is any organization on the platform (checked again here, not trusted)
    if exists (
      select from jsonb_to_recordset(v.rows) as r(organization_id uuid)
      where not exists (select from public.organizations o where o.id = r.organization_id)
    ) then
      raise exception 'в файле организатор, которого нет на платформе: загрузите файл снова'
        using errcode = '22023', hint = 'issues';
    end if;
    v_created := app_private.import_events(v);
  end if;
  -- rows name only universities and employers that exist (checked again here, not trusted)
  if v.register <> 'events' and exists (
    select from jsonb_to_recordset(v.rows) as r(university_id uuid, organization_id uuid)
    where not exists (select from public.organizations o where o.id = r.university_id and o.kind = 'university')
       or not exists (select from public.organizations o where o.id = r.organization_id and o.kind = 'employer')
  ) then
    raise exception 'в файле вуз или работодатель, которого нет на платформе: загрузите файл снова'
      using errcode = '22023', hint = 'issues';
  end if;

  if v.register = 'contracts' then
    v_created := app_private.import_contracts(v);
  end if;

  if v.register in ('hires', 'practices', 'stipends', 'target_agreements') then
  create temporary table import_people on commit drop as
    select * from app_private.import_register_people(v);
  end if;

  if v.register in ('contracts', 'events') then
    null; -- written above: registers of organizations, no people
  elsif v.register = 'hires' then
    with ins as (
      insert into public.employments (person_id, register_person_id, organization_id, position, start_date,
                                      document_kind, document_number, document_date, status, source,
                                      employer_confirmed_at, import_id, import_row)
      select rp.profile_id, ip.person_id, r.organization_id, btrim(r.position), r.on_date, r.document_kind,
             r.document_number, r.document_date, 'confirmed', 'import', now(), v.id, r."row"
      from jsonb_to_recordset(v.rows) as r("row" integer, organization_id uuid, position text, on_date date,
                                           document_kind text, document_number text, document_date date)
      join pg_temp.import_people ip on ip.row_number = r."row"
      join public.register_people rp on rp.id = ip.person_id
      order by r."row"
      on conflict (register_person_id, organization_id, start_date)
        where register_person_id is not null and status <> 'cancelled' do nothing
      returning id
    ), ev as (
      insert into public.outcome_events (record_type, record_id, actor_id, to_status, note)
      select 'employment', id, (select auth.uid()), 'confirmed', 'импорт реестра' from ins
    )
    select count(*) into v_created from ins;
  elsif v.register = 'practices' then
    with ins as (
      insert into public.practice_placements (student_id, register_person_id, university_id, organization_id,
                                              programme_code, practice_type, year_of_study, starts_on, ends_on,
                                              order_number, status, import_id, import_row)
      select rp.profile_id, ip.person_id, r.university_id, r.organization_id, r.programme_code, r.practice_type,
             r.year_of_study, r.on_date, r.ends_on, r.order_number,
             (case when r.ends_on < current_date then 'completed' else 'confirmed' end)::public.placement_status,
             v.id, r."row"
      from jsonb_to_recordset(v.rows) as r("row" integer, university_id uuid, organization_id uuid,
                                           programme_code text, practice_type text, year_of_study smallint,
                                           on_date date, ends_on date, order_number text)
      join pg_temp.import_people ip on ip.row_number = r."row"
      join public.register_people rp on rp.id = ip.person_id
      order by r."row"
      on conflict (register_person_id, organization_id, starts_on)
        where register_person_id is not null and status <> 'cancelled' do nothing
      returning id, status
    ), ev as (
      insert into public.outcome_events (record_type, record_id, actor_id, to_status, note)
      select 'practice_placement', id, (select auth.uid()), status::text, 'импорт реестра' from ins
    )
    select count(*) into v_created from ins;
  elsif v.register = 'stipends' then
    with ins as (
      insert into public.stipend_awards (student_id, register_person_id, university_id, organization_id,
                                         amount_per_month, months, starts_on, order_number, status,
                                         import_id, import_row)
      select rp.profile_id, ip.person_id, r.university_id, r.organization_id, r.amount_per_month, r.months,
             r.on_date, r.order_number,
             (case when r.ends_on < current_date then 'finished' else 'active' end)::public.stipend_status,
             v.id, r."row"
      from jsonb_to_recordset(v.rows) as r("row" integer, university_id uuid, organization_id uuid,
                                           amount_per_month integer, months smallint, on_date date, ends_on date,
                                           order_number text)
      join pg_temp.import_people ip on ip.row_number = r."row"
      join public.register_people rp on rp.id = ip.person_id
      order by r."row"
      on conflict (register_person_id, organization_id, starts_on)
        where register_person_id is not null and status <> 'cancelled' do nothing
      returning id, status
    ), ev as (
      insert into public.outcome_events (record_type, record_id, actor_id, to_status, note)
      select 'stipend_award', id, (select auth.uid()), status::text, 'импорт реестра' from ins
    )
    select count(*) into v_created from ins;
  else
    with ins as (
      insert into public.target_agreements (student_id, register_person_id, university_id, organization_id,
                                            programme_code, work_years, agreement_number, concluded_on, status,
                                            import_id, import_row)
      select rp.profile_id, ip.person_id, r.university_id, r.organization_id, r.programme_code, r.work_years,
             r.number, r.on_date, 'in_force', v.id, r."row"
      from jsonb_to_recordset(v.rows) as r("row" integer, university_id uuid, organization_id uuid,
                                           programme_code text, work_years smallint, number text, on_date date)
      join pg_temp.import_people ip on ip.row_number = r."row"
      join public.register_people rp on rp.id = ip.person_id
      order by r."row"
      on conflict (register_person_id, organization_id, agreement_number)
        where register_person_id is not null and status <> 'terminated' do nothing
      returning id
    ), ev as (
      insert into public.outcome_events (record_type, record_id, actor_id, to_status, note)
      select 'target_agreement', id, (select auth.uid()), 'in_force', 'импорт реестра' from ins
    )
    select count(*) into v_created from ins;
  end if;

  -- people new to the registers may already have an account
  if v.register in ('hires', 'practices', 'stipends', 'target_agreements') then
  for v_person in
    select distinct ip.person_id from pg_temp.import_people ip
    join public.register_people rp on rp.id = ip.person_id
    where rp.profile_id is null and rp.first_import_id = v.id
  loop
    perform app_private.match_register_person(v_person);
  end loop;
  end if;

  update public.imports
     set state = 'imported', created_count = v_created, existing_count = v.row_count - v_created,
         imported_by = (select auth.uid()), imported_at = now()
   where id = v.id;
  return v_created;
end;
$$;

-- Undoes an import as a whole: its records are cancelled (contracts declined), never deleted,
-- with one history row each. Returns how many records were taken back.
create or replace function public.undo_import(p_import_id uuid) returns integer
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.imports;
  v_count integer;
  v_reason text := 'импорт отменён';
begin
  perform app_private.require_admin();
  select * into v from public.imports where id = p_import_id for update;
  if not found then
    raise exception 'импорт не найден' using errcode = '42501', hint = 'id';
  end if;
  if v.state <> 'imported' then
    raise exception 'отменить можно только выполненный импорт' using errcode = '22023', hint = 'state';
  end if;
  with upd as (
    update public.employments x set status = 'cancelled', cancel_reason = v_reason, cancelled_at = now()
      from (select id, status from public.employments where import_id = v.id and status <> 'cancelled' for update) old
     where x.id = old.id
     returning x.id, 'employment'::text as t, old.status::text as f
  ), upd2 as (
    update public.practice_placements x set status = 'cancelled', cancel_reason = v_reason
      from (select id, status from public.practice_placements where import_id = v.id and status <> 'cancelled' for update) old
     where x.id = old.id
     returning x.id, 'practice_placement'::text as t, old.status::text as f
  ), upd3 as (
    update public.stipend_awards x set status = 'cancelled', cancel_reason = v_reason
      from (select id, status from public.stipend_awards where import_id = v.id and status <> 'cancelled' for update) old
     where x.id = old.id
     returning x.id, 'stipend_award'::text as t, old.status::text as f
  ), upd4 as (
    update public.target_agreements x set status = 'terminated', cancel_reason = v_reason
      from (select id, status from public.target_agreements where import_id = v.id and status <> 'terminated' for update) old
     where x.id = old.id
     returning x.id, 'target_agreement'::text as t, old.status::text as f
  ), allrows as (
    select * from upd union all select * from upd2 union all select * from upd3 union all select * from upd4
  ), ev as (
    insert into public.outcome_events (record_type, record_id, actor_id, from_status, to_status, note)
    select t, id, (select auth.uid()), f,
           case t when 'target_agreement' then 'terminated' else 'cancelled' end, v_reason
    from allrows
  )
  select count(*) into v_count from allrows;
  -- contracts: declined (never in force for the indicators), with their history
  with upd as (
    update public.partnership_contracts x
       set status = 'declined', end_reason = v_reason, status_changed_at = now()
      from (select id, status from public.partnership_contracts
             where import_id = v.id and status <> 'declined' for update) old
     where x.id = old.id
     returning x.id, old.status
  ), ev as (
    insert into public.contract_events (contract_id, actor_id, actor_side, from_status, to_status, note, notified_at)
    select id, (select auth.uid()), 'administration', status, 'declined', v_reason, now() from upd
  )
  select v_count + count(*) into v_count from upd;
  -- events: cancelled, with their history
  with upd as (
    update public.events x
       set status = 'cancelled', cancel_reason = v_reason, status_changed_at = now()
      from (select id, status from public.events where import_id = v.id and status <> 'cancelled' for update) old
     where x.id = old.id
     returning x.id, old.status
  ), ev as (
    insert into public.event_history (event_id, actor_id, from_status, to_status, note)
    select id, (select auth.uid()), status, 'cancelled', v_reason from upd
  )
  select v_count + count(*) into v_count from upd;
  update public.imports set state = 'undone', undone_by = (select auth.uid()), undone_at = now() where id = v.id;
  return v_count;
end;
$$;

