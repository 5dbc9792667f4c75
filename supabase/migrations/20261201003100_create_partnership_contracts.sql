-- Partnership contracts between an employer and a university (issue 8 item 2): договор о практической
-- подготовке (form of приказ 885/390), о сотрудничестве, о целевом обучении.
--
-- States (contract_status) and who moves them — every move is one function below; the table has no
-- INSERT/UPDATE grant, so nothing else can change a state:
--   proposed    propose_contract     (a member of the employer or of the university)
--   active      confirm_contract     (a member of the other side; from proposed)
--               register_contract    (the administration: a contract signed on paper, active at once)
--   declined    decline_contract     (a member of the other side; from proposed, with a reason)
--   terminated  terminate_contract   (either party or the administration; from active, with a reason)
--   expired     app_private.expire_contracts() (cron task expire_contracts; from active, the day after valid_to)
-- Every move appends one row to contract_events and queues the job notify_contract_event in the same
-- transaction; the letters 30 and 7 days before the end of the term are sent by the cron task
-- warn_expiring_contracts, once each (warned_30_at / warned_7_at).
-- Counted records are never deleted: the city's indicator «договоры в силе» counts active ones.

create type public.contract_kind as enum ('practice', 'cooperation', 'target_training');
create type public.contract_status as enum ('proposed', 'active', 'expired', 'terminated', 'declined');

-- Signed scans are private PDF files like résumés (public.files): a new purpose.
alter table public.files drop constraint files_purpose_check;
alter table public.files add constraint files_purpose_check check (purpose in ('resume', 'contract_scan'));

create table public.partnership_contracts (
  id uuid primary key default gen_random_uuid(),
  employer_id uuid not null references public.organizations (id),
  university_id uuid not null references public.organizations (id),
  kind public.contract_kind not null,
  number text not null check (char_length(btrim(number)) between 1 and 50),
  signed_on date not null,
  valid_from date not null,
  -- null: indefinite (бессрочный)
  valid_to date,
  programme_codes text[] not null default '{}' check (cardinality(programme_codes) <= 100),
  places_per_year integer check (places_per_year between 1 and 10000),
  premises_address text check (char_length(premises_address) <= 300),
  scan_file_id uuid references public.files (id),
  status public.contract_status not null default 'proposed',
  -- who put it on the platform: one side proposes and the other confirms, or the administration registers
  proposed_by_side text not null check (proposed_by_side in ('employer', 'university', 'administration')),
  created_by uuid references public.profiles (id) on delete set null,
  status_changed_at timestamptz not null default now(),
  end_reason text check (char_length(end_reason) <= 1000),
  warned_30_at timestamptz,
  warned_7_at timestamptz,
  created_at timestamptz not null default now(),
  constraint contract_term check (valid_to is null or valid_to >= valid_from),
  constraint contract_parties check (employer_id <> university_id)
);
create index partnership_contracts_employer_idx on public.partnership_contracts (employer_id, status);
create index partnership_contracts_university_idx on public.partnership_contracts (university_id, status);
create index partnership_contracts_expiry_idx on public.partnership_contracts (valid_to) where status = 'active';
create index partnership_contracts_scan_idx on public.partnership_contracts (scan_file_id) where scan_file_id is not null;
comment on table public.partnership_contracts is
  'Договоры вуза и работодателя: видят стороны и администрация; действующие — публично через partner_contracts().';

create table public.contract_events (
  id bigint generated always as identity primary key,
  contract_id uuid not null references public.partnership_contracts (id),
  actor_id uuid references public.profiles (id) on delete set null,
  actor_side text not null check (actor_side in ('employer', 'university', 'administration', 'system')),
  at timestamptz not null default now(),
  from_status public.contract_status,
  to_status public.contract_status not null,
  note text check (char_length(note) <= 1000),
  -- when the letters about this move were queued (null: not yet, or nobody waits for one)
  notified_at timestamptz
);
create index contract_events_contract_idx on public.contract_events (contract_id, at);

