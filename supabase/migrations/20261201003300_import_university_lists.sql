-- The university's two XLSX uploads (issue 8 items 0 and 1): its list of enrolled students and its
-- practice order. The app reads the file (columns, dates, ИНН checksum, practice type) and sends the
-- parsed rows as one jsonb array; these functions do every check that needs the database, in one
-- set-based pass, so 10 000 rows are one call:
--   check_student_list(rows)              preview: one result per row, nothing written
--   import_student_list(rows, only_valid) the same checks again, then the decisions in one transaction
--   check_practice_order(rows)            preview: one result per row, nothing written
--   import_practice_order(rows, only_valid)
-- A row's errors are a jsonb array of {column, message}, the column named as in the file's header.
-- Without only_valid any error refuses the whole file; with it only the rows without errors are
-- written. Uploading the same file again writes nothing new: a student already in the state the
-- list gives is left alone (no new event), and a live placement with the same student, employer and
-- start date is reported as already there.
--
-- Students are matched by name (case, ё/е and spaces do not matter) and by birth date when the
-- profile has one, otherwise by programme (ОКСО). The university's own students come first: a row
-- that fits several of them is ambiguous and refused; a row that fits only students who named
-- another university says so.

-- «  Ёлкина   анна » → «елкина анна»; explicit letters, so the result does not depend on the
-- cluster's locale (lower() leaves Cyrillic as it is under the C locale).
create function app_private.person_name_key(p_name text) returns text
language sql immutable parallel safe
set search_path = ''
as $$
  select nullif(regexp_replace(
    btrim(lower(translate(coalesce(p_name, ''),
      'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯё',
      'абвгдеежзийклмнопрстуфхцчшщъыьэюяе'))),
    '\s+', ' ', 'g'), '');
$$;
grant execute on function app_private.person_name_key(text) to authenticated, service_role;

create index profiles_person_name_key_idx on public.profiles (app_private.person_name_key(full_name))
  where role in ('student', 'graduate');

-- The one university of the caller (staff); refused for anyone else.
create function app_private.my_university_for_import() returns uuid
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v uuid;
begin
  select m into v from app_private.my_university_ids() m limit 1;
  if v is null then
    raise exception 'загружать списки могут сотрудники вуза' using errcode = '42501', hint = 'university';
  end if;
  return v;
end;
$$;

create function app_private.check_import_size(p_rows jsonb) returns void
language plpgsql immutable
set search_path = ''
as $$
begin
  if p_rows is null or jsonb_typeof(p_rows) <> 'array' then
    raise exception 'нет строк для загрузки' using errcode = '22023', hint = 'file';
  end if;
  if jsonb_array_length(p_rows) > 10000 then
    raise exception 'в файле больше 10 000 строк: разделите его на несколько' using errcode = '22023', hint = 'file';
  end if;
end;
$$;

-- Candidates for each row: people who fit the name and (birth date | programme), the caller's
-- university first. Shared by both checks.
create function app_private.match_import_students(p_university uuid, p_rows jsonb)
returns table (row_no integer, mine_count integer, elsewhere_count integer, profile_id uuid)
language sql stable security definer
set search_path = ''
as $$
  with r as (
    select x.line as row_no, app_private.person_name_key(x.name) as name_key, x.birth_date, x.okso
    from jsonb_to_recordset(p_rows) as x(line integer, name text, birth_date date, okso text)
  ),
  c as (
    select r.row_no, p.id, coalesce(p.university_id = p_university, false) as mine
    from r
    join public.profiles p
      on app_private.person_name_key(p.full_name) = r.name_key
     and p.role in ('student', 'graduate')
     and case when p.birth_date is not null and r.birth_date is not null then p.birth_date = r.birth_date
              else p.programme_code is not distinct from r.okso end
  )
  select r.row_no,
         count(c.id) filter (where c.mine)::integer,
         count(c.id) filter (where not c.mine)::integer,
         case when count(c.id) filter (where c.mine) = 1 then (array_agg(c.id) filter (where c.mine))[1] end
  from r left join c on c.row_no = r.row_no
  group by r.row_no;
$$;
revoke all on function app_private.match_import_students(uuid, jsonb) from public;

-- The student list ------------------------------------------------------------------------------

