-- Organizations (employers, universities, the city administration), the people who use the
-- platform, their memberships, invitations of university staff and the 152-ФЗ consent record.
-- Row Level Security is the boundary: every table has it, with explicit policies and grants.
-- Writes that must be atomic or that change who someone is go through security definer
-- functions below, which check the caller themselves.

create schema if not exists app_private;
revoke all on schema app_private from public;
-- Policies call helpers in this schema; PostgREST does not expose it, and no table in it is granted.
grant usage on schema app_private to anon, authenticated, service_role;

create type public.organization_kind as enum ('employer', 'university', 'administration');
create type public.verification_status as enum ('pending', 'verified', 'rejected');
create type public.person_role as enum (
  'student', 'graduate', 'employer_staff', 'university_staff', 'administrator'
);

-- ИНН: 10 digits for a legal entity, 12 for an individual entrepreneur, with the check digits of
-- the Federal Tax Service algorithm.
create function app_private.inn_is_valid(inn text) returns boolean
language plpgsql immutable
set search_path = ''
as $$
declare
  d int[];
  w10 int[] := array[2, 4, 10, 3, 5, 9, 4, 6, 8];
  w11 int[] := array[7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
  w12 int[] := array[3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
  s int;
begin
  if inn is null or inn !~ '^(\d{10}|\d{12})$' then
    return false;
  end if;
  select array_agg(ch::int order by i) into d
  from unnest(string_to_array(inn, null)) with ordinality as t(ch, i);
  if length(inn) = 10 then
    s := 0;
    for i in 1..9 loop s := s + d[i] * w10[i]; end loop;
    return (s % 11) % 10 = d[10];
  end if;
  s := 0;
  for i in 1..10 loop s := s + d[i] * w11[i]; end loop;
  if (s % 11) % 10 <> d[11] then
    return false;
  end if;
  s := 0;
  for i in 1..11 loop s := s + d[i] * w12[i]; end loop;
  return (s % 11) % 10 = d[12];
end;
$$;
grant execute on function app_private.inn_is_valid(text) to anon, authenticated, service_role;

create function app_private.touch_updated_at() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

-- Organizations ---------------------------------------------------------------------------------

create table public.organizations (
  id uuid primary key default gen_random_uuid(),
  kind public.organization_kind not null,
  name text not null check (char_length(btrim(name)) between 2 and 300),
  short_name text check (char_length(short_name) <= 100),
  inn text unique check (inn is null or app_private.inn_is_valid(inn)),
  industry_code text references public.industries (code),
  district_code text references public.districts (code),
  address text check (char_length(address) <= 300),
  website text check (website is null or website ~ '^https?://'),
  description text check (char_length(description) <= 5000),
  verification_status public.verification_status not null default 'pending',
  verification_note text check (char_length(verification_note) <= 1000),
  verified_at timestamptz,
  verified_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint employer_has_inn_and_industry
    check (kind <> 'employer' or (inn is not null and industry_code is not null))
);
create index organizations_kind_status_idx on public.organizations (kind, verification_status);
create trigger organizations_touch before update on public.organizations
  for each row execute function app_private.touch_updated_at();

-- People ----------------------------------------------------------------------------------------

create table public.profiles (
  -- the account id (better_auth.user.id), which is also `sub` of the JWT PostgREST sees
  id uuid primary key references better_auth."user" (id) on delete cascade,
  role public.person_role not null,
  full_name text not null check (char_length(btrim(full_name)) between 2 and 200),
  -- mirror of the account email, kept current by a trigger on better_auth.user
  email text not null,
  email_verified boolean not null default false,
  phone text check (phone is null or phone ~ '^\+?[0-9 ()-]{6,20}$'),
  university_id uuid references public.organizations (id),
  programme_code text references public.programmes (code),
  year_of_study smallint check (year_of_study between 1 and 6),
  graduation_year smallint check (graduation_year between 1990 and 2100),
  position text check (char_length(position) <= 200),
  about text check (char_length(about) <= 3000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index profiles_university_id_idx on public.profiles (university_id);
create index profiles_role_idx on public.profiles (role);
create trigger profiles_touch before update on public.profiles
  for each row execute function app_private.touch_updated_at();

create table public.memberships (
  organization_id uuid not null references public.organizations (id) on delete cascade,
  profile_id uuid not null references public.profiles (id) on delete cascade,
  role text not null default 'member' check (role in ('owner', 'member')),
  created_at timestamptz not null default now(),
  primary key (organization_id, profile_id)
);
create index memberships_profile_id_idx on public.memberships (profile_id);

create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  email text not null check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  role public.person_role not null default 'university_staff',
  token_hash text not null unique,
  invited_by uuid references public.profiles (id) on delete set null,
  expires_at timestamptz not null default now() + interval '7 days',
  accepted_at timestamptz,
  accepted_by uuid references public.profiles (id) on delete set null,
  revoked_at timestamptz,
  created_at timestamptz not null default now()
);
create index invitations_organization_id_idx on public.invitations (organization_id);

-- Consent to the processing of personal data (152-ФЗ): which text, when, from where.
create table public.consents (
  id uuid primary key default gen_random_uuid(),
  profile_id uuid not null references public.profiles (id) on delete cascade,
  kind text not null default 'personal_data' check (kind in ('personal_data')),
  text_version text not null,
  granted_at timestamptz not null default now(),
  ip inet,
  user_agent text,
  withdrawn_at timestamptz
);
create index consents_profile_id_idx on public.consents (profile_id);

-- Helpers for policies (security definer so they do not recurse into RLS) -----------------------

create function app_private.is_admin() returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select from public.profiles p
    where p.id = (select auth.uid()) and p.role = 'administrator'
  );
$$;

create function app_private.my_organization_ids() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select m.organization_id from public.memberships m where m.profile_id = (select auth.uid());
$$;

create function app_private.my_university_ids() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select m.organization_id
  from public.memberships m
  join public.organizations o on o.id = m.organization_id and o.kind = 'university'
  where m.profile_id = (select auth.uid());
$$;

create function app_private.colleague_ids() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select other.profile_id
  from public.memberships mine
  join public.memberships other on other.organization_id = mine.organization_id
  where mine.profile_id = (select auth.uid());
$$;

revoke all on function app_private.is_admin(), app_private.my_organization_ids(),
  app_private.my_university_ids(), app_private.colleague_ids() from public;
grant execute on function app_private.is_admin(), app_private.my_organization_ids(),
  app_private.my_university_ids(), app_private.colleague_ids() to authenticated, service_role;

-- Row Level Security ----------------------------------------------------------------------------

alter table public.organizations enable row level security;
alter table public.profiles enable row level security;
alter table public.memberships enable row level security;
alter table public.invitations enable row level security;
alter table public.consents enable row level security;

-- Universities, the administration and verified employers are public; a pending or rejected
-- employer is seen only by its own people and by the administration.
create policy "public organizations" on public.organizations for select to anon, authenticated
  using (kind <> 'employer' or verification_status = 'verified');
create policy "own organizations" on public.organizations for select to authenticated
  using (id in (select app_private.my_organization_ids()));
create policy "administration sees all organizations" on public.organizations for select to authenticated
  using ((select app_private.is_admin()));
create policy "members edit their organization" on public.organizations for update to authenticated
  using (id in (select app_private.my_organization_ids()))
  with check (id in (select app_private.my_organization_ids()));
create policy "administration edits organizations" on public.organizations for update to authenticated
  using ((select app_private.is_admin())) with check ((select app_private.is_admin()));
create policy "administration adds universities" on public.organizations for insert to authenticated
  with check ((select app_private.is_admin()) and kind in ('university', 'administration'));

create policy "own profile" on public.profiles for select to authenticated
  using (id = (select auth.uid()));
create policy "colleagues" on public.profiles for select to authenticated
  using (id in (select app_private.colleague_ids()));
create policy "university staff see their students" on public.profiles for select to authenticated
  using (role in ('student', 'graduate') and university_id in (select app_private.my_university_ids()));
create policy "administration sees people" on public.profiles for select to authenticated
  using ((select app_private.is_admin()));
create policy "edit own profile" on public.profiles for update to authenticated
  using (id = (select auth.uid())) with check (id = (select auth.uid()));

create policy "own memberships and colleagues" on public.memberships for select to authenticated
  using (
    profile_id = (select auth.uid())
    or organization_id in (select app_private.my_organization_ids())
    or (select app_private.is_admin())
  );

create policy "invitations of own organization" on public.invitations for select to authenticated
  using (
    organization_id in (select app_private.my_organization_ids())
    or (select app_private.is_admin())
  );

create policy "own consents" on public.consents for select to authenticated
  using (profile_id = (select auth.uid()) or (select app_private.is_admin()));

-- Grants: anon reads public organizations only; columns that decide trust are never granted.
grant select on public.organizations to anon, authenticated;
grant update (name, short_name, industry_code, district_code, address, website, description)
  on public.organizations to authenticated;
grant insert (kind, name, short_name, district_code, address, website, description, verification_status)
  on public.organizations to authenticated;
grant select on public.profiles, public.memberships, public.invitations, public.consents to authenticated;
grant update (full_name, phone, university_id, programme_code, year_of_study, graduation_year, position, about)
  on public.profiles to authenticated;
grant all on public.organizations, public.profiles, public.memberships, public.invitations, public.consents
  to service_role;

-- The account email and its verification, mirrored into profiles -------------------------------

create function app_private.sync_account_to_profile() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  update public.profiles
     set email = new.email, email_verified = new."emailVerified"
   where id = new.id
     and (email is distinct from new.email or email_verified is distinct from new."emailVerified");
  return null;
end;
$$;
create trigger sync_account_to_profile after update of email, "emailVerified" on better_auth."user"
  for each row execute function app_private.sync_account_to_profile();

-- Registration and trust operations --------------------------------------------------------------

create function app_private.start_profile(
  p_role public.person_role, p_full_name text, p_consent_version text, p_ip inet, p_user_agent text
) returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_account record;
begin
  if v_uid is null then
    raise exception 'требуется вход' using errcode = '42501';
  end if;
  if exists (select from public.profiles where id = v_uid) then
    raise exception 'профиль уже создан' using errcode = 'P0001', hint = 'profile_exists';
  end if;
  if coalesce(btrim(p_consent_version), '') = '' then
    raise exception 'нужно согласие на обработку персональных данных' using errcode = '22023', hint = 'consent';
  end if;
  select email, "emailVerified" as verified into v_account from better_auth."user" where id = v_uid;
  if not found then
    raise exception 'учётная запись не найдена' using errcode = '42501';
  end if;
  insert into public.profiles (id, role, full_name, email, email_verified)
  values (v_uid, p_role, btrim(p_full_name), v_account.email, v_account.verified);
  insert into public.consents (profile_id, text_version, ip, user_agent)
  values (v_uid, p_consent_version, p_ip, left(p_user_agent, 500));
  return v_uid;
end;
$$;

-- A student or a graduate registers themself.
create function public.register_person(
  p_role public.person_role,
  p_full_name text,
  p_university_id uuid,
  p_consent_version text,
  p_programme_code text default null,
  p_year_of_study int default null,
  p_graduation_year int default null,
  p_ip inet default null,
  p_user_agent text default null
) returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  v_uid uuid;
begin
  if p_role not in ('student', 'graduate') then
    raise exception 'так можно зарегистрировать только студента или выпускника' using errcode = '42501';
  end if;
  if p_university_id is not null and not exists (
    select from public.organizations where id = p_university_id and kind = 'university'
  ) then
    raise exception 'вуз не найден' using errcode = '23503', hint = 'university_id';
  end if;
  v_uid := app_private.start_profile(p_role, p_full_name, p_consent_version, p_ip, p_user_agent);
  update public.profiles
     set university_id = p_university_id,
         programme_code = p_programme_code,
         year_of_study = case when p_role = 'student' then p_year_of_study end,
         graduation_year = p_graduation_year
   where id = v_uid;
  return v_uid;
end;
$$;

-- An employer's representative registers themself and their organization, which waits for the
-- administration's verification before anything of it is public.
create function public.register_employer(
  p_full_name text,
  p_organization_name text,
  p_inn text,
  p_industry_code text,
  p_consent_version text,
  p_position text default null,
  p_district_code text default null,
  p_address text default null,
  p_website text default null,
  p_ip inet default null,
  p_user_agent text default null
) returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  v_uid uuid;
  v_org uuid;
begin
  if exists (select from public.organizations where inn = p_inn) then
    raise exception 'организация с таким ИНН уже зарегистрирована' using errcode = '23505', hint = 'inn';
  end if;
  v_uid := app_private.start_profile('employer_staff', p_full_name, p_consent_version, p_ip, p_user_agent);
  update public.profiles set position = nullif(btrim(p_position), '') where id = v_uid;
  insert into public.organizations (kind, name, inn, industry_code, district_code, address, website)
  values ('employer', btrim(p_organization_name), p_inn, p_industry_code, p_district_code,
          nullif(btrim(p_address), ''), nullif(btrim(p_website), ''))
  returning id into v_org;
  insert into public.memberships (organization_id, profile_id, role) values (v_org, v_uid, 'owner');
  return v_org;
end;
$$;

-- Whether an ИНН is already on the platform (ИНН of organizations are public records), so that the
-- sign-up form can say so before creating an account.
create function public.inn_is_registered(p_inn text) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (select from public.organizations where inn = p_inn);
$$;

-- The administration, or a member of a university, invites someone to join that organization.
-- Returns the token once; only its hash is kept.
create function public.create_invitation(p_organization_id uuid, p_email text)
returns text
language plpgsql security definer
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_kind public.organization_kind;
  v_token text := encode(extensions.gen_random_bytes(24), 'hex');
begin
  select kind into v_kind from public.organizations where id = p_organization_id;
  if v_kind is null then
    raise exception 'организация не найдена' using errcode = '23503', hint = 'organization_id';
  end if;
  if v_kind = 'employer' then
    raise exception 'приглашения предназначены для вузов и администрации' using errcode = '22023';
  end if;
  if not (app_private.is_admin()
          or p_organization_id in (select app_private.my_organization_ids())) then
    raise exception 'нет прав приглашать в эту организацию' using errcode = '42501';
  end if;
  -- a new invitation to the same address replaces the previous one
  update public.invitations set revoked_at = now()
   where organization_id = p_organization_id and lower(email) = lower(btrim(p_email))
     and accepted_at is null and revoked_at is null;
  insert into public.invitations (organization_id, email, role, token_hash, invited_by)
  values (p_organization_id, lower(btrim(p_email)),
          case v_kind when 'university' then 'university_staff'::public.person_role
                      else 'administrator'::public.person_role end,
          encode(extensions.digest(v_token, 'sha256'), 'hex'), v_uid);
  return v_token;
end;
$$;

-- What an invitation link shows before sign-up (callable without an account).
create function public.invitation_preview(p_token text)
returns table (organization_name text, email text, role public.person_role, expires_at timestamptz, state text)
language sql stable security definer
set search_path = ''
as $$
  select o.name, i.email, i.role, i.expires_at,
         case when i.accepted_at is not null then 'accepted'
              when i.revoked_at is not null then 'revoked'
              when i.expires_at < now() then 'expired'
              else 'valid' end
  from public.invitations i
  join public.organizations o on o.id = i.organization_id
  where i.token_hash = encode(extensions.digest(p_token, 'sha256'), 'hex');
$$;

create function public.accept_invitation(
  p_token text,
  p_full_name text,
  p_consent_version text,
  p_position text default null,
  p_ip inet default null,
  p_user_agent text default null
) returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  v_inv public.invitations;
  v_uid uuid;
  v_email text;
begin
  select * into v_inv from public.invitations
   where token_hash = encode(extensions.digest(p_token, 'sha256'), 'hex')
   for update;
  if not found or v_inv.accepted_at is not null or v_inv.revoked_at is not null
     or v_inv.expires_at < now() then
    raise exception 'приглашение недействительно или устарело' using errcode = '22023', hint = 'token';
  end if;
  select email into v_email from better_auth."user" where id = (select auth.uid());
  if v_email is null or lower(v_email) <> lower(v_inv.email) then
    raise exception 'приглашение выписано на другой адрес' using errcode = '42501', hint = 'email';
  end if;
  v_uid := app_private.start_profile(v_inv.role, p_full_name, p_consent_version, p_ip, p_user_agent);
  update public.profiles set position = nullif(btrim(p_position), '') where id = v_uid;
  insert into public.memberships (organization_id, profile_id, role)
  values (v_inv.organization_id, v_uid, 'member');
  update public.invitations set accepted_at = now(), accepted_by = v_uid where id = v_inv.id;
  return v_inv.organization_id;
end;
$$;

-- The administration verifies or rejects an employer. Returns whom to notify.
create function public.set_employer_verification(
  p_organization_id uuid,
  p_status public.verification_status,
  p_note text default null
) returns table (email text, full_name text, organization_name text)
language plpgsql security definer
set search_path = ''
as $$
begin
  if not app_private.is_admin() then
    raise exception 'только администрация проверяет работодателей' using errcode = '42501';
  end if;
  if p_status = 'pending' then
    raise exception 'решение должно быть «подтвердить» или «отклонить»' using errcode = '22023', hint = 'status';
  end if;
  if p_status = 'rejected' and coalesce(btrim(p_note), '') = '' then
    raise exception 'укажите причину отказа' using errcode = '22023', hint = 'note';
  end if;
  update public.organizations
     set verification_status = p_status,
         verification_note = nullif(btrim(p_note), ''),
         verified_at = case when p_status = 'verified' then now() end,
         verified_by = (select auth.uid())
   where id = p_organization_id and kind = 'employer';
  if not found then
    raise exception 'работодатель не найден' using errcode = '23503', hint = 'organization_id';
  end if;
  return query
    select p.email, p.full_name, o.name
    from public.memberships m
    join public.profiles p on p.id = m.profile_id
    join public.organizations o on o.id = m.organization_id
    where m.organization_id = p_organization_id;
end;
$$;

-- Administrators are made by a command-line script (and the demo seed), never through the API.
create function app_private.make_administrator(p_user_id uuid, p_full_name text, p_organization_id uuid)
returns void
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into public.profiles (id, role, full_name, email, email_verified)
  select u.id, 'administrator', p_full_name, u.email, u."emailVerified"
  from better_auth."user" u where u.id = p_user_id
  on conflict (id) do update set role = 'administrator', full_name = excluded.full_name;
  insert into public.memberships (organization_id, profile_id, role)
  values (p_organization_id, p_user_id, 'owner')
  on conflict do nothing;
end;
$$;
revoke all on function app_private.make_administrator(uuid, text, uuid) from public;

revoke all on function public.register_person(public.person_role, text, uuid, text, text, int, int, inet, text),
  public.register_employer(text, text, text, text, text, text, text, text, text, inet, text),
  public.inn_is_registered(text), public.create_invitation(uuid, text), public.invitation_preview(text),
  public.accept_invitation(text, text, text, text, inet, text),
  public.set_employer_verification(uuid, public.verification_status, text) from public;
grant execute on function
  public.register_person(public.person_role, text, uuid, text, text, int, int, inet, text),
  public.register_employer(text, text, text, text, text, text, text, text, text, inet, text),
  public.create_invitation(uuid, text),
  public.accept_invitation(text, text, text, text, inet, text),
  public.set_employer_verification(uuid, public.verification_status, text)
  to authenticated;
grant execute on function public.inn_is_registered(text), public.invitation_preview(text) to anon, authenticated;
revoke all on function app_private.start_profile(public.person_role, text, text, inet, text) from public;
