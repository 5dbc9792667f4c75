-- Applications (отклики) and the employer's pipeline, with the outcomes they lead to.
--
-- States (application_status) and who moves them — every move is one function below; the table
-- has no INSERT/UPDATE grant, so nothing else can change a state:
--   submitted   apply_to_opportunity          (the student)
--   viewed      mark_application_viewed       (automatic, when the employer first opens it)
--   shortlisted shortlist_application         (employer; from submitted | viewed)
--   interview   invite_to_interview           (employer; from submitted | viewed | shortlisted | interview)
--   offer       make_offer                    (employer; from viewed | shortlisted | interview)
--   accepted    accept_offer                  (the student; from offer, before its answer-by date)
--   declined    decline_offer                 (the student; from offer)
--   hired       record_hire                   (employer; from accepted; vacancy and internship)
--   rejected    reject_application            (employer; from any state before an answer to an offer)
--   withdrawn   withdraw_application          (the student; before an offer)
-- Every move appends one row to application_events (actor, time, from, to, note) and queues the
-- letter in the same transaction (job notify_application_event).
--
-- Outcomes are records of their own, created by the move that makes them and never deleted (the
-- city's indicators count them; they are cancelled with a reason instead):
--   accepted practice offer  → practice_placements (awaiting the university's confirmation)
--   accepted stipend offer   → stipend_awards (awaiting the university's confirmation)
--   accepted target offer    → target_agreements (awaiting the three parties' signatures)
--   record_hire              → employments (counted once the graduate confirms: confirm_employment)

create type public.application_status as enum (
  'submitted', 'viewed', 'shortlisted', 'interview', 'offer', 'accepted', 'declined', 'hired', 'rejected', 'withdrawn'
);

-- The 152-ФЗ consent to transfer personal data to one employer, with the very text shown.
create table public.data_transfer_consents (
  id uuid primary key default gen_random_uuid(),
  profile_id uuid not null references public.profiles (id) on delete cascade,
  organization_id uuid not null references public.organizations (id),
  organization_name text not null,
  organization_inn text not null,
  text_version text not null check (char_length(text_version) between 1 and 50),
  consent_text text not null check (char_length(consent_text) between 50 and 10000),
  granted_at timestamptz not null default now(),
  ip inet,
  user_agent text check (char_length(user_agent) <= 500),
  withdrawn_at timestamptz
);
create index data_transfer_consents_profile_id_idx on public.data_transfer_consents (profile_id);
create index data_transfer_consents_organization_id_idx on public.data_transfer_consents (organization_id);

create table public.applications (
  id uuid primary key default gen_random_uuid(),
  opportunity_id uuid not null references public.opportunities (id),
  applicant_id uuid not null references public.profiles (id) on delete cascade,
  -- copied from the posting and the person at the time of applying: the pipeline filters on them
  organization_id uuid not null references public.organizations (id),
  kind public.opportunity_kind not null,
  applicant_name text not null,
  university_id uuid references public.organizations (id),
  programme_code text references public.programmes (code),
  year_of_study smallint,
  graduation_year smallint,
  status public.application_status not null default 'submitted',
  consent_id uuid not null references public.data_transfer_consents (id),
  interview_at timestamptz,
  interview_place text check (char_length(interview_place) <= 300),
  interview_link text check (interview_link is null or interview_link ~ '^https?://[^\s]+$'),
  -- the offer's terms by kind (validated in make_offer) and the date to answer by
  offer_terms jsonb,
  offer_answer_by date,
  rejection_reason text check (rejection_reason in (
    'position_filled', 'not_matching_requirements', 'not_enough_experience', 'schedule_mismatch',
    'no_response', 'other')),
  created_at timestamptz not null default now(),
  status_changed_at timestamptz not null default now(),
  -- the employer's first move of any kind after «submitted» (viewed does not count as an answer)
  first_answer_at timestamptz,
  -- the no-ghosting letters: to the employer (daily digest) and to the student after 21 days
  employer_reminded_at timestamptz,
  applicant_told_stale_at timestamptz
);
-- One live application per person and posting: a double click or two tabs give one row.
create unique index applications_one_live_idx on public.applications (opportunity_id, applicant_id)
  where status not in ('rejected', 'withdrawn', 'declined');
create index applications_org_pipeline_idx on public.applications (organization_id, status, created_at desc);
create index applications_org_created_idx on public.applications (organization_id, created_at desc);
create index applications_opportunity_idx on public.applications (opportunity_id, created_at desc);
create index applications_applicant_idx on public.applications (applicant_id, created_at desc);
create index applications_university_idx on public.applications (university_id) where kind = 'practice';
create index applications_waiting_idx on public.applications (created_at) where status in ('submitted', 'viewed');
create index applications_name_trgm_idx on public.applications using gin (applicant_name extensions.gin_trgm_ops);

-- What the employer sees of the applicant, frozen at the time of applying; apart from the
-- application row so that university staff, who see their students' applications, never read it.
create table public.application_documents (
  application_id uuid primary key references public.applications (id) on delete cascade,
  cover_letter text not null default '' check (char_length(cover_letter) <= 3000),
  resume_snapshot jsonb not null,
  attachment_id uuid references public.files (id)
);
create index application_documents_attachment_idx on public.application_documents (attachment_id)
  where attachment_id is not null;

-- The employer's own notes and rating: never shown to the student or the university.
create table public.application_reviews (
  application_id uuid primary key references public.applications (id) on delete cascade,
  organization_id uuid not null references public.organizations (id),
  rating smallint check (rating between 1 and 5),
  notes text not null default '' check (char_length(notes) <= 5000),
  updated_by uuid references public.profiles (id) on delete set null,
  updated_at timestamptz not null default now()
);
create index application_reviews_org_idx on public.application_reviews (organization_id);

create table public.application_events (
  id bigint generated always as identity primary key,
  application_id uuid not null references public.applications (id) on delete cascade,
  actor_id uuid references public.profiles (id) on delete set null,
  actor_side text not null check (actor_side in ('applicant', 'employer', 'system')),
  at timestamptz not null default now(),
  from_status public.application_status,
  to_status public.application_status not null,
  -- what the other side reads (a polite rejection text, the interview's details, …)
  note text check (char_length(note) <= 3000),
  details jsonb not null default '{}',
  -- when the letter about this move left (null: not yet, or nobody waits for one)
  notified_at timestamptz
);
create index application_events_application_idx on public.application_events (application_id, at);
create index application_events_unnotified_idx on public.application_events (application_id) where notified_at is null;

-- Outcomes -------------------------------------------------------------------------------------

create type public.employment_status as enum ('awaiting_confirmation', 'confirmed', 'cancelled');
create type public.placement_status as enum (
  'awaiting_university', 'confirmed', 'accepted_by_employer', 'in_progress', 'completed', 'closed', 'cancelled');
create type public.stipend_status as enum ('awaiting_university', 'active', 'finished', 'cancelled');
create type public.target_agreement_status as enum ('awaiting_signatures', 'in_force', 'fulfilled', 'terminated');

create table public.employments (
  id uuid primary key default gen_random_uuid(),
  application_id uuid unique references public.applications (id),
  person_id uuid references public.profiles (id) on delete set null,
  organization_id uuid not null references public.organizations (id),
  position text not null check (char_length(btrim(position)) between 2 and 200),
  start_date date not null,
  document_kind text not null check (document_kind in ('order', 'contract')),
  document_number text not null check (char_length(btrim(document_number)) between 1 and 50),
  document_date date not null,
  status public.employment_status not null default 'awaiting_confirmation',
  source text not null default 'platform' check (source in ('platform', 'import')),
  employer_confirmed_at timestamptz not null default now(),
  employer_confirmed_by uuid references public.profiles (id) on delete set null,
  person_confirmed_at timestamptz,
  confirm_token_hash text unique,
  cancel_reason text check (char_length(cancel_reason) <= 1000),
  cancelled_at timestamptz,
  created_at timestamptz not null default now(),
  constraint document_not_after_start check (document_date <= start_date + 30),
  constraint confirmed_has_both check (status <> 'confirmed' or person_confirmed_at is not null)
);
create index employments_org_idx on public.employments (organization_id);
create index employments_person_idx on public.employments (person_id);

create table public.practice_placements (
  id uuid primary key default gen_random_uuid(),
  application_id uuid unique references public.applications (id),
  student_id uuid references public.profiles (id) on delete set null,
  university_id uuid not null references public.organizations (id),
  organization_id uuid not null references public.organizations (id),
  programme_code text references public.programmes (code),
  practice_type text check (practice_type in ('educational', 'industrial', 'pre_diploma')),
  starts_on date not null,
  ends_on date not null,
  status public.placement_status not null default 'awaiting_university',
  cancel_reason text check (char_length(cancel_reason) <= 1000),
  created_at timestamptz not null default now(),
  constraint placement_dates check (starts_on <= ends_on)
);
create index practice_placements_org_idx on public.practice_placements (organization_id);
create index practice_placements_university_idx on public.practice_placements (university_id, status);
create index practice_placements_student_idx on public.practice_placements (student_id);

create table public.stipend_awards (
  id uuid primary key default gen_random_uuid(),
  application_id uuid unique references public.applications (id),
  student_id uuid references public.profiles (id) on delete set null,
  university_id uuid references public.organizations (id),
  organization_id uuid not null references public.organizations (id),
  amount_per_month integer not null check (amount_per_month between 1 and 10000000),
  months smallint not null check (months between 1 and 72),
  starts_on date not null,
  order_number text check (char_length(order_number) <= 50),
  status public.stipend_status not null default 'awaiting_university',
  cancel_reason text check (char_length(cancel_reason) <= 1000),
  created_at timestamptz not null default now()
);
create index stipend_awards_org_idx on public.stipend_awards (organization_id);
create index stipend_awards_university_idx on public.stipend_awards (university_id, status);
create index stipend_awards_student_idx on public.stipend_awards (student_id);

create table public.target_agreements (
  id uuid primary key default gen_random_uuid(),
  application_id uuid unique references public.applications (id),
  student_id uuid references public.profiles (id) on delete set null,
  university_id uuid references public.organizations (id),
  organization_id uuid not null references public.organizations (id),
  programme_code text references public.programmes (code),
  work_years smallint not null check (work_years between 3 and 10),
  support_measures text check (char_length(support_measures) <= 3000),
  status public.target_agreement_status not null default 'awaiting_signatures',
  cancel_reason text check (char_length(cancel_reason) <= 1000),
  created_at timestamptz not null default now()
);
create index target_agreements_org_idx on public.target_agreements (organization_id);
create index target_agreements_university_idx on public.target_agreements (university_id, status);
create index target_agreements_student_idx on public.target_agreements (student_id);

-- One history for every outcome record (the university's and the parties' moves of the next steps
-- append here too).
create table public.outcome_events (
  id bigint generated always as identity primary key,
  record_type text not null check (record_type in ('employment', 'practice_placement', 'stipend_award', 'target_agreement')),
  record_id uuid not null,
  actor_id uuid references public.profiles (id) on delete set null,
  at timestamptz not null default now(),
  from_status text,
  to_status text not null,
  note text check (char_length(note) <= 3000)
);
create index outcome_events_record_idx on public.outcome_events (record_type, record_id, at);

-- Who may read what --------------------------------------------------------------------------

create function app_private.my_profile() returns public.profiles
language sql stable security definer
set search_path = ''
as $$
  select * from public.profiles where id = (select auth.uid());
$$;

-- Applications whose documents the caller may read: their own, and those sent to their organization.
create function app_private.readable_application_ids() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select a.id from public.applications a where a.applicant_id = (select auth.uid())
  union all
  select a.id from public.applications a where a.organization_id in (select app_private.my_organization_ids());
$$;

-- A file sent with an application to the caller's organization.
create function app_private.file_sent_to_me(p_file_id uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select from public.application_documents d
    join public.applications a on a.id = d.application_id
    where d.attachment_id = p_file_id
      and a.organization_id in (select app_private.my_organization_ids())
  );
$$;

revoke all on function app_private.my_profile(), app_private.readable_application_ids(),
  app_private.file_sent_to_me(uuid) from public;
grant execute on function app_private.my_profile(), app_private.readable_application_ids(),
  app_private.file_sent_to_me(uuid) to authenticated, service_role;

alter table public.data_transfer_consents enable row level security;
alter table public.applications enable row level security;
alter table public.application_documents enable row level security;
alter table public.application_reviews enable row level security;
alter table public.application_events enable row level security;
alter table public.employments enable row level security;
alter table public.practice_placements enable row level security;
alter table public.stipend_awards enable row level security;
alter table public.target_agreements enable row level security;
alter table public.outcome_events enable row level security;

create policy "employers read files sent to them" on public.files for select to authenticated
  using ((select app_private.file_sent_to_me(id)));

create policy "own consents" on public.data_transfer_consents for select to authenticated
  using (profile_id = (select auth.uid()));
create policy "consents given to my organization" on public.data_transfer_consents for select to authenticated
  using (organization_id in (select app_private.my_organization_ids()));
create policy "administration sees consents" on public.data_transfer_consents for select to authenticated
  using ((select app_private.is_admin()));

create policy "own applications" on public.applications for select to authenticated
  using (applicant_id = (select auth.uid()));
create policy "applications to my organization" on public.applications for select to authenticated
  using (organization_id in (select app_private.my_organization_ids()));
-- a career centre follows its students' applications to practices (never their documents)
create policy "my students' practice applications" on public.applications for select to authenticated
  using (kind = 'practice' and university_id in (select app_private.my_university_ids()));
create policy "administration sees applications" on public.applications for select to authenticated
  using ((select app_private.is_admin()));

create policy "documents of my applications" on public.application_documents for select to authenticated
  using (application_id in (select app_private.readable_application_ids()));
create policy "administration sees documents" on public.application_documents for select to authenticated
  using ((select app_private.is_admin()));

create policy "my organization's reviews" on public.application_reviews for select to authenticated
  using (organization_id in (select app_private.my_organization_ids()));
create policy "administration sees reviews" on public.application_reviews for select to authenticated
  using ((select app_private.is_admin()));

create policy "events of my applications" on public.application_events for select to authenticated
  using (application_id in (select app_private.readable_application_ids()));
create policy "my students' practice application events" on public.application_events for select to authenticated
  using (application_id in (
    select a.id from public.applications a
    where a.kind = 'practice' and a.university_id in (select app_private.my_university_ids())));
create policy "administration sees application events" on public.application_events for select to authenticated
  using ((select app_private.is_admin()));

-- Outcome records: the person, the employer, the person's university and the administration.
create policy "own employments" on public.employments for select to authenticated
  using (person_id = (select auth.uid()));
create policy "my organization's employments" on public.employments for select to authenticated
  using (organization_id in (select app_private.my_organization_ids()));
create policy "my graduates' employments" on public.employments for select to authenticated
  using (person_id in (select p.id from public.profiles p where p.university_id in (select app_private.my_university_ids())));
create policy "administration sees employments" on public.employments for select to authenticated
  using ((select app_private.is_admin()));

create policy "own placements" on public.practice_placements for select to authenticated
  using (student_id = (select auth.uid()));
create policy "placements of my organization" on public.practice_placements for select to authenticated
  using (organization_id in (select app_private.my_organization_ids()) or university_id in (select app_private.my_organization_ids()));
create policy "administration sees placements" on public.practice_placements for select to authenticated
  using ((select app_private.is_admin()));

create policy "own stipends" on public.stipend_awards for select to authenticated
  using (student_id = (select auth.uid()));
create policy "stipends of my organization" on public.stipend_awards for select to authenticated
  using (organization_id in (select app_private.my_organization_ids()) or university_id in (select app_private.my_organization_ids()));
create policy "administration sees stipends" on public.stipend_awards for select to authenticated
  using ((select app_private.is_admin()));

create policy "own target agreements" on public.target_agreements for select to authenticated
  using (student_id = (select auth.uid()));
create policy "target agreements of my organization" on public.target_agreements for select to authenticated
  using (organization_id in (select app_private.my_organization_ids()) or university_id in (select app_private.my_organization_ids()));
create policy "administration sees target agreements" on public.target_agreements for select to authenticated
  using ((select app_private.is_admin()));

create function app_private.can_read_outcome(p_type text, p_id uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select case p_type
    when 'employment' then exists (select from public.employments e where e.id = p_id and (
      e.person_id = (select auth.uid()) or e.organization_id in (select app_private.my_organization_ids())
      or e.person_id in (select p.id from public.profiles p where p.university_id in (select app_private.my_university_ids()))))
    when 'practice_placement' then exists (select from public.practice_placements x where x.id = p_id and (
      x.student_id = (select auth.uid()) or x.organization_id in (select app_private.my_organization_ids())
      or x.university_id in (select app_private.my_organization_ids())))
    when 'stipend_award' then exists (select from public.stipend_awards x where x.id = p_id and (
      x.student_id = (select auth.uid()) or x.organization_id in (select app_private.my_organization_ids())
      or x.university_id in (select app_private.my_organization_ids())))
    when 'target_agreement' then exists (select from public.target_agreements x where x.id = p_id and (
      x.student_id = (select auth.uid()) or x.organization_id in (select app_private.my_organization_ids())
      or x.university_id in (select app_private.my_organization_ids())))
    else false
  end or app_private.is_admin();
$$;
revoke all on function app_private.can_read_outcome(text, uuid) from public;
grant execute on function app_private.can_read_outcome(text, uuid) to authenticated, service_role;
create policy "events of outcomes I may read" on public.outcome_events for select to authenticated
  using ((select app_private.can_read_outcome(record_type, record_id)));

-- Reads only: every write goes through the functions below.
grant select on public.data_transfer_consents, public.applications, public.application_documents,
  public.application_reviews, public.application_events, public.employments, public.practice_placements,
  public.stipend_awards, public.target_agreements, public.outcome_events to authenticated;
-- the confirmation token's hash stays out of reach of everyone but the functions
revoke select on public.employments from authenticated;
grant select (id, application_id, person_id, organization_id, position, start_date, document_kind, document_number,
              document_date, status, source, employer_confirmed_at, employer_confirmed_by, person_confirmed_at,
              cancel_reason, cancelled_at, created_at)
  on public.employments to authenticated;
grant all on public.data_transfer_consents, public.applications, public.application_documents,
  public.application_reviews, public.application_events, public.employments, public.practice_placements,
  public.stipend_awards, public.target_agreements, public.outcome_events to service_role;

-- Eligibility --------------------------------------------------------------------------------

-- Why the caller cannot apply to a posting, in Russian; null when they can. The posting page shows
-- it before the button is pressed, and apply_to_opportunity refuses with the same words.
create function public.application_refusal(p_opportunity_id uuid) returns text
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_me public.profiles := app_private.my_profile();
  v public.opportunities;
begin
  select * into v from public.opportunities where id = p_opportunity_id;
  if not found or not app_private.employer_is_verified(v.organization_id) then
    return 'Публикация не найдена.';
  end if;
  if v.status <> 'published' or v.expires_at <= now() then
    return 'Публикация закрыта: отклики больше не принимаются.';
  end if;
  if v.apply_by is not null and v.apply_by < (now() at time zone 'Asia/Novokuznetsk')::date then
    return format('Приём откликов закончился %s.', to_char(v.apply_by, 'DD.MM.YYYY'));
  end if;
  if v_me.id is null then
    return 'Войдите как студент или выпускник, чтобы откликнуться.';
  end if;
  if v_me.role not in ('student', 'graduate') then
    return 'Откликаться могут студенты и выпускники.';
  end if;
  if v.kind in ('practice', 'stipend', 'target_agreement') and v_me.role <> 'student' then
    return case v.kind
      when 'practice' then 'Практика — для студентов: в профиле вы указаны как выпускник.'
      when 'stipend' then 'Стипендия — для студентов: в профиле вы указаны как выпускник.'
      else 'Целевое обучение — для студентов: в профиле вы указаны как выпускник.' end;
  end if;
  if v.kind <> 'vacancy' then
    if cardinality(v.university_ids) > 0 and (v_me.university_id is null or not v_me.university_id = any (v.university_ids)) then
      return 'Работодатель принимает отклики только от студентов указанных вузов. Проверьте вуз в профиле.';
    end if;
    if cardinality(v.programme_codes) > 0 and (v_me.programme_code is null or not v_me.programme_code = any (v.programme_codes)) then
      return 'Ваше направление подготовки не входит в список направлений этой публикации. Проверьте его в профиле.';
    end if;
    if v_me.role = 'student' and cardinality(v.years_of_study) > 0
       and (v_me.year_of_study is null or not v_me.year_of_study = any (v.years_of_study)) then
      return format('Публикация для студентов %s курса. Проверьте курс в профиле.',
                    array_to_string(v.years_of_study, ', '));
    end if;
  end if;
  if v.kind in ('practice', 'stipend', 'target_agreement') and v_me.university_id is null then
    return 'Укажите вуз в профиле: его подтверждение нужно для практики, стипендии и целевого обучения.';
  end if;
  if not exists (select from public.resumes where profile_id = v_me.id) then
    return 'Сначала заполните резюме: работодатель увидит его вместе с откликом.';
  end if;
  return null;
end;
$$;

-- Moves --------------------------------------------------------------------------------------

-- Records a move and queues the letter about it in the same transaction.
create function app_private.record_application_event(
  p_application_id uuid, p_side text, p_from public.application_status, p_to public.application_status,
  p_note text default null, p_details jsonb default '{}'
) returns bigint
language plpgsql security definer
set search_path = ''
as $$
declare
  v_id bigint;
begin
  insert into public.application_events (application_id, actor_id, actor_side, from_status, to_status, note, details)
  values (p_application_id, (select auth.uid()), p_side, p_from, p_to, nullif(btrim(p_note), ''), coalesce(p_details, '{}'))
  returning id into v_id;
  -- «viewed» is no news to anybody; the employer learns of new applications from a daily digest
  if p_to not in ('viewed', 'submitted') then
    perform graphile_worker.add_job(
      'notify_application_event', json_build_object('event_id', v_id), max_attempts => 10);
  end if;
  return v_id;
end;
$$;

-- The application, locked, if the caller is a member of its employer.
create function app_private.lock_application_for_employer(p_id uuid) returns public.applications
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.applications;
begin
  select * into v from public.applications where id = p_id for update;
  if not found or v.organization_id not in (select app_private.my_organization_ids()) then
    raise exception 'отклик не найден' using errcode = '42501', hint = 'id';
  end if;
  return v;
end;
$$;

create function app_private.lock_application_for_applicant(p_id uuid) returns public.applications
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.applications;
begin
  select * into v from public.applications where id = p_id for update;
  if not found or v.applicant_id is distinct from (select auth.uid()) then
    raise exception 'отклик не найден' using errcode = '42501', hint = 'id';
  end if;
  return v;
end;
$$;

create function app_private.refuse_move(p_from public.application_status, p_verb text) returns void
language plpgsql
set search_path = ''
as $$
begin
  raise exception 'нельзя %: отклик в состоянии «%»', p_verb, app_private.application_status_label(p_from)
    using errcode = '22023', hint = 'status';
end;
$$;

create function app_private.application_status_label(p_status public.application_status) returns text
language sql immutable
set search_path = ''
as $$
  select case p_status
    when 'submitted' then 'отправлен' when 'viewed' then 'просмотрен' when 'shortlisted' then 'в списке кандидатов'
    when 'interview' then 'приглашение на собеседование' when 'offer' then 'предложение'
    when 'accepted' then 'предложение принято' when 'declined' then 'предложение отклонено'
    when 'hired' then 'принят на работу' when 'rejected' then 'отказ' when 'withdrawn' then 'отозван' end;
$$;

create function app_private.set_application_status(
  p_id uuid, p_to public.application_status, p_employer_answer boolean
) returns void
language sql
set search_path = ''
as $$
  update public.applications
     set status = p_to, status_changed_at = now(),
         first_answer_at = case when p_employer_answer then coalesce(first_answer_at, now()) else first_answer_at end
   where id = p_id;
$$;

-- The student applies. Returns the application and whether it is new: a second identical request
-- (double click, two tabs, a retry) gets the live application that already exists.
create function public.apply_to_opportunity(
  p_opportunity_id uuid,
  p_cover_letter text,
  p_consent_version text,
  p_consent_text text,
  p_ip inet default null,
  p_user_agent text default null
) returns table (application_id uuid, created boolean)
language plpgsql security definer
set search_path = ''
as $$
declare
  v_me public.profiles := app_private.my_profile();
  v_refusal text;
  v_opp public.opportunities;
  v_org public.organizations;
  v_resume public.resumes;
  v_consent uuid;
  v_id uuid;
begin
  if char_length(coalesce(p_cover_letter, '')) > 3000 then
    raise exception 'сопроводительное письмо — не длиннее 3 000 знаков' using errcode = '22023', hint = 'cover_letter';
  end if;
  if coalesce(btrim(p_consent_version), '') = '' or char_length(coalesce(p_consent_text, '')) < 50 then
    raise exception 'нужно согласие на передачу персональных данных работодателю' using errcode = '22023', hint = 'consent';
  end if;
  -- the same person applying twice at once: the second waits here and then finds the first
  perform pg_advisory_xact_lock(hashtextextended(p_opportunity_id::text || ':' || coalesce(v_me.id::text, ''), 0));
  select a.id into v_id from public.applications a
   where a.opportunity_id = p_opportunity_id and a.applicant_id = v_me.id
     and a.status not in ('rejected', 'withdrawn', 'declined');
  if found then
    return query select v_id, false;
    return;
  end if;
  v_refusal := public.application_refusal(p_opportunity_id);
  if v_refusal is not null then
    raise exception '%', v_refusal using errcode = '22023', hint = 'opportunity';
  end if;
  select * into v_opp from public.opportunities where id = p_opportunity_id;
  select * into v_org from public.organizations where id = v_opp.organization_id;
  select * into v_resume from public.resumes where profile_id = v_me.id;

  insert into public.data_transfer_consents (profile_id, organization_id, organization_name, organization_inn,
                                             text_version, consent_text, ip, user_agent)
  values (v_me.id, v_org.id, v_org.name, v_org.inn, p_consent_version, p_consent_text, p_ip, left(p_user_agent, 500))
  returning id into v_consent;

  insert into public.applications (opportunity_id, applicant_id, organization_id, kind, applicant_name, university_id,
                                   programme_code, year_of_study, graduation_year, consent_id)
  values (p_opportunity_id, v_me.id, v_opp.organization_id, v_opp.kind, v_me.full_name, v_me.university_id,
          v_me.programme_code, v_me.year_of_study, v_me.graduation_year, v_consent)
  returning id into v_id;

  insert into public.application_documents (application_id, cover_letter, resume_snapshot, attachment_id)
  values (v_id, coalesce(btrim(p_cover_letter), ''),
          jsonb_build_object(
            'full_name', v_me.full_name, 'email', v_me.email, 'phone', v_me.phone, 'role', v_me.role,
            'university_id', v_me.university_id,
            'university_name', (select o.name from public.organizations o where o.id = v_me.university_id),
            'programme_code', v_me.programme_code,
            'programme_name', (select p.name from public.programmes p where p.code = v_me.programme_code),
            'year_of_study', v_me.year_of_study, 'graduation_year', v_me.graduation_year,
            'headline', v_resume.headline, 'about', v_resume.about, 'average_grade', v_resume.average_grade,
            'skills', to_jsonb(v_resume.skills), 'experience', v_resume.experience, 'languages', v_resume.languages,
            'desired_kinds', to_jsonb(v_resume.desired_kinds), 'desired_districts', to_jsonb(v_resume.desired_districts),
            'desired_schedules', to_jsonb(v_resume.desired_schedules),
            'portfolio_url', v_resume.portfolio_url, 'github_url', v_resume.github_url,
            'frozen_at', now()),
          v_resume.attachment_id);

  perform app_private.record_application_event(v_id, 'applicant', null, 'submitted');
  return query select v_id, true;
end;
$$;

-- The employer opens the application for the first time.
create function public.mark_application_viewed(p_id uuid) returns public.application_status
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.applications := app_private.lock_application_for_employer(p_id);
begin
  if v.status = 'submitted' then
    perform app_private.set_application_status(p_id, 'viewed', false);
    perform app_private.record_application_event(p_id, 'employer', 'submitted', 'viewed');
    return 'viewed';
  end if;
  return v.status;
end;
$$;

create function public.shortlist_application(p_id uuid, p_note text default null) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.applications := app_private.lock_application_for_employer(p_id);
begin
  if v.status not in ('submitted', 'viewed') then
    perform app_private.refuse_move(v.status, 'добавить в список кандидатов');
  end if;
  perform app_private.set_application_status(p_id, 'shortlisted', true);
  perform app_private.record_application_event(p_id, 'employer', v.status, 'shortlisted', p_note);
end;
$$;

create function public.invite_to_interview(
  p_id uuid, p_at timestamptz, p_place text default null, p_link text default null, p_note text default null
) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.applications := app_private.lock_application_for_employer(p_id);
begin
  if v.status not in ('submitted', 'viewed', 'shortlisted', 'interview') then
    perform app_private.refuse_move(v.status, 'пригласить на собеседование');
  end if;
  if p_at is null or p_at < now() then
    raise exception 'укажите будущие дату и время собеседования' using errcode = '22023', hint = 'interview_at';
  end if;
  if p_at > now() + interval '180 days' then
    raise exception 'собеседование можно назначить не позже чем через полгода' using errcode = '22023', hint = 'interview_at';
  end if;
  if coalesce(btrim(p_place), '') = '' and coalesce(btrim(p_link), '') = '' then
    raise exception 'укажите место или ссылку на встречу' using errcode = '22023', hint = 'interview_place';
  end if;
  if p_link is not null and btrim(p_link) <> '' and btrim(p_link) !~ '^https?://[^\s]+$' then
    raise exception 'ссылка должна начинаться с http:// или https://' using errcode = '22023', hint = 'interview_link';
  end if;
  update public.applications
     set interview_at = p_at, interview_place = nullif(btrim(p_place), ''), interview_link = nullif(btrim(p_link), '')
   where id = p_id;
  perform app_private.set_application_status(p_id, 'interview', true);
  perform app_private.record_application_event(p_id, 'employer', v.status, 'interview', p_note,
    jsonb_build_object('interview_at', p_at, 'place', nullif(btrim(p_place), ''), 'link', nullif(btrim(p_link), ''),
                       'rescheduled', v.status = 'interview'));
end;
$$;

-- The offer's terms by kind, checked and normalized; raises a field error otherwise.
create function app_private.normalize_offer_terms(p_kind public.opportunity_kind, p_terms jsonb) returns jsonb
language plpgsql immutable
set search_path = ''
as $$
declare
  v_start date;
  v_end date;
  v_amount integer;
  v_months integer;
  v_years integer;
  v_position text := nullif(btrim(p_terms ->> 'position'), '');
  v_pay integer;
begin
  begin
    v_start := nullif(p_terms ->> 'start_date', '')::date;
    v_end := nullif(p_terms ->> 'end_date', '')::date;
    v_amount := nullif(p_terms ->> 'amount_per_month', '')::integer;
    v_months := nullif(p_terms ->> 'months', '')::integer;
    v_years := nullif(p_terms ->> 'work_years', '')::integer;
    v_pay := nullif(p_terms ->> 'pay', '')::integer;
  exception when others then
    raise exception 'условия предложения заполнены неверно' using errcode = '22023', hint = 'offer';
  end;
  if v_start is null then
    raise exception 'укажите дату начала' using errcode = '22023', hint = 'start_date';
  end if;
  if p_kind in ('vacancy', 'internship') then
    if v_position is null or char_length(v_position) > 200 then
      raise exception 'укажите должность (до 200 знаков)' using errcode = '22023', hint = 'position';
    end if;
    if v_pay is not null and (v_pay < 0 or v_pay > 10000000) then
      raise exception 'зарплата — от 0 до 10 000 000 ₽ в месяц' using errcode = '22023', hint = 'pay';
    end if;
    return jsonb_build_object('position', v_position, 'start_date', v_start, 'pay', v_pay);
  elsif p_kind = 'practice' then
    if v_end is null or v_end < v_start then
      raise exception 'дата окончания практики не может быть раньше начала' using errcode = '22023', hint = 'end_date';
    end if;
    return jsonb_build_object('start_date', v_start, 'end_date', v_end, 'position', v_position);
  elsif p_kind = 'stipend' then
    if v_amount is null or v_amount < 1 or v_amount > 10000000 then
      raise exception 'укажите размер стипендии в месяц' using errcode = '22023', hint = 'amount_per_month';
    end if;
    if v_months is null or v_months < 1 or v_months > 72 then
      raise exception 'срок стипендии — от 1 до 72 месяцев' using errcode = '22023', hint = 'months';
    end if;
    return jsonb_build_object('start_date', v_start, 'amount_per_month', v_amount, 'months', v_months);
  else
    if v_years is null or v_years < 3 or v_years > 10 then
      raise exception 'срок отработки — от 3 до 10 лет (Постановление № 555)' using errcode = '22023', hint = 'work_years';
    end if;
    return jsonb_build_object('start_date', v_start, 'work_years', v_years,
                              'support_measures', left(nullif(btrim(p_terms ->> 'support_measures'), ''), 3000));
  end if;
end;
$$;

create function public.make_offer(p_id uuid, p_terms jsonb, p_answer_by date, p_note text default null) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.applications := app_private.lock_application_for_employer(p_id);
  v_terms jsonb;
begin
  if v.status not in ('viewed', 'shortlisted', 'interview') then
    perform app_private.refuse_move(v.status, 'сделать предложение');
  end if;
  v_terms := app_private.normalize_offer_terms(v.kind, coalesce(p_terms, '{}'));
  if p_answer_by is null or p_answer_by < current_date or p_answer_by > current_date + 60 then
    raise exception 'срок ответа — от сегодня до 60 дней вперёд' using errcode = '22023', hint = 'answer_by';
  end if;
  update public.applications set offer_terms = v_terms, offer_answer_by = p_answer_by where id = p_id;
  perform app_private.set_application_status(p_id, 'offer', true);
  perform app_private.record_application_event(p_id, 'employer', v.status, 'offer', p_note,
    v_terms || jsonb_build_object('answer_by', p_answer_by));
end;
$$;

-- The student accepts the offer; by kind, the outcome record is created in the same transaction.
create function public.accept_offer(p_id uuid) returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.applications := app_private.lock_application_for_applicant(p_id);
  v_opp public.opportunities;
  v_terms jsonb;
  v_record uuid;
  v_type text;
begin
  if v.status <> 'offer' then
    perform app_private.refuse_move(v.status, 'принять предложение');
  end if;
  if v.offer_answer_by < current_date then
    raise exception 'срок ответа на предложение истёк %', to_char(v.offer_answer_by, 'DD.MM.YYYY')
      using errcode = '22023', hint = 'status';
  end if;
  v_terms := v.offer_terms;
  select * into v_opp from public.opportunities where id = v.opportunity_id;
  if v.kind = 'practice' then
    insert into public.practice_placements (application_id, student_id, university_id, organization_id, programme_code,
                                            practice_type, starts_on, ends_on)
    values (v.id, v.applicant_id, v.university_id, v.organization_id, v.programme_code, v_opp.practice_type,
            (v_terms ->> 'start_date')::date, (v_terms ->> 'end_date')::date)
    returning id into v_record;
    v_type := 'practice_placement';
    insert into public.outcome_events (record_type, record_id, actor_id, to_status)
    values (v_type, v_record, (select auth.uid()), 'awaiting_university');
  elsif v.kind = 'stipend' then
    insert into public.stipend_awards (application_id, student_id, university_id, organization_id, amount_per_month,
                                       months, starts_on)
    values (v.id, v.applicant_id, v.university_id, v.organization_id, (v_terms ->> 'amount_per_month')::integer,
            (v_terms ->> 'months')::smallint, (v_terms ->> 'start_date')::date)
    returning id into v_record;
    v_type := 'stipend_award';
    insert into public.outcome_events (record_type, record_id, actor_id, to_status)
    values (v_type, v_record, (select auth.uid()), 'awaiting_university');
  elsif v.kind = 'target_agreement' then
    insert into public.target_agreements (application_id, student_id, university_id, organization_id, programme_code,
                                          work_years, support_measures)
    values (v.id, v.applicant_id, v.university_id, v.organization_id, v.programme_code,
            (v_terms ->> 'work_years')::smallint, v_terms ->> 'support_measures')
    returning id into v_record;
    v_type := 'target_agreement';
    insert into public.outcome_events (record_type, record_id, actor_id, to_status)
    values (v_type, v_record, (select auth.uid()), 'awaiting_signatures');
  end if;
  perform app_private.set_application_status(p_id, 'accepted', false);
  perform app_private.record_application_event(p_id, 'applicant', 'offer', 'accepted', null,
    case when v_record is null then '{}'::jsonb else jsonb_build_object('record_type', v_type, 'record_id', v_record) end);
  return v_record;
end;
$$;

create function public.decline_offer(p_id uuid, p_note text default null) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.applications := app_private.lock_application_for_applicant(p_id);
begin
  if v.status <> 'offer' then
    perform app_private.refuse_move(v.status, 'отклонить предложение');
  end if;
  perform app_private.set_application_status(p_id, 'declined', false);
  perform app_private.record_application_event(p_id, 'applicant', 'offer', 'declined', p_note);
end;
$$;

create function public.withdraw_application(p_id uuid, p_note text default null) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.applications := app_private.lock_application_for_applicant(p_id);
begin
  if v.status not in ('submitted', 'viewed', 'shortlisted', 'interview') then
    perform app_private.refuse_move(v.status, 'отозвать отклик');
  end if;
  perform app_private.set_application_status(p_id, 'withdrawn', false);
  perform app_private.record_application_event(p_id, 'applicant', v.status, 'withdrawn', p_note);
end;
$$;

create function public.reject_application(p_id uuid, p_reason text, p_message text default null) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.applications := app_private.lock_application_for_employer(p_id);
begin
  if v.status not in ('submitted', 'viewed', 'shortlisted', 'interview', 'offer')
     and not (v.status = 'accepted' and v.kind in ('vacancy', 'internship')) then
    perform app_private.refuse_move(v.status, 'отказать');
  end if;
  if p_reason is null or p_reason not in ('position_filled', 'not_matching_requirements', 'not_enough_experience',
                                          'schedule_mismatch', 'no_response', 'other') then
    raise exception 'выберите причину отказа из списка' using errcode = '22023', hint = 'reason';
  end if;
  if char_length(coalesce(p_message, '')) > 3000 then
    raise exception 'текст отказа — не длиннее 3 000 знаков' using errcode = '22023', hint = 'message';
  end if;
  update public.applications set rejection_reason = p_reason where id = p_id;
  perform app_private.set_application_status(p_id, 'rejected', true);
  perform app_private.record_application_event(p_id, 'employer', v.status, 'rejected', p_message,
    jsonb_build_object('reason', p_reason));
end;
$$;

-- Rejects several applications with one template; the ones that cannot be rejected are skipped
-- and returned, so the page can say which.
create function public.reject_applications(p_ids uuid[], p_reason text, p_message text default null)
returns table (application_id uuid, rejected boolean, message text)
language plpgsql security definer
set search_path = ''
as $$
declare
  v_id uuid;
begin
  if cardinality(p_ids) > 500 then
    raise exception 'за один раз — не больше 500 откликов' using errcode = '22023', hint = 'ids';
  end if;
  foreach v_id in array coalesce(p_ids, '{}') loop
    begin
      perform public.reject_application(v_id, p_reason, p_message);
      return query select v_id, true, null::text;
    exception when sqlstate '22023' or sqlstate '42501' then
      if sqlerrm like 'выберите причину%' or sqlerrm like 'текст отказа%' then
        raise;
      end if;
      return query select v_id, false, sqlerrm;
    end;
  end loop;
end;
$$;

-- The employer records the hire with its document: an employment that counts once the graduate
-- confirms it. Returns the employment. The graduate's one-time confirmation link is made by the
-- letter's job (issue_employment_confirmation), queued in this transaction: only its hash is kept.
create function public.record_hire(
  p_id uuid, p_start_date date, p_position text, p_document_kind text, p_document_number text, p_document_date date
) returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.applications := app_private.lock_application_for_employer(p_id);
  v_employment uuid;
begin
  if v.kind not in ('vacancy', 'internship') then
    raise exception 'приём на работу оформляется по вакансиям и стажировкам' using errcode = '22023', hint = 'status';
  end if;
  if v.status <> 'accepted' then
    perform app_private.refuse_move(v.status, 'оформить приём');
  end if;
  if p_start_date is null or p_start_date < current_date - 365 or p_start_date > current_date + 365 then
    raise exception 'укажите дату выхода на работу (не дальше года от сегодня)' using errcode = '22023', hint = 'start_date';
  end if;
  if coalesce(btrim(p_position), '') = '' or char_length(btrim(p_position)) > 200 then
    raise exception 'укажите должность' using errcode = '22023', hint = 'position';
  end if;
  if p_document_kind is null or p_document_kind not in ('order', 'contract') then
    raise exception 'выберите документ: приказ о приёме или трудовой договор' using errcode = '22023', hint = 'document_kind';
  end if;
  if coalesce(btrim(p_document_number), '') = '' or char_length(btrim(p_document_number)) > 50 then
    raise exception 'укажите номер документа' using errcode = '22023', hint = 'document_number';
  end if;
  if p_document_date is null or p_document_date > current_date or p_document_date > p_start_date + 30 then
    raise exception 'дата документа не может быть в будущем или позже выхода на работу больше чем на 30 дней'
      using errcode = '22023', hint = 'document_date';
  end if;
  insert into public.employments (application_id, person_id, organization_id, position, start_date, document_kind,
                                  document_number, document_date, employer_confirmed_by)
  values (v.id, v.applicant_id, v.organization_id, btrim(p_position), p_start_date, p_document_kind,
          btrim(p_document_number), p_document_date, (select auth.uid()))
  returning id into v_employment;
  insert into public.outcome_events (record_type, record_id, actor_id, to_status)
  values ('employment', v_employment, (select auth.uid()), 'awaiting_confirmation');
  perform app_private.set_application_status(p_id, 'hired', true);
  perform app_private.record_application_event(p_id, 'employer', 'accepted', 'hired', null,
    jsonb_build_object('employment_id', v_employment, 'start_date', p_start_date, 'position', btrim(p_position),
                       'document_kind', p_document_kind, 'document_number', btrim(p_document_number),
                       'document_date', p_document_date));
  return v_employment;
end;
$$;

-- The graduate's «Да, я работаю здесь»: by the one-time token of the emailed link (no sign-in
-- needed), or signed in by the employment's id.
create function app_private.confirm_employment_row(p_employment public.employments) returns uuid
language plpgsql security definer
set search_path = ''
as $$
begin
  if p_employment.status = 'confirmed' then
    return p_employment.id;
  end if;
  if p_employment.status <> 'awaiting_confirmation' then
    raise exception 'этот приём на работу отменён' using errcode = '22023', hint = 'status';
  end if;
  update public.employments
     set status = 'confirmed', person_confirmed_at = now(), confirm_token_hash = null
   where id = p_employment.id;
  insert into public.outcome_events (record_type, record_id, actor_id, from_status, to_status)
  values ('employment', p_employment.id, p_employment.person_id, 'awaiting_confirmation', 'confirmed');
  return p_employment.id;
end;
$$;

-- A new one-time link for the graduate (the letter's job; only the worker and scripts call it).
-- A new link replaces the previous one.
create function app_private.issue_employment_confirmation(p_employment_id uuid) returns text
language plpgsql security definer
set search_path = ''
as $$
declare
  v_token text := encode(extensions.gen_random_bytes(24), 'hex');
begin
  update public.employments set confirm_token_hash = encode(extensions.digest(v_token, 'sha256'), 'hex')
   where id = p_employment_id and status = 'awaiting_confirmation';
  if not found then
    return null;
  end if;
  return v_token;
end;
$$;
revoke all on function app_private.issue_employment_confirmation(uuid) from public;
grant execute on function app_private.issue_employment_confirmation(uuid) to service_role;

create function public.confirm_employment(p_token text) returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.employments;
begin
  select * into v from public.employments
   where confirm_token_hash = encode(extensions.digest(coalesce(p_token, ''), 'sha256'), 'hex') for update;
  if not found then
    raise exception 'ссылка недействительна или уже использована' using errcode = '22023', hint = 'token';
  end if;
  return app_private.confirm_employment_row(v);
end;
$$;

create function public.confirm_my_employment(p_employment_id uuid) returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.employments;
begin
  select * into v from public.employments where id = p_employment_id for update;
  if not found or v.person_id is distinct from (select auth.uid()) then
    raise exception 'запись о приёме не найдена' using errcode = '42501', hint = 'id';
  end if;
  return app_private.confirm_employment_row(v);
end;
$$;

-- What the confirmation page shows for a token (employer, position, start date) before the click.
create function public.employment_by_token(p_token text)
returns table (employment_id uuid, organization_name text, job_title text, start_date date, status public.employment_status)
language sql stable security definer
set search_path = ''
as $$
  select e.id, o.name, e.position, e.start_date, e.status
  from public.employments e join public.organizations o on o.id = e.organization_id
  where e.confirm_token_hash = encode(extensions.digest(coalesce(p_token, ''), 'sha256'), 'hex');
$$;

-- The employer's internal notes and rating.
create function public.review_application(p_id uuid, p_rating smallint, p_notes text) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.applications := app_private.lock_application_for_employer(p_id);
begin
  if p_rating is not null and (p_rating < 1 or p_rating > 5) then
    raise exception 'оценка — от 1 до 5' using errcode = '22023', hint = 'rating';
  end if;
  if char_length(coalesce(p_notes, '')) > 5000 then
    raise exception 'заметки — не длиннее 5 000 знаков' using errcode = '22023', hint = 'notes';
  end if;
  insert into public.application_reviews (application_id, organization_id, rating, notes, updated_by, updated_at)
  values (p_id, v.organization_id, p_rating, coalesce(p_notes, ''), (select auth.uid()), now())
  on conflict (application_id) do update
    set rating = excluded.rating, notes = excluded.notes, updated_by = excluded.updated_by, updated_at = now();
end;
$$;

-- No ghosting: how an employer answers, over the last 90 days, from the events. Shown only from
-- 5 applications on (fewer say nothing).
create function public.employer_response_stats(p_organization_id uuid)
returns table (applications integer, answered integer, response_rate numeric, median_hours numeric)
language sql stable security definer
set search_path = ''
as $$
  with recent as (
    select a.created_at, a.first_answer_at
    from public.applications a
    where a.organization_id = p_organization_id and a.created_at > now() - interval '90 days'
  )
  select count(*)::int,
         count(first_answer_at)::int,
         case when count(*) >= 5 then round(count(first_answer_at)::numeric / count(*), 3) end,
         case when count(*) >= 5 then round((percentile_cont(0.5) within group (
           order by extract(epoch from first_answer_at - created_at) / 3600))::numeric, 1) end
  from recent;
$$;

revoke all on function public.application_refusal(uuid), public.apply_to_opportunity(uuid, text, text, text, inet, text),
  public.mark_application_viewed(uuid), public.shortlist_application(uuid, text),
  public.invite_to_interview(uuid, timestamptz, text, text, text), public.make_offer(uuid, jsonb, date, text),
  public.accept_offer(uuid), public.decline_offer(uuid, text), public.withdraw_application(uuid, text),
  public.reject_application(uuid, text, text), public.reject_applications(uuid[], text, text),
  public.record_hire(uuid, date, text, text, text, date), public.confirm_employment(text),
  public.confirm_my_employment(uuid), public.employment_by_token(text),
  public.review_application(uuid, smallint, text), public.employer_response_stats(uuid),
  app_private.record_application_event(uuid, text, public.application_status, public.application_status, text, jsonb),
  app_private.lock_application_for_employer(uuid), app_private.lock_application_for_applicant(uuid),
  app_private.confirm_employment_row(public.employments), app_private.set_application_status(uuid, public.application_status, boolean)
  from public;
grant execute on function public.application_refusal(uuid), public.apply_to_opportunity(uuid, text, text, text, inet, text),
  public.mark_application_viewed(uuid), public.shortlist_application(uuid, text),
  public.invite_to_interview(uuid, timestamptz, text, text, text), public.make_offer(uuid, jsonb, date, text),
  public.accept_offer(uuid), public.decline_offer(uuid, text), public.withdraw_application(uuid, text),
  public.reject_application(uuid, text, text), public.reject_applications(uuid[], text, text),
  public.record_hire(uuid, date, text, text, text, date), public.confirm_my_employment(uuid),
  public.review_application(uuid, smallint, text) to authenticated;
grant execute on function public.confirm_employment(text), public.employment_by_token(text),
  public.employer_response_stats(uuid) to anon, authenticated;
grant execute on function public.application_refusal(uuid) to anon;