-- rows: [{row, name, birth_date 'YYYY-MM-DD', okso, course 1–6 | null, graduation_year | null,
--         status 'confirmed' | 'graduated' | 'left'}]
create function public.check_student_list(p_rows jsonb)
returns table (row_no integer, profile_id uuid, full_name text, status public.enrolment_status,
               current_status public.enrolment_status, unchanged boolean, errors jsonb)
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_university uuid := app_private.my_university_for_import();
begin
  perform app_private.check_import_size(p_rows);
  return query
  with r as (
    select x.line as row_no, x.okso, x.course, x.graduation_year,
           case when x.status in ('confirmed', 'graduated', 'left') then x.status::public.enrolment_status end as status
    from jsonb_to_recordset(p_rows) as x(line integer, okso text, course integer, graduation_year integer, status text)
  ),
  m as (
    select r.*, mt.mine_count, mt.elsewhere_count, p.id as pid, p.full_name as pname, p.programme_code as p_okso,
           p.year_of_study as p_course, p.graduation_year as p_graduation, p.enrolment_status as p_status,
           r.status as target,
           (r.okso is not null and not exists (select from public.programmes g where g.code = r.okso)) as bad_okso
    from r
    join app_private.match_import_students(v_university, p_rows) mt on mt.row_no = r.row_no
    left join public.profiles p on p.id = mt.profile_id
  ),
  d as (
    select m.*, min(m.row_no) over (partition by m.pid) as first_row
    from m
  )
  select d.row_no, d.pid, d.pname, d.target, d.p_status,
         d.pid is not null and d.p_status = d.target,
         coalesce((select jsonb_agg(e) from (
           select jsonb_build_object('column', 'Статус', 'message',
                    'статус — «учится», «выпустился» или «отчислен»') as e where d.target is null
           union all
           select jsonb_build_object('column', 'Код ОКСО', 'message',
                    format('код ОКСО «%s» не найден в классификаторе', d.okso)) where d.bad_okso
           union all
           select jsonb_build_object('column', 'ФИО', 'message',
                    'студент не найден на платформе: проверьте ФИО и дату рождения (студент регистрируется сам и указывает ваш вуз)')
            where d.mine_count = 0 and d.elsewhere_count = 0
           union all
           select jsonb_build_object('column', 'ФИО', 'message',
                    'студент с такими ФИО и датой рождения указал на платформе другой вуз')
            where d.mine_count = 0 and d.elsewhere_count > 0
           union all
           select jsonb_build_object('column', 'ФИО', 'message',
                    format('под ФИО и дату рождения подходят несколько студентов вуза (%s): подтвердите их по одному в очереди', d.mine_count))
            where d.mine_count > 1
           union all
           select jsonb_build_object('column', 'Код ОКСО', 'message',
                    format('в профиле студента указано направление %s', coalesce(d.p_okso, '— (не указано)')))
            where d.pid is not null and not d.bad_okso and d.okso is not null and d.p_okso is distinct from d.okso
           union all
           select jsonb_build_object('column', 'Курс/Год выпуска', 'message',
                    format('в профиле студента указан %s курс', d.p_course))
            where d.pid is not null and d.course is not null and d.p_course is not null and d.p_course <> d.course
           union all
           select jsonb_build_object('column', 'Курс/Год выпуска', 'message',
                    format('в профиле указан год выпуска %s', d.p_graduation))
            where d.pid is not null and d.graduation_year is not null and d.p_graduation is not null
              and d.p_graduation <> d.graduation_year
           union all
           select jsonb_build_object('column', 'ФИО', 'message', format('этот студент уже есть в строке %s', d.first_row))
            where d.pid is not null and d.first_row < d.row_no
         ) errs), '[]'::jsonb)
  from d
  order by d.row_no;
end;
$$;

create function public.import_student_list(p_rows jsonb, p_only_valid boolean default false)
returns table (row_no integer, profile_id uuid, changed boolean)
language plpgsql security definer
set search_path = ''
as $$
declare
  v_university uuid := app_private.my_university_for_import();
  v_rows integer[];
  v_ids uuid[];
  v_status public.enrolment_status[];
  v_same_rows integer[];
  v_same_ids uuid[];
  v_bad integer;