-- Who may read ----------------------------------------------------------------------------------

create function app_private.my_contract_ids() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select c.id from public.partnership_contracts c
   where c.employer_id in (select app_private.my_organization_ids())
      or c.university_id in (select app_private.my_organization_ids());
$$;

-- A signed scan of a contract the caller is a party to.
create function app_private.contract_scan_readable(p_file_id uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select from public.partnership_contracts c
     where c.scan_file_id = p_file_id
       and (c.employer_id in (select app_private.my_organization_ids())
            or c.university_id in (select app_private.my_organization_ids())));
$$;
revoke all on function app_private.my_contract_ids(), app_private.contract_scan_readable(uuid) from public;
grant execute on function app_private.my_contract_ids(), app_private.contract_scan_readable(uuid)
  to authenticated, service_role;

alter table public.partnership_contracts enable row level security;
alter table public.contract_events enable row level security;

create policy "contracts of my organization" on public.partnership_contracts for select to authenticated
  using (employer_id in (select app_private.my_organization_ids())
         or university_id in (select app_private.my_organization_ids()));
create policy "administration sees contracts" on public.partnership_contracts for select to authenticated
  using ((select app_private.is_admin()));
create policy "events of my contracts" on public.contract_events for select to authenticated
  using (contract_id in (select app_private.my_contract_ids()));
create policy "administration sees contract events" on public.contract_events for select to authenticated
  using ((select app_private.is_admin()));
create policy "parties read the scan of their contract" on public.files for select to authenticated
  using (purpose = 'contract_scan' and (select app_private.contract_scan_readable(id)));

grant select on public.partnership_contracts, public.contract_events to authenticated;
grant all on public.partnership_contracts, public.contract_events to service_role;

-- The public «Вузы-партнёры» block: active contracts of verified employers, public fields only.
create function public.partner_contracts(p_organization_id uuid)
returns table (
  contract_id uuid, kind public.contract_kind, employer_id uuid, employer_name text, university_id uuid,
  university_name text, valid_from date, valid_to date, programme_codes text[]
)
language sql stable security definer
set search_path = ''
as $$
  select c.id, c.kind, e.id, e.name, u.id, coalesce(u.short_name, u.name), c.valid_from, c.valid_to, c.programme_codes
    from public.partnership_contracts c
    join public.organizations e on e.id = c.employer_id and e.verification_status = 'verified'
    join public.organizations u on u.id = c.university_id
   where c.status = 'active' and (c.employer_id = p_organization_id or c.university_id = p_organization_id)
   order by c.valid_from desc, c.id;
$$;
revoke all on function public.partner_contracts(uuid) from public;
grant execute on function public.partner_contracts(uuid) to anon, authenticated, service_role;

-- Moves -----------------------------------------------------------------------------------------

create function app_private.contract_status_label(p public.contract_status) returns text
language sql immutable
set search_path = ''
as $$
  select case p when 'proposed' then 'ждёт подтверждения' when 'active' then 'действует'
    when 'expired' then 'срок истёк' when 'terminated' then 'расторгнут' when 'declined' then 'отклонён' end;
$$;

create function app_private.record_contract_event(
  p_contract_id uuid, p_side text, p_from public.contract_status, p_to public.contract_status, p_note text default null
) returns bigint
language plpgsql security definer
set search_path = ''
as $$
declare
  v_id bigint;
begin
  update public.partnership_contracts set status = p_to, status_changed_at = now(),
         end_reason = case when p_to in ('declined', 'terminated') then nullif(btrim(p_note), '') else end_reason end
   where id = p_contract_id;
  insert into public.contract_events (contract_id, actor_id, actor_side, from_status, to_status, note)
  values (p_contract_id, (select auth.uid()), p_side, p_from, p_to, nullif(btrim(p_note), ''))
  returning id into v_id;
  -- the cron's expiry is told by the warnings before it; every other move has somebody to tell
  if p_to <> 'expired' then
    perform graphile_worker.add_job('notify_contract_event', json_build_object('event_id', v_id), max_attempts => 10);
  end if;
  return v_id;
