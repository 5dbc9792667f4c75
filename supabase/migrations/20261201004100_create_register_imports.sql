-- Registers imported from Excel/CSV (issue 9 item 4): the records kept outside the platform before
-- it existed (hires, practices, stipends, target agreements of 2023–2025) come in as files. An import
-- is read and checked by the server (src/lib/server/registers/), kept here as a preview with every
-- row's errors, and written only when an administrator confirms it — in one transaction, by one
-- function. Importing the same file again creates nothing new (a natural key per register), an
-- import can be undone as a whole (its records are cancelled, never deleted), and every imported
-- record keeps its import and row number.
--
-- People named in a register who have no account are kept as register_people (name, birth date,
-- university) and joined to the account when that person signs up and is matched.

-- «Иванов  Иван» and «иванов иван», «Семёнов» and «Семенов» are one name.
-- (app_private.person_name_key(), a name compared without case, ё/е and extra spaces, comes from
-- 20261201003300, where the universities' lists match their students the same way.)

-- A person may give their birth date: it tells apart namesakes when the registers are matched.
alter table public.profiles add column if not exists birth_date date
  check (birth_date is null or birth_date > date '1900-01-01');
grant update (birth_date) on public.profiles to authenticated;
create index if not exists profiles_name_key_idx
  on public.profiles (university_id, app_private.person_name_key(full_name));

create table public.imports (
  id uuid primary key default gen_random_uuid(),
  register text not null check (register in ('hires', 'practices', 'stipends', 'target_agreements', 'contracts', 'events')),
  file_name text not null check (char_length(file_name) between 1 and 255),
  file_sha256 text not null check (file_sha256 ~ '^[0-9a-f]{64}$'),
  -- preview: read and checked, nothing written; imported: records written; undone: records cancelled
  state text not null default 'preview' check (state in ('preview', 'imported', 'undone')),
  row_count integer not null check (row_count >= 0),
  error_count integer not null check (error_count >= 0),
  -- the rows as read and resolved (ids of universities, employers), each with its row number
  rows jsonb not null default '[]' check (jsonb_typeof(rows) = 'array'),
  -- [{row, column, message}] in Russian; notes: what the reader did about the file (encoding, columns)
  issues jsonb not null default '[]' check (jsonb_typeof(issues) = 'array'),
  notes jsonb not null default '[]' check (jsonb_typeof(notes) = 'array'),
  created_count integer,
  existing_count integer,
  created_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  imported_by uuid references public.profiles (id) on delete set null,
  imported_at timestamptz,
  undone_by uuid references public.profiles (id) on delete set null,
  undone_at timestamptz,
  constraint imported_has_counts check (state = 'preview' or (created_count is not null and imported_at is not null)),
  constraint undone_has_time check (state <> 'undone' or undone_at is not null)
);
create index imports_state_idx on public.imports (state, created_at desc);

create table public.register_people (
  id uuid primary key default gen_random_uuid(),
  full_name text not null check (char_length(btrim(full_name)) between 2 and 200),
  name_key text not null generated always as (app_private.person_name_key(full_name)) stored,
  birth_date date not null,
  university_id uuid not null references public.organizations (id),
  programme_code text references public.programmes (code),
  graduation_year smallint check (graduation_year between 1990 and 2100),
  -- the account, once the person signed up and was matched (name + birth date + university)
  profile_id uuid references public.profiles (id) on delete set null,
  -- unmatched: no account yet; matched; ambiguous: several accounts fit, an administrator decides
  match_status text not null default 'unmatched' check (match_status in ('unmatched', 'matched', 'ambiguous')),
  matched_at timestamptz,
  first_import_id uuid references public.imports (id),
  created_at timestamptz not null default now(),
  unique (name_key, birth_date, university_id)
);
create index register_people_profile_idx on public.register_people (profile_id);
create index register_people_match_idx on public.register_people (university_id, name_key) where profile_id is null;

-- Outcome records carry their import: which import, which row, which register person.
alter table public.employments
  add column if not exists register_person_id uuid references public.register_people (id),
  add column if not exists import_id uuid references public.imports (id),
  add column if not exists import_row integer;
-- An imported hire is confirmed by its document (the graduate did not click a link on the platform).
alter table public.employments drop constraint confirmed_has_both;
alter table public.employments add constraint confirmed_has_both
  check (status <> 'confirmed' or person_confirmed_at is not null or source = 'import');
alter table public.employments add constraint import_has_row
  check ((import_id is null) = (import_row is null) and (source = 'import') = (import_id is not null));
create unique index employments_import_key_idx on public.employments (register_person_id, organization_id, start_date)
  where register_person_id is not null and status <> 'cancelled';
create index employments_org_start_idx on public.employments (organization_id, start_date);
create index employments_import_idx on public.employments (import_id) where import_id is not null;
grant select (register_person_id, import_id, import_row) on public.employments to authenticated;

alter table public.practice_placements
  add column if not exists register_person_id uuid references public.register_people (id),
  add column if not exists import_id uuid references public.imports (id),
  add column if not exists import_row integer,
  add column if not exists year_of_study smallint check (year_of_study between 1 and 6),
  add column if not exists order_number text check (char_length(order_number) <= 100);
create unique index practice_placements_import_key_idx
  on public.practice_placements (register_person_id, organization_id, starts_on)
  where register_person_id is not null and status <> 'cancelled';
create index practice_placements_org_start_idx on public.practice_placements (organization_id, starts_on);
create index practice_placements_import_idx on public.practice_placements (import_id) where import_id is not null;

alter table public.stipend_awards
  add column if not exists register_person_id uuid references public.register_people (id),
  add column if not exists import_id uuid references public.imports (id),
  add column if not exists import_row integer;
create unique index stipend_awards_import_key_idx
  on public.stipend_awards (register_person_id, organization_id, starts_on)
  where register_person_id is not null and status <> 'cancelled';
create index stipend_awards_org_start_idx on public.stipend_awards (organization_id, starts_on);
create index stipend_awards_import_idx on public.stipend_awards (import_id) where import_id is not null;

alter table public.target_agreements
  add column if not exists register_person_id uuid references public.register_people (id),
  add column if not exists import_id uuid references public.imports (id),
  add column if not exists import_row integer,
  add column if not exists agreement_number text check (char_length(agreement_number) <= 50),
  add column if not exists concluded_on date;
create unique index target_agreements_import_key_idx
  on public.target_agreements (register_person_id, organization_id, agreement_number)
  where register_person_id is not null and status <> 'terminated';
create index target_agreements_import_idx on public.target_agreements (import_id) where import_id is not null;

alter table public.imports enable row level security;
alter table public.register_people enable row level security;
create policy "administration sees imports" on public.imports for select to authenticated
  using ((select app_private.is_admin()));
create policy "administration sees register people" on public.register_people for select to authenticated
  using ((select app_private.is_admin()));
create policy "own register records" on public.register_people for select to authenticated
  using (profile_id = (select auth.uid()));
-- Reads only: previews, imports and undos go through the functions below.
grant select on public.imports, public.register_people to authenticated;
grant all on public.imports, public.register_people to service_role;

-- Matching people to accounts ------------------------------------------------------------------

-- Joins a register person to the one account that fits (student or graduate of the same
-- university with the same name, and the same birth date when the account gives one) and hands
-- that account the person's imported records. Several fitting accounts: marked ambiguous, nobody
-- joined. Returns the match status.
create function app_private.match_register_person(p_id uuid) returns text
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.register_people;
  v_ids uuid[];
begin
  select * into v from public.register_people where id = p_id for update;
  if not found or v.profile_id is not null then
    return coalesce(v.match_status, 'unmatched');
  end if;
  select array_agg(p.id) into v_ids
  from public.profiles p
  where p.university_id = v.university_id
    and app_private.person_name_key(p.full_name) = v.name_key
    and p.role in ('student', 'graduate')
    and (p.birth_date is null or p.birth_date = v.birth_date);
  if coalesce(cardinality(v_ids), 0) = 0 then
    update public.register_people set match_status = 'unmatched' where id = p_id and match_status <> 'unmatched';
    return 'unmatched';
  end if;
  if cardinality(v_ids) > 1 then
    update public.register_people set match_status = 'ambiguous' where id = p_id;
    return 'ambiguous';
  end if;
  update public.register_people set profile_id = v_ids[1], match_status = 'matched', matched_at = now() where id = p_id;
  update public.employments set person_id = v_ids[1] where register_person_id = p_id and person_id is null;
  update public.practice_placements set student_id = v_ids[1] where register_person_id = p_id and student_id is null;
  update public.stipend_awards set student_id = v_ids[1] where register_person_id = p_id and student_id is null;
  update public.target_agreements set student_id = v_ids[1] where register_person_id = p_id and student_id is null;
  return 'matched';
end;
$$;
revoke all on function app_private.match_register_person(uuid) from public;
grant execute on function app_private.match_register_person(uuid) to service_role;

-- When a student or graduate signs up (or sets their university, name or birth date), the register
-- people who fit them are matched.
create function app_private.match_profile_to_registers() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_id uuid;
begin
  if new.university_id is null or new.role not in ('student', 'graduate') then
    return null;
  end if;
  for v_id in
    select rp.id from public.register_people rp
     where rp.profile_id is null and rp.university_id = new.university_id
       and rp.name_key = app_private.person_name_key(new.full_name)
       and (new.birth_date is null or rp.birth_date = new.birth_date)
  loop
    perform app_private.match_register_person(v_id);
  end loop;
  return null;
end;
$$;
create trigger profiles_match_registers after insert or update of full_name, university_id, birth_date, role
  on public.profiles for each row execute function app_private.match_profile_to_registers();

-- Preview, import, undo ------------------------------------------------------------------------

create function app_private.require_admin() returns void
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if not app_private.is_admin() then
    raise exception 'импорт реестров доступен только администрации' using errcode = '42501', hint = 'form';
  end if;
end;
$$;
revoke all on function app_private.require_admin() from public;
grant execute on function app_private.require_admin() to authenticated, service_role;

-- Keeps what the server read and checked; nothing of the register is written yet. The caller's
-- previews older than a day are dropped (they were never imported).
create function public.create_import_preview(
  p_register text, p_file_name text, p_file_sha256 text, p_row_count integer,
  p_rows jsonb, p_issues jsonb, p_notes jsonb
) returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  v_id uuid;
begin
  perform app_private.require_admin();
  delete from public.imports
   where state = 'preview' and created_by = (select auth.uid()) and created_at < now() - interval '1 day';
  insert into public.imports (register, file_name, file_sha256, row_count, error_count, rows, issues, notes, created_by)
  values (p_register, left(coalesce(nullif(btrim(p_file_name), ''), 'файл'), 255), p_file_sha256, p_row_count,
          jsonb_array_length(coalesce(p_issues, '[]')), coalesce(p_rows, '[]'), coalesce(p_issues, '[]'),
          coalesce(p_notes, '[]'), (select auth.uid()))
  returning id into v_id;
  return v_id;
end;
$$;

-- Which rows of a file are already records: of an earlier import (the same natural key, not
-- cancelled) or on the platform (the same person by name, university and birth date where known,
-- the same employer and date). p_rows: [{row, name_key, birth_date, university_id, organization_id,
-- on_date, number}].
create function public.import_existing_rows(p_register text, p_rows jsonb)
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
    limit 1
  ) m on true;