begin
  -- two uploads of the same list at once: the second waits and then finds nothing to change
  perform pg_advisory_xact_lock(hashtextextended('student_list:' || v_university::text, 0));
  select count(*) filter (where jsonb_array_length(c.errors) > 0),
         coalesce(array_agg(c.row_no order by c.row_no) filter (where jsonb_array_length(c.errors) = 0 and not c.unchanged), '{}'),
         coalesce(array_agg(c.profile_id order by c.row_no) filter (where jsonb_array_length(c.errors) = 0 and not c.unchanged), '{}'),
         coalesce(array_agg(c.status order by c.row_no) filter (where jsonb_array_length(c.errors) = 0 and not c.unchanged), '{}'),
         coalesce(array_agg(c.row_no order by c.row_no) filter (where jsonb_array_length(c.errors) = 0 and c.unchanged), '{}'),
         coalesce(array_agg(c.profile_id order by c.row_no) filter (where jsonb_array_length(c.errors) = 0 and c.unchanged), '{}')
    into v_bad, v_rows, v_ids, v_status, v_same_rows, v_same_ids
    from public.check_student_list(p_rows) c;
  if v_bad > 0 and not coalesce(p_only_valid, false) then
    raise exception 'в файле есть строки с ошибками: исправьте их или загрузите только верные строки'
      using errcode = '22023', hint = 'file';
  end if;
  perform from public.profiles p where p.id = any (v_ids) order by p.id for update;
  insert into public.student_enrolment_events (profile_id, university_id, programme_code, year_of_study,
                                               graduation_year, actor_id, from_status, to_status, note, source)
  select p.id, p.university_id, p.programme_code, p.year_of_study, p.graduation_year, (select auth.uid()),
         p.enrolment_status, u.status, format('Список студентов (XLSX), строка %s', u.line), 'list_upload'
    from unnest(v_rows, v_ids, v_status) as u(line, id, status)
    join public.profiles p on p.id = u.id
   order by u.line;
  update public.profiles p set enrolment_status = u.status, enrolment_changed_at = now()
    from unnest(v_ids, v_status) as u(id, status)
   where p.id = u.id;
  return query
    select u.line, u.id, true from unnest(v_rows, v_ids) as u(line, id)
    union all
    select u.line, u.id, false from unnest(v_same_rows, v_same_ids) as u(line, id)
    order by 1;
end;
$$;

-- The practice order ----------------------------------------------------------------------------

-- rows: [{row, name, birth_date | null, okso, inn, practice_type 'educational' | 'industrial' |
--         'pre_diploma', starts_on, ends_on, order_number | null, order_date | null,
--         university_supervisor | null}]
create function public.check_practice_order(p_rows jsonb)
returns table (row_no integer, student_id uuid, full_name text, organization_id uuid, organization_name text,
               existing_id uuid, errors jsonb)
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_university uuid := app_private.my_university_for_import();
  v_today date := app_private.kemerovo_today();