end;
$$;

-- The fields of a contract, checked with a field name in the hint of each refusal.
create function app_private.check_contract_fields(
  p_employer_id uuid, p_university_id uuid, p_number text, p_signed_on date, p_valid_from date, p_valid_to date,
  p_programme_codes text[], p_places_per_year integer, p_premises_address text, p_scan_file_id uuid
) returns void
language plpgsql stable
set search_path = ''
as $$
declare
  v_bad text;
begin
  if not exists (select from public.organizations where id = p_employer_id and kind = 'employer') then
    raise exception 'работодатель не найден' using errcode = '23503', hint = 'employer_id';
  end if;
  if not app_private.employer_is_verified(p_employer_id) then
    raise exception 'работодатель ещё не проверен администрацией города' using errcode = '22023', hint = 'employer_id';
  end if;
  if not exists (select from public.organizations where id = p_university_id and kind = 'university') then
    raise exception 'вуз не найден' using errcode = '23503', hint = 'university_id';
  end if;
  if coalesce(btrim(p_number), '') = '' or char_length(btrim(p_number)) > 50 then
    raise exception 'укажите номер договора (до 50 знаков)' using errcode = '22023', hint = 'number';
  end if;
  if p_signed_on is null or p_signed_on > (now() at time zone 'Asia/Novokuznetsk')::date then
    raise exception 'укажите дату подписания — не позже сегодняшней' using errcode = '22023', hint = 'signed_on';
  end if;
  if p_valid_from is null then
    raise exception 'укажите дату начала действия' using errcode = '22023', hint = 'valid_from';
  end if;
  if p_valid_to is not null and p_valid_to < p_valid_from then
    raise exception 'срок действия не может закончиться раньше, чем начался' using errcode = '22023', hint = 'valid_to';
  end if;
  if p_valid_to is not null and p_valid_to < (now() at time zone 'Asia/Novokuznetsk')::date then
    raise exception 'срок действия договора уже истёк' using errcode = '22023', hint = 'valid_to';
  end if;
  select c into v_bad from unnest(coalesce(p_programme_codes, '{}')) c
   where not exists (select from public.programmes p where p.code = c) limit 1;
  if v_bad is not null then
    raise exception 'направления % нет в справочнике ОКСО', v_bad using errcode = '23503', hint = 'programme_codes';
  end if;
  if p_places_per_year is not null and p_places_per_year not between 1 and 10000 then
    raise exception 'мест в год — от 1 до 10 000' using errcode = '22023', hint = 'places_per_year';
  end if;
  if char_length(coalesce(p_premises_address, '')) > 300 then
    raise exception 'адрес помещений — не длиннее 300 знаков' using errcode = '22023', hint = 'premises_address';
  end if;
  if p_scan_file_id is not null and not exists (
    select from public.files f where f.id = p_scan_file_id and f.owner_id = (select auth.uid()) and f.purpose = 'contract_scan'
  ) then
    raise exception 'файл скана не найден' using errcode = '23503', hint = 'scan';
  end if;
end;
$$;

-- A member of the employer or of the university proposes a contract; the other side confirms it.
create function public.propose_contract(
  p_employer_id uuid, p_university_id uuid, p_kind public.contract_kind, p_number text, p_signed_on date,
  p_valid_from date, p_valid_to date default null, p_programme_codes text[] default '{}',
  p_places_per_year integer default null, p_premises_address text default null, p_scan_file_id uuid default null
) returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  v_side text;
  v_id uuid;
