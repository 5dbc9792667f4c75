-- Practice placements, their workflow and the employer supervisor's one-time link (issue 8 item 1).
--
-- The table public.practice_placements comes from the applications migration; this adds what the
-- paperwork needs and one function per move. States (placement_status) and who moves them:
--   awaiting_university   accept_offer (the student accepts a practice offer) | create_placements (university)
--   confirmed             confirm_placement      (the university, with its order «приказ № … от …»)
--   accepted_by_employer  accept_placement       (the employer, naming its supervisor)
--   in_progress           start_due_placements   (the worker on the start date, idempotent)
--   completed             complete_placement_by_token (the employer's supervisor, by the emailed
--                         one-time link: characteristic and grade, no account needed)
--   closed                close_placement        (the university's grade)
--   cancelled             cancel_placement       (the university, the employer or the administration,
--                         with a reason, from any state before closed)
-- Every move locks the row, checks the caller and the state, writes outcome_events; a trigger on
-- outcome_events queues the letter (notify_placement_event) in the same transaction, so a move and
-- its letters are saved together or not at all.

alter table public.practice_placements
  -- the partnership contract (its table comes with the contracts feature; no FK until then)
  add column contract_id uuid,
  add column university_supervisor text check (char_length(university_supervisor) <= 200),
  add column employer_supervisor_name text check (char_length(employer_supervisor_name) <= 200),
  add column employer_supervisor_position text check (char_length(employer_supervisor_position) <= 200),
  add column employer_supervisor_email text
    check (employer_supervisor_email is null or employer_supervisor_email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  add column order_number text check (char_length(order_number) <= 50),
  add column order_date date,
  add column employer_grade smallint check (employer_grade between 2 and 5),
  add column characteristic text check (char_length(characteristic) <= 10000),
  add column university_grade smallint check (university_grade between 2 and 5),
  add column source text not null default 'offer' check (source in ('offer', 'university', 'import')),
  add column created_by uuid references public.profiles (id) on delete set null,
  add column status_changed_at timestamptz not null default now(),
  add column confirmed_at timestamptz,
  add column accepted_at timestamptz,
  add column started_at timestamptz,
  add column completed_at timestamptz,
  add column closed_at timestamptz,
  add column cancelled_at timestamptz,
  add constraint confirmed_has_order check (
    status in ('awaiting_university', 'cancelled') or (order_number is not null and order_date is not null)),
  add constraint accepted_has_supervisor check (
    status in ('awaiting_university', 'confirmed', 'cancelled')
    or (employer_supervisor_name is not null and employer_supervisor_email is not null)),
  add constraint cancelled_has_reason check (status <> 'cancelled' or cancel_reason is not null);
create index practice_placements_due_idx on public.practice_placements (starts_on)
  where status = 'accepted_by_employer';
create index practice_placements_contract_idx on public.practice_placements (contract_id) where contract_id is not null;
create index practice_placements_live_idx on public.practice_placements (student_id, organization_id, starts_on)
  where status <> 'cancelled';

-- The supervisor's one-time links: only hashes; one placement each; single use; 30 days; revocable.
create table public.placement_supervisor_links (
  id uuid primary key default gen_random_uuid(),
  placement_id uuid not null references public.practice_placements (id),
  token_hash text not null unique,
  email text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '30 days',
  used_at timestamptz,
  revoked_at timestamptz
);
create index placement_supervisor_links_placement_idx on public.placement_supervisor_links (placement_id, created_at desc);

alter table public.placement_supervisor_links enable row level security;
create policy "links of placements I may read" on public.placement_supervisor_links for select to authenticated
  using ((select app_private.can_read_outcome('practice_placement', placement_id)));
-- never the hash: the parties see when a link was sent, until when it works and whether it was used
grant select (id, placement_id, email, created_at, expires_at, used_at, revoked_at)
  on public.placement_supervisor_links to authenticated;
grant all on public.placement_supervisor_links to service_role;

-- The letters: every placement event queues one job, in the transaction that wrote it.
create function app_private.queue_placement_letter() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.record_type = 'practice_placement' then
    perform graphile_worker.add_job('notify_placement_event', json_build_object('event_id', new.id), max_attempts => 10);
  end if;
  return null;
end;
$$;
create trigger outcome_events_placement_letter after insert on public.outcome_events
  for each row execute function app_private.queue_placement_letter();

create function app_private.placement_status_label(p_status public.placement_status) returns text
language sql immutable
set search_path = ''
as $$
  select case p_status
    when 'awaiting_university' then 'ждёт подтверждения вуза' when 'confirmed' then 'подтверждена вузом'
    when 'accepted_by_employer' then 'принята работодателем' when 'in_progress' then 'идёт'
    when 'completed' then 'завершена, ждёт оценки вуза' when 'closed' then 'закрыта'
    when 'cancelled' then 'отменена' end;
$$;

-- (app_private.kemerovo_today(), today's date in Kemerovo, comes from 20261201002200.)

-- The placement, locked, if the caller is a party on the given side ('university', 'employer',
-- 'any' = either side or the administration).
create function app_private.lock_placement(p_id uuid, p_side text) returns public.practice_placements
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.practice_placements;
begin
  select * into v from public.practice_placements where id = p_id for update;
  if not found
     or (p_side = 'university' and v.university_id not in (select app_private.my_university_ids()))
     or (p_side = 'employer' and v.organization_id not in (select app_private.my_organization_ids()))
     or (p_side = 'any' and not (v.university_id in (select app_private.my_university_ids())
                                 or v.organization_id in (select app_private.my_organization_ids())
                                 or app_private.is_admin())) then
    raise exception 'практика не найдена' using errcode = '42501', hint = 'id';
  end if;
  return v;
end;
$$;

create function app_private.refuse_placement_move(p_from public.placement_status, p_verb text) returns void
language plpgsql
set search_path = ''
as $$
begin
  raise exception 'нельзя %: практика в состоянии «%»', p_verb, app_private.placement_status_label(p_from)
    using errcode = '22023', hint = 'status';
end;
$$;

create function app_private.record_placement_event(
  p_id uuid, p_from public.placement_status, p_to public.placement_status, p_note text default null
) returns void
language plpgsql security definer
set search_path = ''
as $$
begin
  update public.practice_placements set status = p_to, status_changed_at = now() where id = p_id;
  insert into public.outcome_events (record_type, record_id, actor_id, from_status, to_status, note)
  values ('practice_placement', p_id, (select auth.uid()), p_from::text, p_to::text, nullif(btrim(p_note), ''));
end;
$$;

create function app_private.check_order(p_number text, p_date date) returns void
language plpgsql
set search_path = ''
as $$
begin
  if coalesce(btrim(p_number), '') = '' or char_length(btrim(p_number)) > 50 then
    raise exception 'укажите номер приказа (до 50 знаков)' using errcode = '22023', hint = 'order_number';
  end if;
  if p_date is null or p_date > app_private.kemerovo_today() or p_date < app_private.kemerovo_today() - 730 then
    raise exception 'укажите дату приказа: не в будущем и не раньше чем два года назад'
      using errcode = '22023', hint = 'order_date';
  end if;
end;
$$;

-- The university confirms the placement with its order.
create function public.confirm_placement(
  p_id uuid, p_order_number text, p_order_date date, p_university_supervisor text default null
) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.practice_placements := app_private.lock_placement(p_id, 'university');
begin
  if v.status <> 'awaiting_university' then
    perform app_private.refuse_placement_move(v.status, 'подтвердить практику');
  end if;
  if not app_private.student_is_confirmed(v.student_id) then
    raise exception 'сначала подтвердите, что студент учится в вашем вузе (раздел «Студенты»)'
      using errcode = '22023', hint = 'student';
  end if;
  perform app_private.check_order(p_order_number, p_order_date);
  if char_length(coalesce(p_university_supervisor, '')) > 200 then
    raise exception 'руководитель от вуза — до 200 знаков' using errcode = '22023', hint = 'university_supervisor';
  end if;
  update public.practice_placements
     set order_number = btrim(p_order_number), order_date = p_order_date, confirmed_at = now(),
         university_supervisor = coalesce(nullif(btrim(p_university_supervisor), ''), university_supervisor)
   where id = p_id;
  perform app_private.record_placement_event(p_id, v.status, 'confirmed',
    format('Приказ № %s от %s', btrim(p_order_number), to_char(p_order_date, 'DD.MM.YYYY')));
end;
$$;

-- The employer accepts the student and names the supervisor, who will get the one-time link.
create function public.accept_placement(
  p_id uuid, p_supervisor_name text, p_supervisor_position text, p_supervisor_email text
) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.practice_placements := app_private.lock_placement(p_id, 'employer');
  v_email text := lower(btrim(coalesce(p_supervisor_email, '')));
begin
  if v.status <> 'confirmed' then
    perform app_private.refuse_placement_move(v.status, 'принять студента');
  end if;
  if char_length(btrim(coalesce(p_supervisor_name, ''))) not between 2 and 200 then
    raise exception 'укажите ФИО руководителя практики от предприятия' using errcode = '22023', hint = 'supervisor_name';
  end if;
  if char_length(btrim(coalesce(p_supervisor_position, ''))) not between 2 and 200 then
    raise exception 'укажите должность руководителя практики' using errcode = '22023', hint = 'supervisor_position';
  end if;
  if v_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' or char_length(v_email) > 254 then
    raise exception 'укажите адрес электронной почты руководителя: на него придёт ссылка для характеристики'
      using errcode = '22023', hint = 'supervisor_email';
  end if;
  update public.practice_placements
     set employer_supervisor_name = btrim(p_supervisor_name), employer_supervisor_position = btrim(p_supervisor_position),
         employer_supervisor_email = v_email, accepted_at = now()
   where id = p_id;
  perform app_private.record_placement_event(p_id, v.status, 'accepted_by_employer',
    format('Руководитель практики: %s, %s', btrim(p_supervisor_name), btrim(p_supervisor_position)));
  -- the start on its date (the daily cron catches whatever this misses)
  perform graphile_worker.add_job('start_due_placements', '{}'::json,
    run_at => greatest(now(), (v.starts_on::timestamp at time zone 'Asia/Novokuznetsk')),
    job_key => 'start_placement_' || p_id::text);
end;
$$;

-- The start date has come: accepted placements go in progress. The worker calls it (daily cron and
-- on each start date); running it twice changes nothing. Returns how many started.
create function app_private.start_due_placements() returns integer
language plpgsql security definer
set search_path = ''
as $$
declare
  v_id uuid;
  v_count integer := 0;
begin
  for v_id in
    select id from public.practice_placements
     where status = 'accepted_by_employer' and starts_on <= app_private.kemerovo_today()
     order by starts_on
     for update skip locked
  loop
    update public.practice_placements set started_at = now() where id = v_id;
    perform app_private.record_placement_event(v_id, 'accepted_by_employer', 'in_progress');
    v_count := v_count + 1;
  end loop;
  return v_count;
end;
$$;
revoke all on function app_private.start_due_placements() from public;
grant execute on function app_private.start_due_placements() to service_role;

-- A new one-time link for the employer's supervisor (the letter's job calls it; earlier links of
-- the placement stop working). Returns the token once; only its hash is kept. Null when the
-- placement no longer waits for a characteristic.
create function app_private.issue_supervisor_link(p_placement_id uuid) returns text
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.practice_placements;
  v_token text := encode(extensions.gen_random_bytes(24), 'hex');
begin
  select * into v from public.practice_placements where id = p_placement_id for update;
  if not found or v.status not in ('accepted_by_employer', 'in_progress') or v.employer_supervisor_email is null then
    return null;
  end if;
  update public.placement_supervisor_links set revoked_at = now()
   where placement_id = p_placement_id and used_at is null and revoked_at is null;
  insert into public.placement_supervisor_links (placement_id, token_hash, email)
  values (p_placement_id, encode(extensions.digest(v_token, 'sha256'), 'hex'), v.employer_supervisor_email);
  return v_token;
end;
$$;
revoke all on function app_private.issue_supervisor_link(uuid) from public;
grant execute on function app_private.issue_supervisor_link(uuid) to service_role;

-- The employer or the university asks for a new link (lost letter, other supervisor's address).
create function public.resend_supervisor_link(p_id uuid) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.practice_placements := app_private.lock_placement(p_id, 'any');
begin
  if v.status <> 'in_progress' then
    perform app_private.refuse_placement_move(v.status, 'отправить ссылку руководителю');
  end if;
  perform graphile_worker.add_job('notify_placement_event',
    json_build_object('placement_id', p_id, 'supervisor_link', true), max_attempts => 10);
end;
$$;

create function public.revoke_supervisor_link(p_id uuid) returns integer
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.practice_placements := app_private.lock_placement(p_id, 'any');
  v_count integer;
begin
  update public.placement_supervisor_links set revoked_at = now()
   where placement_id = v.id and used_at is null and revoked_at is null and expires_at > now();
  get diagnostics v_count = row_count;
  return v_count;
end;
$$;

create function app_private.link_by_token(p_token text) returns public.placement_supervisor_links
language sql stable security definer
set search_path = ''
as $$
  select * from public.placement_supervisor_links
   where token_hash = encode(extensions.digest(coalesce(p_token, ''), 'sha256'), 'hex');
$$;

-- What the supervisor's page shows for a token: exactly one placement, and the link's state.
create function public.placement_by_supervisor_token(p_token text)
returns table (link_state text, placement_id uuid, student_name text, university_name text, organization_name text,
               programme_code text, programme_name text, practice_type text, starts_on date, ends_on date,
               supervisor_name text, placement_status public.placement_status, expires_at timestamptz)
language sql stable security definer
set search_path = ''
as $$
  select case when l.used_at is not null then 'used'
              when l.revoked_at is not null then 'revoked'
              when l.expires_at <= now() then 'expired'
              when x.status <> 'in_progress' then 'closed'
              else 'valid' end,
         x.id, p.full_name, u.name, o.name, x.programme_code, pr.name, x.practice_type, x.starts_on, x.ends_on,
         x.employer_supervisor_name, x.status, l.expires_at
  from public.placement_supervisor_links l
  join public.practice_placements x on x.id = l.placement_id
  join public.organizations u on u.id = x.university_id
  join public.organizations o on o.id = x.organization_id
  left join public.profiles p on p.id = x.student_id
  left join public.programmes pr on pr.code = x.programme_code
  where l.token_hash = encode(extensions.digest(coalesce(p_token, ''), 'sha256'), 'hex');
$$;

-- The supervisor writes the characteristic and the grade: the link is used up in the same move.
create function public.complete_placement_by_token(p_token text, p_characteristic text, p_grade smallint)
returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  v_link public.placement_supervisor_links;
  v public.practice_placements;
begin
  select * into v_link from public.placement_supervisor_links
   where token_hash = encode(extensions.digest(coalesce(p_token, ''), 'sha256'), 'hex') for update;
  if not found or v_link.used_at is not null or v_link.revoked_at is not null or v_link.expires_at <= now() then
    raise exception 'ссылка недействительна: она уже использована, отозвана или срок её действия истёк'
      using errcode = '22023', hint = 'token';
  end if;
  select * into v from public.practice_placements where id = v_link.placement_id for update;
  if v.status <> 'in_progress' then
    perform app_private.refuse_placement_move(v.status, 'написать характеристику');
  end if;
  if char_length(btrim(coalesce(p_characteristic, ''))) < 20 or char_length(p_characteristic) > 10000 then
    raise exception 'напишите характеристику: от 20 до 10 000 знаков' using errcode = '22023', hint = 'characteristic';
  end if;
  if p_grade is null or p_grade not between 2 and 5 then
    raise exception 'выберите оценку от 2 до 5' using errcode = '22023', hint = 'grade';
  end if;
  update public.placement_supervisor_links set used_at = now() where id = v_link.id;
  update public.practice_placements
     set characteristic = btrim(p_characteristic), employer_grade = p_grade, completed_at = now()
   where id = v.id;
  perform app_private.record_placement_event(v.id, v.status, 'completed',
    format('Характеристика от руководителя практики %s, оценка %s', v.employer_supervisor_name, p_grade));
  return v.id;
end;
$$;

-- The university's grade closes the placement.
create function public.close_placement(p_id uuid, p_grade smallint, p_note text default null) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.practice_placements := app_private.lock_placement(p_id, 'university');
begin
  if v.status <> 'completed' then
    perform app_private.refuse_placement_move(v.status, 'закрыть практику');
  end if;
  if p_grade is null or p_grade not between 2 and 5 then
    raise exception 'выберите оценку от 2 до 5' using errcode = '22023', hint = 'grade';
  end if;
  if char_length(coalesce(p_note, '')) > 1000 then
    raise exception 'комментарий — не длиннее 1 000 знаков' using errcode = '22023', hint = 'note';
  end if;
  update public.practice_placements set university_grade = p_grade, closed_at = now() where id = p_id;
  perform app_private.record_placement_event(p_id, v.status, 'closed',
    coalesce(nullif(btrim(p_note), ''), format('Оценка вуза: %s', p_grade)));
end;
$$;

-- Cancelled with a reason, by a party or the administration, before it is closed. Never deleted.
create function public.cancel_placement(p_id uuid, p_reason text) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.practice_placements := app_private.lock_placement(p_id, 'any');
begin
  if v.status in ('closed', 'cancelled') then
    perform app_private.refuse_placement_move(v.status, 'отменить практику');
  end if;
  if char_length(btrim(coalesce(p_reason, ''))) < 3 or char_length(p_reason) > 1000 then
    raise exception 'укажите причину отмены (до 1 000 знаков)' using errcode = '22023', hint = 'reason';
  end if;
  update public.practice_placements set cancel_reason = btrim(p_reason), cancelled_at = now() where id = p_id;
  update public.placement_supervisor_links set revoked_at = now()
   where placement_id = p_id and used_at is null and revoked_at is null;
  perform app_private.record_placement_event(p_id, v.status, 'cancelled', btrim(p_reason));
end;
$$;

-- The university creates placements for a group of its students (picked on the page or read from
-- its order's XLSX). All or nothing: any bad row refuses the whole call. A student who already has a
-- live placement at that employer from that date is skipped (created = false), so sending the same
-- group or file twice creates nothing new. With an order number and date the new placements are
-- confirmed at once.
create function public.create_placements(
  p_student_ids uuid[],
  p_organization_id uuid,
  p_starts_on date,
  p_ends_on date,
  p_practice_type text,
  p_university_supervisor text default null,
  p_order_number text default null,
  p_order_date date default null,
  p_source text default 'university'
) returns table (student_id uuid, placement_id uuid, created boolean)
language plpgsql security definer
set search_path = ''
as $$
declare
  v_university uuid;
  v_student public.profiles;
  v_id uuid;
  v_existing uuid;
  v_sid uuid;
begin
  select m into v_university from app_private.my_university_ids() m limit 1;
  if v_university is null then
    raise exception 'создавать практики могут сотрудники вуза' using errcode = '42501', hint = 'university';
  end if;
  if coalesce(p_source, '') not in ('university', 'import') then
    raise exception 'неизвестный источник' using errcode = '22023', hint = 'source';
  end if;
  if coalesce(cardinality(p_student_ids), 0) = 0 then
    raise exception 'выберите хотя бы одного студента' using errcode = '22023', hint = 'student_ids';
  end if;
  if cardinality(p_student_ids) > 2000 then
    raise exception 'за один раз — не больше 2 000 студентов' using errcode = '22023', hint = 'student_ids';
  end if;
  if not app_private.employer_is_verified(p_organization_id) then
    raise exception 'работодатель не найден среди проверенных администрацией' using errcode = '22023', hint = 'organization_id';
  end if;
  if p_starts_on is null or p_ends_on is null then
    raise exception 'укажите даты начала и окончания практики' using errcode = '22023', hint = 'starts_on';
  end if;
  if p_ends_on < p_starts_on then
    raise exception 'дата окончания практики не может быть раньше даты начала' using errcode = '22023', hint = 'ends_on';
  end if;
  if p_ends_on > p_starts_on + 366 or p_starts_on < app_private.kemerovo_today() - 365
     or p_starts_on > app_private.kemerovo_today() + 730 then
    raise exception 'практика — не длиннее года, начало — не дальше года назад и двух лет вперёд'
      using errcode = '22023', hint = 'starts_on';
  end if;
  if p_practice_type is null or p_practice_type not in ('educational', 'industrial', 'pre_diploma') then
    raise exception 'выберите вид практики: учебная, производственная или преддипломная'
      using errcode = '22023', hint = 'practice_type';
  end if;
  if char_length(coalesce(p_university_supervisor, '')) > 200 then
    raise exception 'руководитель от вуза — до 200 знаков' using errcode = '22023', hint = 'university_supervisor';
  end if;
  if p_order_number is not null or p_order_date is not null then
    perform app_private.check_order(p_order_number, p_order_date);
  end if;
  -- check everyone first: nothing is written unless every student may go
  foreach v_sid in array p_student_ids loop
    select * into v_student from public.profiles p where p.id = v_sid;
    if not found or v_student.role <> 'student' or v_student.university_id is distinct from v_university then
      raise exception 'студент % не найден среди студентов вашего вуза', coalesce(v_student.full_name, v_sid::text)
        using errcode = '22023', hint = 'student_ids';
    end if;
    if v_student.enrolment_status <> 'confirmed' then
      raise exception 'студент % ещё не подтверждён вузом (раздел «Студенты»)', v_student.full_name
        using errcode = '22023', hint = 'student_ids';
    end if;
  end loop;
  perform pg_advisory_xact_lock(hashtextextended('placements:' || v_university::text, 0));
  foreach v_sid in array p_student_ids loop
    select x.id into v_existing from public.practice_placements x
     where x.student_id = v_sid and x.organization_id = p_organization_id and x.starts_on = p_starts_on
       and x.status <> 'cancelled'
     limit 1;
    if found then
      return query select v_sid, v_existing, false;
      continue;
    end if;
    select * into v_student from public.profiles p where p.id = v_sid;
    insert into public.practice_placements (student_id, university_id, organization_id, programme_code, practice_type,
                                            starts_on, ends_on, university_supervisor, source, created_by)
    values (v_sid, v_university, p_organization_id, v_student.programme_code, p_practice_type, p_starts_on, p_ends_on,
            nullif(btrim(p_university_supervisor), ''), p_source, (select auth.uid()))
    returning id into v_id;
    insert into public.outcome_events (record_type, record_id, actor_id, to_status, note)
    values ('practice_placement', v_id, (select auth.uid()), 'awaiting_university',
            case p_source when 'import' then 'Загружена из приказа (XLSX)' else 'Создана вузом' end);
    if p_order_number is not null then
      perform public.confirm_placement(v_id, p_order_number, p_order_date, p_university_supervisor);
    end if;
    return query select v_sid, v_id, true;
  end loop;
end;
$$;

revoke all on function public.confirm_placement(uuid, text, date, text), public.accept_placement(uuid, text, text, text),
  public.resend_supervisor_link(uuid), public.revoke_supervisor_link(uuid),
  public.placement_by_supervisor_token(text), public.complete_placement_by_token(text, text, smallint),
  public.close_placement(uuid, smallint, text), public.cancel_placement(uuid, text),
  public.create_placements(uuid[], uuid, date, date, text, text, text, date, text),
  app_private.lock_placement(uuid, text), app_private.record_placement_event(uuid, public.placement_status, public.placement_status, text),
  app_private.link_by_token(text), app_private.queue_placement_letter()
  from public;
grant execute on function public.confirm_placement(uuid, text, date, text), public.accept_placement(uuid, text, text, text),
  public.resend_supervisor_link(uuid), public.revoke_supervisor_link(uuid),
  public.close_placement(uuid, smallint, text), public.cancel_placement(uuid, text),
  public.create_placements(uuid[], uuid, date, date, text, text, text, date, text)
  to authenticated;
grant execute on function public.placement_by_supervisor_token(text), public.complete_placement_by_token(text, text, smallint)
  to anon, authenticated;