begin
  perform app_private.check_import_size(p_rows);
  return query
  with r as (
    select x.*
    from jsonb_to_recordset(p_rows) as x(line integer, okso text, inn text, practice_type text, starts_on date,
                                          ends_on date, order_number text, order_date date, university_supervisor text)
  ),
  m as (
    select r.*, mt.mine_count, mt.elsewhere_count, p.id as pid, p.full_name as pname, p.role as p_role,
           p.programme_code as p_okso, p.enrolment_status as p_status,
           o.id as oid, o.name as oname, o.kind as okind, o.verification_status as ostatus,
           (r.okso is not null and not exists (select from public.programmes g where g.code = r.okso)) as bad_okso
    from r
    join app_private.match_import_students(v_university, p_rows) mt on mt.row_no = r.line
    left join public.profiles p on p.id = mt.profile_id
    left join public.organizations o on o.inn = r.inn
  ),
  d as (
    select m.*,
           case when m.pid is not null and m.oid is not null
                then min(m.line) over (partition by m.pid, m.oid, m.starts_on) end as first_row,
           (select x.id from public.practice_placements x
             where x.student_id = m.pid and x.organization_id = m.oid and x.starts_on = m.starts_on
               and x.status <> 'cancelled' limit 1) as existing
    from m
  )
  select d.line, d.pid, d.pname,
         case when d.okind = 'employer' then d.oid end,
         case when d.okind = 'employer' and d.ostatus = 'verified' then d.oname end,
         d.existing,
         coalesce((select jsonb_agg(e) from (
           select jsonb_build_object('column', 'Код ОКСО', 'message',
                    format('код ОКСО «%s» не найден в классификаторе', d.okso)) as e where d.bad_okso
           union all
           select jsonb_build_object('column', 'ФИО', 'message',
                    'студент не найден на платформе: проверьте ФИО, дату рождения и код ОКСО')
            where d.mine_count = 0 and d.elsewhere_count = 0
           union all
           select jsonb_build_object('column', 'ФИО', 'message', 'студент учится в другом вузе')
            where d.mine_count = 0 and d.elsewhere_count > 0
           union all
           select jsonb_build_object('column', 'ФИО', 'message',
                    format('под ФИО и дату рождения подходят несколько студентов вуза (%s): направьте их на практику на странице', d.mine_count))
            where d.mine_count > 1
           union all
           select jsonb_build_object('column', 'ФИО', 'message', 'на платформе это выпускник: практика — только для студентов')
            where d.pid is not null and d.p_role <> 'student'
           union all
           select jsonb_build_object('column', 'ФИО', 'message', 'студент ещё не подтверждён вузом (раздел «Студенты»)')
            where d.pid is not null and d.p_role = 'student' and d.p_status <> 'confirmed'
           union all
           select jsonb_build_object('column', 'Код ОКСО', 'message',
                    format('в профиле студента указано направление %s', coalesce(d.p_okso, '— (не указано)')))
            where d.pid is not null and not d.bad_okso and d.okso is not null and d.p_okso is distinct from d.okso
           union all
           select jsonb_build_object('column', 'ИНН работодателя', 'message',
                    format('работодатель с ИНН %s не зарегистрирован на платформе', d.inn))
            where d.oid is null
           union all
           select jsonb_build_object('column', 'ИНН работодателя', 'message',
                    format('организация с ИНН %s не работодатель', d.inn))
            where d.oid is not null and d.okind <> 'employer'
           union all
           select jsonb_build_object('column', 'ИНН работодателя', 'message',
                    format('работодатель с ИНН %s ещё не проверен администрацией города', d.inn))
            where d.oid is not null and d.okind = 'employer' and d.ostatus <> 'verified'
           union all
           select jsonb_build_object('column', 'Окончание', 'message', 'дата окончания раньше даты начала')
            where d.ends_on < d.starts_on
           union all
           select jsonb_build_object('column', 'Окончание', 'message', 'практика — не длиннее года')
            where d.ends_on > d.starts_on + 366
           union all
           select jsonb_build_object('column', 'Начало', 'message',
                    'начало практики — не раньше чем год назад и не позже чем через два года')
            where d.starts_on < v_today - 365 or d.starts_on > v_today + 730
           union all
           select jsonb_build_object('column', 'Дата приказа', 'message', 'укажите дату приказа')
            where d.order_number is not null and d.order_date is null
           union all
           select jsonb_build_object('column', 'Приказ №', 'message', 'укажите номер приказа')
            where d.order_number is null and d.order_date is not null
           union all
           select jsonb_build_object('column', 'Приказ №', 'message', 'номер приказа — до 50 знаков')
            where char_length(d.order_number) > 50
           union all
           select jsonb_build_object('column', 'Дата приказа', 'message',
                    'дата приказа — не в будущем и не раньше чем два года назад')
            where d.order_date > v_today or d.order_date < v_today - 730
           union all
           select jsonb_build_object('column', 'Руководитель от вуза', 'message', 'до 200 знаков')
            where char_length(d.university_supervisor) > 200
           union all
           select jsonb_build_object('column', 'Вид практики', 'message',
                    'выберите вид практики: учебная, производственная или преддипломная')
            where d.practice_type is null or d.practice_type not in ('educational', 'industrial', 'pre_diploma')
           union all
           select jsonb_build_object('column', 'ФИО', 'message',
                    format('повторяет строку %s: тот же студент, работодатель и дата начала', d.first_row))
            where d.first_row < d.line
         ) errs), '[]'::jsonb)
  from d
  order by d.line;
end;
$$;

create function public.import_practice_order(p_rows jsonb, p_only_valid boolean default false)
returns table (row_no integer, placement_id uuid, created boolean)
language plpgsql security definer
set search_path = ''
as $$
declare
  v_university uuid := app_private.my_university_for_import();
  v_bad integer;
  v_events bigint[];