begin
  if p_employer_id in (select app_private.my_organization_ids()) then
    v_side := 'employer';
  elsif p_university_id in (select app_private.my_organization_ids()) then
    v_side := 'university';
  else
    raise exception 'предложить договор может только одна из его сторон' using errcode = '42501';
  end if;
  if p_kind is null then
    raise exception 'выберите вид договора' using errcode = '22023', hint = 'kind';
  end if;
  perform app_private.check_contract_fields(p_employer_id, p_university_id, p_number, p_signed_on, p_valid_from,
    p_valid_to, p_programme_codes, p_places_per_year, p_premises_address, p_scan_file_id);
  insert into public.partnership_contracts (employer_id, university_id, kind, number, signed_on, valid_from, valid_to,
    programme_codes, places_per_year, premises_address, scan_file_id, status, proposed_by_side, created_by)
  values (p_employer_id, p_university_id, p_kind, btrim(p_number), p_signed_on, p_valid_from, p_valid_to,
    coalesce(p_programme_codes, '{}'), p_places_per_year, nullif(btrim(p_premises_address), ''), p_scan_file_id,
    'proposed', v_side, (select auth.uid()))
  returning id into v_id;
  perform app_private.record_contract_event(v_id, v_side, null, 'proposed');
  return v_id;
end;
$$;

-- The administration registers a contract signed on paper: active at once, both sides are told.
create function public.register_contract(
  p_employer_id uuid, p_university_id uuid, p_kind public.contract_kind, p_number text, p_signed_on date,
  p_valid_from date, p_valid_to date default null, p_programme_codes text[] default '{}',
  p_places_per_year integer default null, p_premises_address text default null, p_scan_file_id uuid default null
) returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  v_id uuid;
begin
  if not app_private.is_admin() then
    raise exception 'регистрировать договоры может только администрация города' using errcode = '42501';
  end if;
  if p_kind is null then
    raise exception 'выберите вид договора' using errcode = '22023', hint = 'kind';
  end if;
  perform app_private.check_contract_fields(p_employer_id, p_university_id, p_number, p_signed_on, p_valid_from,
    p_valid_to, p_programme_codes, p_places_per_year, p_premises_address, p_scan_file_id);
  insert into public.partnership_contracts (employer_id, university_id, kind, number, signed_on, valid_from, valid_to,
    programme_codes, places_per_year, premises_address, scan_file_id, status, proposed_by_side, created_by)
  values (p_employer_id, p_university_id, p_kind, btrim(p_number), p_signed_on, p_valid_from, p_valid_to,
    coalesce(p_programme_codes, '{}'), p_places_per_year, nullif(btrim(p_premises_address), ''), p_scan_file_id,
    'proposed', 'administration', (select auth.uid()))
  returning id into v_id;
  perform app_private.record_contract_event(v_id, 'administration', null, 'active');
  return v_id;
end;
$$;

-- The contract, locked, with the side of the caller: 'employer' | 'university' | 'administration'.
create function app_private.lock_contract(p_id uuid, out contract public.partnership_contracts, out side text)
language plpgsql security definer
set search_path = ''
as $$
begin
  select * into contract from public.partnership_contracts where id = p_id for update;
  if not found then
    raise exception 'договор не найден' using errcode = '42501', hint = 'id';
  end if;
  side := case
    when contract.employer_id in (select app_private.my_organization_ids()) then 'employer'
    when contract.university_id in (select app_private.my_organization_ids()) then 'university'
    when app_private.is_admin() then 'administration' end;
  if side is null then
    raise exception 'договор не найден' using errcode = '42501', hint = 'id';
  end if;
end;
$$;

create function public.confirm_contract(p_id uuid) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v record := app_private.lock_contract(p_id);
begin
  if (v.contract).status <> 'proposed' then
    raise exception 'нельзя подтвердить: договор в состоянии «%»', app_private.contract_status_label((v.contract).status)
      using errcode = '22023', hint = 'status';
  end if;
  if v.side not in ('employer', 'university') or v.side = (v.contract).proposed_by_side then
    raise exception 'подтверждает договор другая сторона' using errcode = '42501', hint = 'status';
  end if;
  if (v.contract).valid_to is not null and (v.contract).valid_to < (now() at time zone 'Asia/Novokuznetsk')::date then
    raise exception 'срок действия договора уже истёк: отклоните его и предложите новый' using errcode = '22023', hint = 'status';
  end if;
  perform app_private.record_contract_event(p_id, v.side, 'proposed', 'active');
