-- Stipend awards and target-training agreements (issue 8 items 3 and 4): the moves after the
-- record exists. The tables come from 20261201001100_create_applications.sql (accept_offer creates
-- them from accepted offers); here the employer may also create them for a named student, and every
-- further move is one security definer function that locks the row, checks the caller and the
-- state, appends one outcome_events row and queues the letter in the same transaction
-- (job notify_stipend_agreement_event {event_id}).
--
-- Stipend awards (stipend_status):
--   awaiting_university  create_stipend_award (employer) or accept_offer (student)
--   active               confirm_stipend_award (the student's university: enrolled, in good standing)
--   finished             app_private.finish_stipend_awards (cron, when its months have passed)
--   cancelled            cancel_stipend_award (employer or university, with a reason)
--   (the order number may be entered later: set_stipend_order_number, employer)
--
-- Target-training agreements (Постановление Правительства РФ № 555 от 27.04.2024;
-- target_agreement_status):
--   awaiting_signatures  create_target_agreement (employer = заказчик) or accept_offer (student)
--   in_force             sign_target_agreement by each of the three parties; the customer signs
--                        first and gives the agreement its number and date; the third signature
--                        puts it in force
--   fulfilled            the graduate's confirmed hire at the customer (a trigger on employments,
--                        or fulfil_target_agreement by the customer for a hire confirmed before)
--   terminated           terminate_target_agreement (any party, with a reason)

-- Columns -------------------------------------------------------------------------------------

alter table public.stipend_awards
  -- the student's name as the employer sees it (the employer may not read the student's profile)
  add column student_name text,
  add column created_by uuid references public.profiles (id) on delete set null,
  add column confirmed_at timestamptz,
  add column confirmed_by uuid references public.profiles (id) on delete set null,
  add column finished_at timestamptz,
  add column cancelled_at timestamptz,
  add column cancelled_by uuid references public.profiles (id) on delete set null;
create index stipend_awards_active_idx on public.stipend_awards (starts_on) where status = 'active';

alter table public.target_agreements
  add column student_name text,
  add column created_by uuid references public.profiles (id) on delete set null,
  add column agreement_number text check (char_length(btrim(agreement_number)) between 1 and 50),
  add column agreement_date date,
  -- support measures: a monthly stipend, housing, and the free text of other measures (support_measures)
  add column support_stipend_per_month integer check (support_stipend_per_month between 1 and 10000000),
  add column support_housing boolean not null default false,
  add column practice_at_customer boolean not null default false,
  add column employer_signed_at timestamptz,
  add column employer_signed_by uuid references public.profiles (id) on delete set null,
  add column student_signed_at timestamptz,
  add column university_signed_at timestamptz,
  add column university_signed_by uuid references public.profiles (id) on delete set null,
  add column in_force_at timestamptz,
  add column employment_id uuid references public.employments (id),
  add column fulfilled_at timestamptz,
  add column terminated_at timestamptz,
  add column terminated_by uuid references public.profiles (id) on delete set null,
  add constraint in_force_has_three_signatures check (
    status not in ('in_force', 'fulfilled')
    or (employer_signed_at is not null and student_signed_at is not null and university_signed_at is not null)),
  add constraint fulfilled_has_employment check (status <> 'fulfilled' or employment_id is not null);
create index target_agreements_fulfil_idx on public.target_agreements (student_id, organization_id)
  where status = 'in_force';
create index target_agreements_employment_idx on public.target_agreements (employment_id)
  where employment_id is not null;

-- The name is copied when the record is made (by accept_offer too), and the university is the
-- student's when missing.
create function app_private.fill_outcome_student() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.profiles;
begin
  select * into v from public.profiles where id = new.student_id;
  if found then
    new.student_name := coalesce(new.student_name, v.full_name);
    new.university_id := coalesce(new.university_id, v.university_id);
  end if;
  return new;
end;
$$;
create trigger stipend_awards_fill_student before insert on public.stipend_awards
  for each row execute function app_private.fill_outcome_student();
