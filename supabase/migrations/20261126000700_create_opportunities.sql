-- Opportunities posted by employers: internships, practices, named stipends, target-training
-- agreements and graduate vacancies. Lifecycle: draft → (moderation →) published → closed or
-- expired. Every published posting expires (30 days by default, at most 90) so that nothing stale
-- stays in search. The search index (Meilisearch) is kept in sync by jobs queued in the same
-- transaction as each change.

create type public.opportunity_kind as enum ('internship', 'practice', 'stipend', 'target_agreement', 'vacancy');
create type public.opportunity_status as enum ('draft', 'moderation', 'published', 'rejected', 'closed', 'expired');

create table public.opportunities (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  kind public.opportunity_kind not null,
  status public.opportunity_status not null default 'draft',
  title text not null check (char_length(btrim(title)) between 5 and 200),
  -- sanitized HTML (src/lib/server/opportunities/sanitize.ts) and its plain text for search
  description_html text not null default '' check (char_length(description_html) <= 30000),
  description_text text not null default '' check (char_length(description_text) <= 20000),
  industry_code text references public.industries (code),
  district_code text references public.districts (code),
  is_remote boolean not null default false,
  address text check (char_length(address) <= 300),
  contact_name text check (char_length(contact_name) <= 200),
  contact_email text check (contact_email is null or contact_email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  contact_phone text check (contact_phone is null or contact_phone ~ '^\+?[0-9 ()-]{6,20}$'),
  apply_by date,
  -- who may apply
  programme_codes text[] not null default '{}',
  university_ids uuid[] not null default '{}',
  years_of_study smallint[] not null default '{}' check (years_of_study <@ array[1, 2, 3, 4, 5, 6]::smallint[]),
  -- money, in roubles per month: internship pay, vacancy salary, stipend amount
  is_paid boolean not null default false,
  pay_from integer check (pay_from between 0 and 10000000),
  pay_to integer check (pay_to between 0 and 10000000),
  schedule text check (schedule in ('full_day', 'shift', 'flexible', 'remote', 'part_time')),
  employment_type text check (employment_type in ('full', 'part', 'project', 'temporary')),
  experience text check (experience in ('none', 'up_to_1', '1_to_3', '3_plus')),
  seats integer check (seats between 1 and 10000),
  starts_on date,
  ends_on date,
  duration_weeks integer check (duration_weeks between 1 and 104),
  practice_type text check (practice_type in ('educational', 'industrial', 'pre_diploma')),
  stipend_count integer check (stipend_count between 1 and 1000),
  selection_criteria text check (char_length(selection_criteria) <= 3000),
  work_years_after smallint check (work_years_after between 1 and 10),
  support_offered text check (char_length(support_offered) <= 3000),
  -- lifecycle
  published_at timestamptz,
  expires_at timestamptz,
  expiry_warned_at timestamptz,
  -- the term asked for at publication; moderation approval starts it anew
  publish_days smallint not null default 30 check (publish_days between 1 and 90),
  moderation_note text check (char_length(moderation_note) <= 1000),
  moderated_at timestamptz,
  moderated_by uuid references public.profiles (id) on delete set null,
  created_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  search_vector tsvector generated always as (
    setweight(to_tsvector('russian', title), 'A') || setweight(to_tsvector('russian', description_text), 'B')
  ) stored,
  constraint pay_range check (pay_from is null or pay_to is null or pay_from <= pay_to),
  constraint dates_in_order check (starts_on is null or ends_on is null or starts_on <= ends_on),
  constraint published_has_expiry check (status not in ('published', 'expired') or expires_at is not null),
  constraint practice_has_programmes check (kind <> 'practice' or status = 'draft' or cardinality(programme_codes) > 0),
  constraint stipend_has_amount check (kind <> 'stipend' or status = 'draft' or pay_from is not null),
  constraint target_has_programme check (
    kind <> 'target_agreement' or status = 'draft' or (cardinality(programme_codes) > 0 and work_years_after is not null)
  )
);

create index opportunities_organization_id_idx on public.opportunities (organization_id);
create index opportunities_public_idx on public.opportunities (status, expires_at) where status = 'published';
create index opportunities_search_vector_idx on public.opportunities using gin (search_vector);
create index opportunities_title_trgm_idx on public.opportunities using gin (title extensions.gin_trgm_ops);
create index opportunities_expiry_warning_idx on public.opportunities (expires_at)
  where status = 'published' and expiry_warned_at is null;
create trigger opportunities_touch before update on public.opportunities
  for each row execute function app_private.touch_updated_at();

-- Programme codes must exist in the classifier (arrays cannot carry foreign keys).
create function app_private.check_opportunity_references() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_bad text;
begin
  select c into v_bad from unnest(new.programme_codes) c
   where not exists (select from public.programmes p where p.code = c) limit 1;
  if v_bad is not null then
    raise exception 'направления подготовки % нет в перечне ОКСО', v_bad using errcode = '23503', hint = 'programme_codes';
  end if;
  if exists (select from unnest(new.university_ids) u
             where not exists (select from public.organizations o where o.id = u and o.kind = 'university')) then
    raise exception 'вуз не найден' using errcode = '23503', hint = 'university_ids';
  end if;
  return new;
end;
$$;
create trigger opportunities_check_references before insert or update of programme_codes, university_ids
  on public.opportunities for each row execute function app_private.check_opportunity_references();

-- Whether a posting is visible to everyone: published, not expired, of a verified employer.
create function app_private.employer_is_verified(p_organization_id uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select from public.organizations
    where id = p_organization_id and kind = 'employer' and verification_status = 'verified'
  );
$$;
grant execute on function app_private.employer_is_verified(uuid) to anon, authenticated, service_role;

alter table public.opportunities enable row level security;

create policy "published opportunities are public" on public.opportunities for select to anon, authenticated
  using (status = 'published' and expires_at > now() and (select app_private.employer_is_verified(organization_id)));
create policy "employers see their own opportunities" on public.opportunities for select to authenticated
  using (organization_id in (select app_private.my_organization_ids()));
create policy "administration sees all opportunities" on public.opportunities for select to authenticated
  using ((select app_private.is_admin()));
create policy "employers draft opportunities" on public.opportunities for insert to authenticated
  with check (
    organization_id in (select app_private.my_organization_ids())
    and status = 'draft'
    and exists (select from public.organizations o where o.id = organization_id and o.kind = 'employer')
  );
create policy "employers edit their opportunities" on public.opportunities for update to authenticated
  using (organization_id in (select app_private.my_organization_ids()))
  with check (organization_id in (select app_private.my_organization_ids()));
create policy "employers delete their drafts" on public.opportunities for delete to authenticated
  using (organization_id in (select app_private.my_organization_ids()) and status = 'draft');

-- Lifecycle columns change only through the functions below.
grant select on public.opportunities to anon, authenticated;
grant insert (organization_id, kind, title, description_html, description_text, industry_code, district_code,
              is_remote, address, contact_name, contact_email, contact_phone, apply_by, programme_codes,
              university_ids, years_of_study, is_paid, pay_from, pay_to, schedule, employment_type, experience,
              seats, starts_on, ends_on, duration_weeks, practice_type, stipend_count, selection_criteria,
              work_years_after, support_offered, created_by)
  on public.opportunities to authenticated;
grant update (title, description_html, description_text, industry_code, district_code, is_remote, address,
              contact_name, contact_email, contact_phone, apply_by, programme_codes, university_ids,
              years_of_study, is_paid, pay_from, pay_to, schedule, employment_type, experience, seats,
              starts_on, ends_on, duration_weeks, practice_type, stipend_count, selection_criteria,
              work_years_after, support_offered)
  on public.opportunities to authenticated;
grant delete on public.opportunities to authenticated;
grant all on public.opportunities to service_role;

-- Lifecycle ------------------------------------------------------------------------------------

create function app_private.require_opportunity_member(p_id uuid) returns public.opportunities
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v public.opportunities;
begin
  select * into v from public.opportunities where id = p_id;
  if not found or v.organization_id not in (select app_private.my_organization_ids()) then
    raise exception 'публикация не найдена' using errcode = '42501', hint = 'id';
  end if;
  return v;
end;
$$;

-- Publishes a draft (or a closed, expired or rejected posting again). An employer's postings go to
-- the administration's moderation queue during its first month on the platform.
create function public.publish_opportunity(p_id uuid, p_days integer default 30)
returns public.opportunity_status
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.opportunities := app_private.require_opportunity_member(p_id);
  v_org public.organizations;
  v_status public.opportunity_status;
begin
  if p_days is null or p_days < 1 or p_days > 90 then
    raise exception 'срок публикации — от 1 до 90 дней' using errcode = '22023', hint = 'days';
  end if;
  select * into v_org from public.organizations where id = v.organization_id;
  if v_org.verification_status <> 'verified' then
    raise exception 'публиковать можно после проверки организации администрацией' using errcode = '42501';
  end if;
  if v.status in ('published', 'moderation') then
    raise exception 'публикация уже опубликована или на модерации' using errcode = '22023';
  end if;
  if v.apply_by is not null and v.apply_by < current_date then
    raise exception 'срок подачи заявок уже прошёл' using errcode = '22023', hint = 'apply_by';
  end if;
  v_status := case when coalesce(v_org.verified_at, v_org.created_at) > now() - interval '30 days'
                   then 'moderation'::public.opportunity_status else 'published'::public.opportunity_status end;
  update public.opportunities
     set status = v_status,
         published_at = case when v_status = 'published' then now() end,
         expires_at = now() + make_interval(days => p_days),
         publish_days = p_days,
         expiry_warned_at = null,
         moderation_note = null
   where id = p_id;
  return v_status;
end;
$$;

create function public.close_opportunity(p_id uuid) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.opportunities := app_private.require_opportunity_member(p_id);
begin
  if v.status not in ('published', 'moderation') then
    raise exception 'закрыть можно только опубликованную публикацию' using errcode = '22023';
  end if;
  update public.opportunities set status = 'closed' where id = p_id;
end;
$$;

-- Extends a published (or just expired) posting: it stays up p_days from now (at most 90).
create function public.extend_opportunity(p_id uuid, p_days integer default 30) returns timestamptz
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.opportunities := app_private.require_opportunity_member(p_id);
  v_until timestamptz := now() + make_interval(days => p_days);
begin
  if p_days is null or p_days < 1 or p_days > 90 then
    raise exception 'продлить можно на срок от 1 до 90 дней' using errcode = '22023', hint = 'days';
  end if;
  if v.status not in ('published', 'expired') then
    raise exception 'продлить можно только опубликованную публикацию' using errcode = '22023';
  end if;
  update public.opportunities
     set status = 'published', expires_at = v_until, expiry_warned_at = null,
         published_at = coalesce(published_at, now())
   where id = p_id;
  return v_until;
end;
$$;

create function public.duplicate_opportunity(p_id uuid) returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.opportunities := app_private.require_opportunity_member(p_id);
  v_new uuid;
begin
  insert into public.opportunities (
    organization_id, kind, title, description_html, description_text, industry_code, district_code, is_remote,
    address, contact_name, contact_email, contact_phone, apply_by, programme_codes, university_ids,
    years_of_study, is_paid, pay_from, pay_to, schedule, employment_type, experience, seats, starts_on, ends_on,
    duration_weeks, practice_type, stipend_count, selection_criteria, work_years_after, support_offered, created_by)
  values (
    v.organization_id, v.kind, left('Копия: ' || v.title, 200), v.description_html, v.description_text,
    v.industry_code, v.district_code, v.is_remote, v.address, v.contact_name, v.contact_email, v.contact_phone,
    null, v.programme_codes, v.university_ids, v.years_of_study, v.is_paid, v.pay_from, v.pay_to, v.schedule,
    v.employment_type, v.experience, v.seats, null, null, v.duration_weeks, v.practice_type, v.stipend_count,
    v.selection_criteria, v.work_years_after, v.support_offered, (select auth.uid()))
  returning id into v_new;
  return v_new;
end;
$$;

-- The administration approves or rejects a posting in moderation. Returns whom to tell.
create function public.moderate_opportunity(p_id uuid, p_approve boolean, p_note text default null)
returns table (email text, full_name text, title text)
language plpgsql security definer
set search_path = ''
as $$
begin
  if not app_private.is_admin() then
    raise exception 'модерацией занимается администрация' using errcode = '42501';
  end if;
  if not p_approve and coalesce(btrim(p_note), '') = '' then
    raise exception 'укажите причину отклонения' using errcode = '22023', hint = 'note';
  end if;
  update public.opportunities o
     set status = case when p_approve then 'published'::public.opportunity_status else 'rejected'::public.opportunity_status end,
         published_at = case when p_approve then now() end,
         -- the term runs from the approval, not from the request
         expires_at = case when p_approve then now() + make_interval(days => o.publish_days) else o.expires_at end,
         moderation_note = nullif(btrim(p_note), ''),
         moderated_at = now(),
         moderated_by = (select auth.uid())
   where o.id = p_id and o.status = 'moderation';
  if not found then
    raise exception 'публикация не на модерации' using errcode = '22023', hint = 'id';
  end if;
  return query
    select p.email, p.full_name, o.title
    from public.opportunities o
    join public.memberships m on m.organization_id = o.organization_id
    join public.profiles p on p.id = m.profile_id
    where o.id = p_id;
end;
$$;

revoke all on function public.publish_opportunity(uuid, integer), public.close_opportunity(uuid),
  public.extend_opportunity(uuid, integer), public.duplicate_opportunity(uuid),
  public.moderate_opportunity(uuid, boolean, text), app_private.require_opportunity_member(uuid) from public;
grant execute on function public.publish_opportunity(uuid, integer), public.close_opportunity(uuid),
  public.extend_opportunity(uuid, integer), public.duplicate_opportunity(uuid),
  public.moderate_opportunity(uuid, boolean, text) to authenticated;

-- Search index sync ----------------------------------------------------------------------------
-- One job per document (job key), queued in the same transaction as the change: if the
-- transaction rolls back, so does the job; if Meilisearch is down, the job waits and retries.

create function app_private.queue_opportunity_index() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_id uuid := coalesce(new.id, old.id);
begin
  perform graphile_worker.add_job(
    'index_opportunity',
    json_build_object('id', v_id),
    job_key => 'index_opportunity:' || v_id,
    job_key_mode => 'replace',
    max_attempts => 25
  );
  return null;
end;
$$;
create trigger opportunities_queue_index after insert or update or delete on public.opportunities
  for each row execute function app_private.queue_opportunity_index();

-- A change of an employer's name or verification changes what its postings show or whether they
-- are public: reindex them all.
create function app_private.queue_organization_reindex() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.kind = 'employer' and (new.name is distinct from old.name
      or new.verification_status is distinct from old.verification_status
      or new.industry_code is distinct from old.industry_code) then
    perform graphile_worker.add_job(
      'index_organization',
      json_build_object('organization_id', new.id),
      job_key => 'index_organization:' || new.id,
      job_key_mode => 'replace'
    );
  end if;
  return null;
end;
$$;
create trigger organizations_queue_reindex after update on public.organizations
  for each row execute function app_private.queue_organization_reindex();

-- Postings whose term has run out (search already hides them at query time by expires_at).
create function app_private.expire_opportunities() returns integer
language sql
set search_path = ''
as $$
  with expired as (
    update public.opportunities set status = 'expired'
    where status = 'published' and expires_at <= now()
    returning 1
  )
  select count(*)::int from expired;
$$;