end;
$$;

create function public.decline_contract(p_id uuid, p_reason text) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v record := app_private.lock_contract(p_id);
begin
  if (v.contract).status <> 'proposed' then
    raise exception 'нельзя отклонить: договор в состоянии «%»', app_private.contract_status_label((v.contract).status)
      using errcode = '22023', hint = 'status';
  end if;
  if v.side not in ('employer', 'university') or v.side = (v.contract).proposed_by_side then
    raise exception 'отклоняет договор другая сторона' using errcode = '42501', hint = 'status';
  end if;
  if coalesce(btrim(p_reason), '') = '' or char_length(btrim(p_reason)) > 1000 then
    raise exception 'укажите причину (до 1000 знаков)' using errcode = '22023', hint = 'reason';
  end if;
  perform app_private.record_contract_event(p_id, v.side, 'proposed', 'declined', p_reason);
end;
$$;

create function public.terminate_contract(p_id uuid, p_reason text) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v record := app_private.lock_contract(p_id);
begin
  if (v.contract).status <> 'active' then
    raise exception 'нельзя расторгнуть: договор в состоянии «%»', app_private.contract_status_label((v.contract).status)
      using errcode = '22023', hint = 'status';
  end if;
  if coalesce(btrim(p_reason), '') = '' or char_length(btrim(p_reason)) > 1000 then
    raise exception 'укажите причину расторжения (до 1000 знаков)' using errcode = '22023', hint = 'reason';
  end if;
  perform app_private.record_contract_event(p_id, v.side, 'active', 'terminated', p_reason);
end;
$$;

-- A party attaches (or replaces) the signed scan of a proposed or active contract.
create function public.attach_contract_scan(p_id uuid, p_file_id uuid) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v record := app_private.lock_contract(p_id);
begin
  if (v.contract).status not in ('proposed', 'active') then
    raise exception 'скан прикладывают к действующему или предложенному договору' using errcode = '22023', hint = 'scan';
  end if;
  if not exists (select from public.files f
                  where f.id = p_file_id and f.owner_id = (select auth.uid()) and f.purpose = 'contract_scan') then
    raise exception 'файл скана не найден' using errcode = '23503', hint = 'scan';
  end if;
  update public.partnership_contracts set scan_file_id = p_file_id where id = p_id;
end;
$$;

-- Cron: active contracts whose term ended yesterday or earlier (Kemerovo date) expire. Idempotent.
create function app_private.expire_contracts() returns integer
language plpgsql security definer
set search_path = ''
as $$
declare
  v_id uuid;
  n integer := 0;
begin
  for v_id in
    select id from public.partnership_contracts
     where status = 'active' and valid_to < (now() at time zone 'Asia/Novokuznetsk')::date
     for update skip locked
  loop
    perform app_private.record_contract_event(v_id, 'system', 'active', 'expired');
    n := n + 1;
  end loop;
  return n;
end;
$$;

revoke all on function public.propose_contract(uuid, uuid, public.contract_kind, text, date, date, date, text[], integer, text, uuid),
  public.register_contract(uuid, uuid, public.contract_kind, text, date, date, date, text[], integer, text, uuid),
  public.confirm_contract(uuid), public.decline_contract(uuid, text), public.terminate_contract(uuid, text),
  public.attach_contract_scan(uuid, uuid), app_private.expire_contracts(),
  app_private.record_contract_event(uuid, text, public.contract_status, public.contract_status, text),
  app_private.lock_contract(uuid) from public;
grant execute on function
  public.propose_contract(uuid, uuid, public.contract_kind, text, date, date, date, text[], integer, text, uuid),
  public.register_contract(uuid, uuid, public.contract_kind, text, date, date, date, text[], integer, text, uuid),
  public.confirm_contract(uuid), public.decline_contract(uuid, text), public.terminate_contract(uuid, text),
  public.attach_contract_scan(uuid, uuid)
  to authenticated;
grant execute on function app_private.expire_contracts() to service_role;