create trigger target_agreements_fill_student before insert on public.target_agreements
  for each row execute function app_private.fill_outcome_student();

update public.stipend_awards s set student_name = p.full_name from public.profiles p
 where p.id = s.student_id and s.student_name is null;
update public.target_agreements t set student_name = p.full_name from public.profiles p
 where p.id = t.student_id and t.student_name is null;

-- Which letters went out (the worker's idempotence: a retried job sends nothing twice).
create table app_private.outcome_event_letters (
  event_id bigint primary key references public.outcome_events (id) on delete cascade,
  sent_at timestamptz not null default now()
);
grant all on app_private.outcome_event_letters to service_role;

-- Helpers ------------------------------------------------------------------------------------

-- Appends the move to outcome_events and queues its letter, in the caller's transaction.
create function app_private.record_award_agreement_event(
  p_type text, p_id uuid, p_from text, p_to text, p_note text default null
) returns bigint
language plpgsql security definer
set search_path = ''
as $$
declare
  v_id bigint;
begin
  insert into public.outcome_events (record_type, record_id, actor_id, from_status, to_status, note)
  values (p_type, p_id, (select auth.uid()), p_from, p_to, nullif(btrim(p_note), ''))
  returning id into v_id;
  perform graphile_worker.add_job('notify_stipend_agreement_event', json_build_object('event_id', v_id),
                                  max_attempts => 10);
  return v_id;
end;
$$;

-- The caller's employer organization, verified; refuses otherwise.
create function app_private.my_verified_employer_id() returns uuid
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_org uuid;
begin
  select m.organization_id into v_org
  from public.memberships m join public.organizations o on o.id = m.organization_id and o.kind = 'employer'
  where m.profile_id = (select auth.uid())
  limit 1;
  if v_org is null then
    raise exception 'это может сделать только представитель работодателя' using errcode = '42501', hint = 'id';
  end if;
  if not app_private.employer_is_verified(v_org) then
    raise exception 'организация ещё не проверена администрацией города' using errcode = '42501', hint = 'id';
  end if;
  return v_org;
end;
$$;

-- The student an employer names: one who applied to it (by id) or any student by email.
create function app_private.student_named_by_employer(p_organization_id uuid, p_student_id uuid, p_email text)
returns public.profiles
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v public.profiles;
begin
  if p_student_id is not null then
    select p.* into v from public.profiles p
     where p.id = p_student_id and p.role = 'student'
       and exists (select from public.applications a
                    where a.applicant_id = p.id and a.organization_id = p_organization_id);
    if not found then
      raise exception 'выберите студента из тех, кто откликался на ваши публикации' using errcode = '22023', hint = 'student_id';
    end if;
  elsif coalesce(btrim(p_email), '') <> '' then
    select p.* into v from public.profiles p
     where lower(p.email) = lower(btrim(p_email)) and p.role = 'student';
    if not found then
      raise exception 'студент с таким адресом не зарегистрирован на платформе' using errcode = '22023', hint = 'student_email';
    end if;
  else
    raise exception 'укажите студента: выберите из откликнувшихся или введите его адрес' using errcode = '22023', hint = 'student_email';
  end if;
  if v.university_id is null then
    raise exception 'у студента в профиле не указан вуз: вуз должен подтвердить, что он учится' using errcode = '22023',
      hint = case when p_student_id is not null then 'student_id' else 'student_email' end;
  end if;
  return v;
end;
$$;

-- (Dates people type are checked against app_private.kemerovo_today() of 20261201002200.)

create function app_private.stipend_status_label(p public.stipend_status) returns text
language sql immutable
set search_path = ''
as $$
  select case p when 'awaiting_university' then 'ждёт подтверждения вуза' when 'active' then 'назначена'
    when 'finished' then 'выплаты завершены' when 'cancelled' then 'отменена' end;
$$;

create function app_private.target_status_label(p public.target_agreement_status) returns text
language sql immutable
set search_path = ''
as $$
  select case p when 'awaiting_signatures' then 'ждёт подписей' when 'in_force' then 'действует'
    when 'fulfilled' then 'исполнен' when 'terminated' then 'расторгнут' end;
$$;

create function app_private.checked_reason(p_reason text) returns text
language plpgsql immutable
set search_path = ''
as $$
begin
  if char_length(coalesce(btrim(p_reason), '')) < 3 or char_length(btrim(p_reason)) > 1000 then
    raise exception 'укажите причину (от 3 до 1 000 знаков)' using errcode = '22023', hint = 'reason';
  end if;
  return btrim(p_reason);
end;
$$;

-- Stipend awards -----------------------------------------------------------------------------

create function app_private.check_stipend_terms(p_amount integer, p_months integer, p_starts_on date, p_order text)
returns void
language plpgsql stable
set search_path = ''
as $$
begin
  if p_amount is null or p_amount < 1 or p_amount > 10000000 then
    raise exception 'размер стипендии — от 1 до 10 000 000 ₽ в месяц' using errcode = '22023', hint = 'amount_per_month';
  end if;
  if p_months is null or p_months < 1 or p_months > 72 then
    raise exception 'срок стипендии — от 1 до 72 месяцев' using errcode = '22023', hint = 'months';
  end if;
  if p_starts_on is null or p_starts_on < app_private.kemerovo_today() - 366 or p_starts_on > app_private.kemerovo_today() + 366 then
    raise exception 'укажите дату начала выплат (не дальше года от сегодня)' using errcode = '22023', hint = 'starts_on';
  end if;
  if char_length(coalesce(btrim(p_order), '')) > 50 then
    raise exception 'номер приказа — не длиннее 50 знаков' using errcode = '22023', hint = 'order_number';
  end if;
end;
$$;

-- Every argument may be null (PostgREST passes what the form had): the checks below say which is missing.
create function public.create_stipend_award(
  p_student_id uuid default null, p_student_email text default null, p_amount_per_month integer default null,
  p_months integer default null, p_starts_on date default null, p_order_number text default null
) returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  v_org uuid := app_private.my_verified_employer_id();
  v_student public.profiles;
  v_id uuid;
begin
  v_student := app_private.student_named_by_employer(v_org, p_student_id, p_student_email);
  perform app_private.check_stipend_terms(p_amount_per_month, p_months, p_starts_on, p_order_number);
  insert into public.stipend_awards (student_id, university_id, organization_id, amount_per_month, months, starts_on,
                                     order_number, student_name, created_by)
  values (v_student.id, v_student.university_id, v_org, p_amount_per_month, p_months, p_starts_on,
          nullif(btrim(p_order_number), ''), v_student.full_name, (select auth.uid()))
  returning id into v_id;
  perform app_private.record_award_agreement_event('stipend_award', v_id, null, 'awaiting_university');
  return v_id;
end;
$$;

create function app_private.lock_stipend_award(p_id uuid) returns public.stipend_awards
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.stipend_awards;
begin
  select * into v from public.stipend_awards where id = p_id for update;
  if not found then
    raise exception 'стипендия не найдена' using errcode = '42501', hint = 'id';
  end if;
  return v;
end;
$$;

create function app_private.refuse_stipend_move(p_from public.stipend_status, p_verb text) returns void
language plpgsql
set search_path = ''
as $$
begin
  raise exception 'нельзя %: стипендия в состоянии «%»', p_verb, app_private.stipend_status_label(p_from)
    using errcode = '22023', hint = 'status';
end;
$$;

-- The university confirms that the student is enrolled and in good standing.
create function public.confirm_stipend_award(p_id uuid, p_note text default null) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.stipend_awards := app_private.lock_stipend_award(p_id);
begin
  if v.university_id is null or v.university_id not in (select app_private.my_university_ids()) then
    raise exception 'стипендия не найдена' using errcode = '42501', hint = 'id';
  end if;
  if v.status <> 'awaiting_university' then
    perform app_private.refuse_stipend_move(v.status, 'подтвердить');
  end if;
  if char_length(coalesce(p_note, '')) > 1000 then
    raise exception 'комментарий — не длиннее 1 000 знаков' using errcode = '22023', hint = 'note';
  end if;
  update public.stipend_awards set status = 'active', confirmed_at = now(), confirmed_by = (select auth.uid())
   where id = p_id;
  perform app_private.record_award_agreement_event('stipend_award', p_id, 'awaiting_university', 'active', p_note);
end;
$$;

create function public.cancel_stipend_award(p_id uuid, p_reason text) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.stipend_awards := app_private.lock_stipend_award(p_id);
  v_reason text;
begin
  if v.organization_id not in (select app_private.my_organization_ids())
     and (v.university_id is null or v.university_id not in (select app_private.my_university_ids())) then
    raise exception 'стипендия не найдена' using errcode = '42501', hint = 'id';
  end if;
  if v.status not in ('awaiting_university', 'active') then
    perform app_private.refuse_stipend_move(v.status, 'отменить');
  end if;
  v_reason := app_private.checked_reason(p_reason);
  update public.stipend_awards
     set status = 'cancelled', cancel_reason = v_reason, cancelled_at = now(), cancelled_by = (select auth.uid())
   where id = p_id;
  perform app_private.record_award_agreement_event('stipend_award', p_id, v.status::text, 'cancelled', v_reason);
end;
$$;

-- The employer's order (приказ) number, entered later for an award made from an accepted offer.
create function public.set_stipend_order_number(p_id uuid, p_order_number text) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.stipend_awards := app_private.lock_stipend_award(p_id);
begin
  if v.organization_id not in (select app_private.my_organization_ids()) then
    raise exception 'стипендия не найдена' using errcode = '42501', hint = 'id';
  end if;
  if v.status not in ('awaiting_university', 'active') then
    perform app_private.refuse_stipend_move(v.status, 'изменить номер приказа');
  end if;
  if coalesce(btrim(p_order_number), '') = '' or char_length(btrim(p_order_number)) > 50 then
    raise exception 'укажите номер приказа (до 50 знаков)' using errcode = '22023', hint = 'order_number';
  end if;
  update public.stipend_awards set order_number = btrim(p_order_number) where id = p_id;
  insert into public.outcome_events (record_type, record_id, actor_id, from_status, to_status, note)
  values ('stipend_award', p_id, (select auth.uid()), v.status::text, v.status::text,
          'номер приказа: ' || btrim(p_order_number));
end;
$$;

-- The last day an award is paid for: its months from the start date.
create function app_private.stipend_ends_on(p_starts_on date, p_months integer) returns date
language sql immutable
set search_path = ''
as $$
  select (p_starts_on + make_interval(months => p_months))::date - 1;
$$;

-- Cron (finish_stipend_awards): active awards whose months have passed become finished. Runs twice
-- harmlessly: only active rows move, each once. Returns how many moved.
create function app_private.finish_stipend_awards() returns integer
language plpgsql security definer
set search_path = ''
as $$
declare
  v_id uuid;
  v_count integer := 0;
begin
  for v_id in
    select id from public.stipend_awards
     where status = 'active'
       and app_private.stipend_ends_on(starts_on, months) < app_private.kemerovo_today()
     order by starts_on
     for update skip locked
  loop
    update public.stipend_awards set status = 'finished', finished_at = now() where id = v_id;
    perform app_private.record_award_agreement_event('stipend_award', v_id, 'active', 'finished',
                                                     'срок выплат закончился');
    v_count := v_count + 1;
  end loop;
  return v_count;
end;
$$;

-- Target-training agreements -------------------------------------------------------------------

create function app_private.check_target_terms(
  p_work_years integer, p_stipend integer, p_other text, p_number text, p_date date
) returns void
language plpgsql stable
set search_path = ''
as $$
begin
  if p_work_years is null or p_work_years < 3 or p_work_years > 10 then
    raise exception 'срок отработки — от 3 до 10 лет (Постановление № 555)' using errcode = '22023', hint = 'work_years';
  end if;
  if p_stipend is not null and (p_stipend < 1 or p_stipend > 10000000) then
    raise exception 'стипендия заказчика — от 1 до 10 000 000 ₽ в месяц' using errcode = '22023', hint = 'support_stipend_per_month';
  end if;
  if char_length(coalesce(p_other, '')) > 3000 then
    raise exception 'иные меры поддержки — не длиннее 3 000 знаков' using errcode = '22023', hint = 'support_other';
  end if;
  if p_number is not null and (btrim(p_number) = '' or char_length(btrim(p_number)) > 50) then
    raise exception 'номер договора — от 1 до 50 знаков' using errcode = '22023', hint = 'agreement_number';
  end if;
  if p_date is not null and (p_date > app_private.kemerovo_today() or p_date < app_private.kemerovo_today() - 366) then
    raise exception 'дата договора — не в будущем и не раньше года назад' using errcode = '22023', hint = 'agreement_date';
  end if;
end;
$$;

create function public.create_target_agreement(
  p_student_id uuid default null, p_student_email text default null, p_programme_code text default null,
  p_work_years integer default null,
  p_support_stipend_per_month integer default null, p_support_housing boolean default false,
  p_support_other text default null, p_practice_at_customer boolean default false,
  p_agreement_number text default null, p_agreement_date date default null
) returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  v_org uuid := app_private.my_verified_employer_id();
  v_student public.profiles;
  v_programme text;
  v_id uuid;
begin
  v_student := app_private.student_named_by_employer(v_org, p_student_id, p_student_email);
  perform app_private.check_target_terms(p_work_years, p_support_stipend_per_month, p_support_other,
                                         p_agreement_number, p_agreement_date);
  v_programme := coalesce(nullif(btrim(p_programme_code), ''), v_student.programme_code);
  if v_programme is null or not exists (select from public.programmes where code = v_programme) then
    raise exception 'укажите направление подготовки из классификатора ОКСО' using errcode = '22023', hint = 'programme_code';
  end if;
  insert into public.target_agreements (student_id, university_id, organization_id, programme_code, work_years,
                                        support_measures, support_stipend_per_month, support_housing,
                                        practice_at_customer, agreement_number, agreement_date, student_name, created_by)
  values (v_student.id, v_student.university_id, v_org, v_programme, p_work_years,
          nullif(btrim(p_support_other), ''), p_support_stipend_per_month, coalesce(p_support_housing, false),
          coalesce(p_practice_at_customer, false), nullif(btrim(p_agreement_number), ''), p_agreement_date,
          v_student.full_name, (select auth.uid()))
  returning id into v_id;
  perform app_private.record_award_agreement_event('target_agreement', v_id, null, 'awaiting_signatures');
  return v_id;
end;
$$;

-- The caller's side in an agreement: 'student', 'university', 'employer' or null.
create function app_private.target_agreement_party(p public.target_agreements) returns text
language sql stable security definer
set search_path = ''
as $$
  select case
    when p.student_id = (select auth.uid()) then 'student'
    when p.university_id in (select app_private.my_university_ids()) then 'university'
    when p.organization_id in (select app_private.my_organization_ids()) then 'employer'
  end;
$$;

create function app_private.lock_target_agreement(p_id uuid) returns public.target_agreements
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.target_agreements;
begin
  select * into v from public.target_agreements where id = p_id for update;
  if not found or app_private.target_agreement_party(v) is null then
    raise exception 'договор не найден' using errcode = '42501', hint = 'id';
  end if;
  return v;
end;
$$;

create function app_private.refuse_target_move(p_from public.target_agreement_status, p_verb text) returns void
language plpgsql
set search_path = ''
as $$
begin
  raise exception 'нельзя %: договор в состоянии «%»', p_verb, app_private.target_status_label(p_from)
    using errcode = '22023', hint = 'status';
end;
$$;

-- One party signs (confirms the agreement in the platform). The customer signs first and gives the
-- number and date if the agreement has none yet (one made from an accepted offer); the third
-- signature puts the agreement in force. Returns the agreement's state after the signature.
create function public.sign_target_agreement(
  p_id uuid, p_agreement_number text default null, p_agreement_date date default null
) returns public.target_agreement_status
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.target_agreements := app_private.lock_target_agreement(p_id);
  v_party text := app_private.target_agreement_party(v);
  v_number text;
  v_date date;
begin
  if v.status <> 'awaiting_signatures' then
    perform app_private.refuse_target_move(v.status, 'подписать');
  end if;
  if v_party = 'employer' then
    if v.employer_signed_at is not null then
      raise exception 'заказчик уже подписал договор' using errcode = '22023', hint = 'status';
    end if;
    v_number := coalesce(v.agreement_number, nullif(btrim(p_agreement_number), ''));
    v_date := coalesce(v.agreement_date, p_agreement_date);
    if v_number is null then
      raise exception 'укажите номер договора' using errcode = '22023', hint = 'agreement_number';
    end if;
    if v_date is null then
      raise exception 'укажите дату договора' using errcode = '22023', hint = 'agreement_date';
    end if;
    perform app_private.check_target_terms(v.work_years, v.support_stipend_per_month, v.support_measures,
                                           v_number, case when v.agreement_date is null then v_date end);
    update public.target_agreements
       set employer_signed_at = now(), employer_signed_by = (select auth.uid()),
           agreement_number = v_number, agreement_date = v_date
     where id = p_id;
  else
    if v.employer_signed_at is null then
      raise exception 'сначала договор подписывает заказчик: он присваивает номер и дату' using errcode = '22023',
        hint = 'status';
    end if;
    if v_party = 'student' then
      if v.student_signed_at is not null then
        raise exception 'вы уже подписали договор' using errcode = '22023', hint = 'status';
      end if;
      update public.target_agreements set student_signed_at = now() where id = p_id;
    else
      if v.university_signed_at is not null then
        raise exception 'вуз уже подписал договор' using errcode = '22023', hint = 'status';
      end if;
      update public.target_agreements set university_signed_at = now(), university_signed_by = (select auth.uid())
       where id = p_id;
    end if;
  end if;
  perform app_private.record_award_agreement_event('target_agreement', p_id, 'awaiting_signatures',
                                                   'awaiting_signatures', 'signed:' || v_party);
  select * into v from public.target_agreements where id = p_id;
  if v.employer_signed_at is not null and v.student_signed_at is not null and v.university_signed_at is not null then
    update public.target_agreements set status = 'in_force', in_force_at = now() where id = p_id;
    perform app_private.record_award_agreement_event('target_agreement', p_id, 'awaiting_signatures', 'in_force');
    return 'in_force';
  end if;
  return 'awaiting_signatures';
end;
$$;

create function public.terminate_target_agreement(p_id uuid, p_reason text) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.target_agreements := app_private.lock_target_agreement(p_id);
  v_reason text;
begin
  if v.status not in ('awaiting_signatures', 'in_force') then
    perform app_private.refuse_target_move(v.status, 'расторгнуть');
  end if;
  v_reason := app_private.checked_reason(p_reason);
  update public.target_agreements
     set status = 'terminated', cancel_reason = v_reason, terminated_at = now(), terminated_by = (select auth.uid())
   where id = p_id;
  perform app_private.record_award_agreement_event('target_agreement', p_id, v.status::text, 'terminated', v_reason);
end;
$$;

-- in_force → fulfilled, with the employment that fulfils it (same person, the customer, confirmed).
create function app_private.fulfil_target_agreement_row(p_id uuid, p_employment_id uuid) returns void
language plpgsql security definer
set search_path = ''
as $$
begin
  update public.target_agreements
     set status = 'fulfilled', employment_id = p_employment_id, fulfilled_at = now()
   where id = p_id;
  perform app_private.record_award_agreement_event('target_agreement', p_id, 'in_force', 'fulfilled',
                                                   'выпускник принят на работу к заказчику');
end;
$$;

-- The customer marks the agreement fulfilled by a hire of the graduate that is already confirmed.
create function public.fulfil_target_agreement(p_id uuid) returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.target_agreements := app_private.lock_target_agreement(p_id);
  v_employment uuid;
begin
  if app_private.target_agreement_party(v) <> 'employer' then
    raise exception 'отметить исполнение договора может заказчик' using errcode = '42501', hint = 'id';
  end if;
  if v.status <> 'in_force' then
    perform app_private.refuse_target_move(v.status, 'отметить исполнение');
  end if;
  select e.id into v_employment from public.employments e
   where e.person_id = v.student_id and e.organization_id = v.organization_id and e.status = 'confirmed'
   order by e.start_date desc limit 1;
  if v_employment is null then
    raise exception 'нет подтверждённого выпускником приёма на работу к заказчику' using errcode = '22023', hint = 'status';
  end if;
  perform app_private.fulfil_target_agreement_row(p_id, v_employment);
  return v_employment;
end;
$$;

-- The graduate confirms their hire at the customer: the agreement in force is fulfilled at once.
create function app_private.fulfil_target_agreements_on_hire() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_id uuid;
begin
  for v_id in
    select id from public.target_agreements
     where student_id = new.person_id and organization_id = new.organization_id and status = 'in_force'
     for update
  loop
    perform app_private.fulfil_target_agreement_row(v_id, new.id);
  end loop;
  return null;
end;
$$;
create trigger employments_fulfil_target_agreements
  after update of status on public.employments
  for each row when (new.status = 'confirmed' and old.status is distinct from 'confirmed')
  execute function app_private.fulfil_target_agreements_on_hire();

-- Grants -------------------------------------------------------------------------------------

revoke all on function app_private.fill_outcome_student(), app_private.record_award_agreement_event(text, uuid, text, text, text),
  app_private.my_verified_employer_id(), app_private.student_named_by_employer(uuid, uuid, text),
  app_private.checked_reason(text), app_private.check_stipend_terms(integer, integer, date, text),
  app_private.lock_stipend_award(uuid), app_private.refuse_stipend_move(public.stipend_status, text),
  app_private.finish_stipend_awards(), app_private.check_target_terms(integer, integer, text, text, date),
  app_private.target_agreement_party(public.target_agreements), app_private.lock_target_agreement(uuid),
  app_private.refuse_target_move(public.target_agreement_status, text),
  app_private.fulfil_target_agreement_row(uuid, uuid), app_private.fulfil_target_agreements_on_hire(),
  public.create_stipend_award(uuid, text, integer, integer, date, text), public.confirm_stipend_award(uuid, text),
  public.cancel_stipend_award(uuid, text), public.set_stipend_order_number(uuid, text),
  public.create_target_agreement(uuid, text, text, integer, integer, boolean, text, boolean, text, date),
  public.sign_target_agreement(uuid, text, date), public.terminate_target_agreement(uuid, text),
  public.fulfil_target_agreement(uuid)
  from public;
grant execute on function public.create_stipend_award(uuid, text, integer, integer, date, text),
  public.confirm_stipend_award(uuid, text), public.cancel_stipend_award(uuid, text),
  public.set_stipend_order_number(uuid, text),
  public.create_target_agreement(uuid, text, text, integer, integer, boolean, text, boolean, text, date),
  public.sign_target_agreement(uuid, text, date), public.terminate_target_agreement(uuid, text),
  public.fulfil_target_agreement(uuid)
  to authenticated;
grant execute on function app_private.finish_stipend_awards(), app_private.stipend_ends_on(date, integer)
  to service_role;
grant execute on function app_private.stipend_status_label(public.stipend_status),
  app_private.target_status_label(public.target_agreement_status) to authenticated, service_role;