begin
  -- the same lock as create_placements: neither creates a placement the other is creating
  perform pg_advisory_xact_lock(hashtextextended('placements:' || v_university::text, 0));
  -- the rows and their checks as tables with statistics: joined by row number, not re-read per row
  create temp table pg_temp.import_practice_rows on commit drop as
    select r.line, r.okso, r.practice_type, r.starts_on, r.ends_on, r.order_number, r.order_date,
           r.university_supervisor
      from jsonb_to_recordset(p_rows) as r(line integer, okso text, practice_type text, starts_on date, ends_on date,
                                           order_number text, order_date date, university_supervisor text);
  create temp table pg_temp.import_practice_check on commit drop as
    select c.row_no, c.student_id, c.full_name, c.organization_id, c.existing_id, jsonb_array_length(c.errors) = 0 as ok
      from public.check_practice_order(p_rows) c;
  analyze pg_temp.import_practice_rows;
  analyze pg_temp.import_practice_check;
  select count(*) filter (where not c.ok) into v_bad from pg_temp.import_practice_check c;
  if v_bad > 0 and not coalesce(p_only_valid, false) then
    raise exception 'в файле есть строки с ошибками: исправьте их или загрузите только верные строки'
      using errcode = '22023', hint = 'file';
  end if;
  create temp table pg_temp.import_practice_new on commit drop as
    select c.row_no, gen_random_uuid() as id, r.okso, r.practice_type, r.starts_on, r.ends_on,
           r.order_number, r.order_date, r.university_supervisor
      from pg_temp.import_practice_check c
      join pg_temp.import_practice_rows r on r.line = c.row_no
     where c.ok and c.existing_id is null;
  analyze pg_temp.import_practice_new;
  insert into public.practice_placements (id, student_id, student_name, university_id, organization_id, programme_code,
                                          practice_type, starts_on, ends_on, university_supervisor, order_number,
                                          order_date, confirmed_at, status, source, created_by)
  select n.id, c.student_id, c.full_name, v_university, c.organization_id, n.okso, n.practice_type, n.starts_on, n.ends_on,
         nullif(btrim(n.university_supervisor), ''), btrim(n.order_number), n.order_date,
         case when n.order_number is not null then now() end,
         case when n.order_number is not null then 'confirmed' else 'awaiting_university' end::public.placement_status,
         'import', (select auth.uid())
    from pg_temp.import_practice_new n join pg_temp.import_practice_check c on c.row_no = n.row_no;
  -- the history: created from the order, then confirmed by it. Each event's letter job is queued
  -- in one batch (graphile_worker.add_jobs) instead of one add_job per row by the trigger, which
  -- costs seconds per thousand rows.
  perform set_config('app.batch_placement_letters', 'on', true);
  with created as (
    insert into public.outcome_events (record_type, record_id, actor_id, to_status, note)
    select 'practice_placement', n.id, (select auth.uid()), 'awaiting_university',
           format('Загружена из приказа (XLSX), строка %s', n.row_no)
      from pg_temp.import_practice_new n order by n.row_no
    returning id)
  select coalesce(array_agg(id order by id), '{}') into v_events from created;
  with confirmed as (
    insert into public.outcome_events (record_type, record_id, actor_id, from_status, to_status, note)
    select 'practice_placement', n.id, (select auth.uid()), 'awaiting_university', 'confirmed',
           format('Приказ № %s от %s', btrim(n.order_number), to_char(n.order_date, 'DD.MM.YYYY'))
      from pg_temp.import_practice_new n where n.order_number is not null order by n.row_no
    returning id)
  select v_events || coalesce(array_agg(id order by id), '{}') into v_events from confirmed;
  perform set_config('app.batch_placement_letters', '', true);
  if cardinality(v_events) > 0 then
    perform graphile_worker.add_jobs(array(
      select row('notify_placement_event', json_build_object('event_id', e), null, null, 10, null, null, null)::graphile_worker.job_spec
        from unnest(v_events) e));
  end if;
  return query
    select c.row_no, coalesce(n.id, c.existing_id), n.id is not null
      from pg_temp.import_practice_check c left join pg_temp.import_practice_new n on n.row_no = c.row_no
     where c.ok
     order by c.row_no;
end;
$$;

-- The letters' trigger (20261201003010) leaves the events of a batch to import_practice_order,
-- which queues their jobs at once; every other insert still queues its job row by row.
create or replace function app_private.queue_placement_letter() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.record_type = 'practice_placement'
     and coalesce(current_setting('app.batch_placement_letters', true), '') <> 'on' then
    perform graphile_worker.add_job('notify_placement_event', json_build_object('event_id', new.id), max_attempts => 10);
  end if;
  return null;
end;
$$;

revoke all on function public.check_student_list(jsonb), public.import_student_list(jsonb, boolean),
  public.check_practice_order(jsonb), public.import_practice_order(jsonb, boolean),
  app_private.my_university_for_import(), app_private.check_import_size(jsonb)
  from public;
grant execute on function public.check_student_list(jsonb), public.import_student_list(jsonb, boolean),
  public.check_practice_order(jsonb), public.import_practice_order(jsonb, boolean)
  to authenticated;
grant execute on function app_private.my_university_for_import(), app_private.check_import_size(jsonb)
  to authenticated;