end;
$$;

-- Register people of an import's rows (created when missing), by row number.
create function app_private.import_register_people(p_import public.imports)
returns table (row_number integer, person_id uuid)
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into public.register_people (full_name, birth_date, university_id, programme_code, graduation_year, first_import_id)
  select distinct on (app_private.person_name_key(r.full_name), r.birth_date, r.university_id)
         btrim(r.full_name), r.birth_date, r.university_id, r.programme_code, r.graduation_year, p_import.id
  from jsonb_to_recordset(p_import.rows) as r(full_name text, birth_date date, university_id uuid,
                                              programme_code text, graduation_year smallint)
  order by app_private.person_name_key(r.full_name), r.birth_date, r.university_id
  on conflict (name_key, birth_date, university_id) do nothing;
  return query
  select r."row", rp.id
  from jsonb_to_recordset(p_import.rows) as r("row" integer, full_name text, birth_date date, university_id uuid)
  join public.register_people rp
    on rp.name_key = app_private.person_name_key(r.full_name) and rp.birth_date = r.birth_date
   and rp.university_id = r.university_id;
end;
$$;
revoke all on function app_private.import_register_people(public.imports) from public;

-- Writes a previewed import in one transaction: register people, then the register's records
-- (rows whose natural key already has a live record are skipped: importing the same file again
-- creates nothing new), then their history. Refused while the preview has errors. Returns how many
-- records were created.
create function public.commit_import(p_import_id uuid) returns integer
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
  if v.register not in ('hires', 'practices', 'stipends', 'target_agreements') then
    raise exception 'импорт этого реестра ещё не поддерживается' using errcode = '22023', hint = 'register';
  end if;
  -- rows name only universities and employers that exist (checked again here, not trusted)
  if exists (
    select from jsonb_to_recordset(v.rows) as r(university_id uuid, organization_id uuid)
    where not exists (select from public.organizations o where o.id = r.university_id and o.kind = 'university')
       or not exists (select from public.organizations o where o.id = r.organization_id and o.kind = 'employer')
  ) then
    raise exception 'в файле вуз или работодатель, которого нет на платформе: загрузите файл снова'
      using errcode = '22023', hint = 'issues';
  end if;

  create temporary table import_people on commit drop as
    select * from app_private.import_register_people(v);

  if v.register = 'hires' then
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
  for v_person in
    select distinct ip.person_id from pg_temp.import_people ip
    join public.register_people rp on rp.id = ip.person_id
    where rp.profile_id is null and rp.first_import_id = v.id
  loop
    perform app_private.match_register_person(v_person);
  end loop;

  update public.imports
     set state = 'imported', created_count = v_created, existing_count = v.row_count - v_created,
         imported_by = (select auth.uid()), imported_at = now()
   where id = v.id;
  return v_created;
end;
$$;

-- Undoes an import as a whole: its records are cancelled (never deleted; the indicators stop
-- counting them), with one history row each. Returns how many records were cancelled.
create function public.undo_import(p_import_id uuid) returns integer
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
  update public.imports set state = 'undone', undone_by = (select auth.uid()), undone_at = now() where id = v.id;
  return v_count;
end;
$$;

revoke all on function public.create_import_preview(text, text, text, integer, jsonb, jsonb, jsonb),
  public.import_existing_rows(text, jsonb), public.commit_import(uuid), public.undo_import(uuid) from public;
grant execute on function public.create_import_preview(text, text, text, integer, jsonb, jsonb, jsonb),
  public.import_existing_rows(text, jsonb), public.commit_import(uuid), public.undo_import(uuid)
  to authenticated, service_role;
