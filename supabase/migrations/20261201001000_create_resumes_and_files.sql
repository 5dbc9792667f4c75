-- Résumés of students and graduates, and the private files they attach (a PDF of at most 5 MB).
--
-- Files are private: the embedded stack keeps their bytes in public.files.content (RLS decides who
-- reads them, through an app endpoint that asks with the reader's own JWT); on hosted Supabase the
-- server may keep them in Storage instead and record storage_path. A file is a PDF by its bytes: the
-- table itself refuses content that does not start with «%PDF-», whatever the name says. Files are
-- never changed: a new upload is a new row, so an application that froze a résumé keeps the very
-- file the employer saw.

create table public.files (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references public.profiles (id) on delete cascade,
  purpose text not null default 'resume' check (purpose in ('resume')),
  file_name text not null check (char_length(btrim(file_name)) between 1 and 200),
  content_type text not null check (content_type = 'application/pdf'),
  byte_size integer not null check (byte_size between 1 and 5242880),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea,
  storage_path text check (char_length(storage_path) <= 500),
  created_at timestamptz not null default now(),
  constraint content_or_storage check ((content is null) <> (storage_path is null)),
  constraint content_is_pdf check (content is null or substring(content from 1 for 5) = '\x255044462d'::bytea),
  constraint content_size_matches check (content is null or octet_length(content) = byte_size)
);
create index files_owner_id_idx on public.files (owner_id);
comment on table public.files is
  'Закрытые файлы людей (PDF резюме): читают владелец, работодатель, которому он отправлен в отклике, и администрация.';

create table public.resumes (
  profile_id uuid primary key references public.profiles (id) on delete cascade,
  headline text check (char_length(headline) <= 200),
  about text check (char_length(about) <= 3000),
  average_grade numeric(3, 2) check (average_grade between 2 and 5),
  skills text[] not null default '{}' check (cardinality(skills) <= 50),
  -- [{kind: 'work'|'project', title, organization, from: 'YYYY-MM', to: 'YYYY-MM'|null, description}]
  experience jsonb not null default '[]' check (jsonb_typeof(experience) = 'array' and jsonb_array_length(experience) <= 30),
  -- [{language, level}] with levels A1…C2 or «родной»
  languages jsonb not null default '[]' check (jsonb_typeof(languages) = 'array' and jsonb_array_length(languages) <= 15),
  desired_kinds public.opportunity_kind[] not null default '{}',
  desired_districts text[] not null default '{}',
  desired_schedules text[] not null default '{}'
    check (desired_schedules <@ array['full_day', 'shift', 'flexible', 'remote', 'part_time']),
  portfolio_url text check (portfolio_url is null or portfolio_url ~ '^https?://[^\s]+$'),
  github_url text check (github_url is null or github_url ~ '^https?://[^\s]+$'),
  attachment_id uuid references public.files (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index resumes_attachment_id_idx on public.resumes (attachment_id);
create trigger resumes_touch before update on public.resumes
  for each row execute function app_private.touch_updated_at();

create function app_private.check_resume() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_bad text;
begin
  if not exists (select from public.profiles where id = new.profile_id and role in ('student', 'graduate')) then
    raise exception 'резюме ведут студенты и выпускники' using errcode = '42501';
  end if;
  select d into v_bad from unnest(new.desired_districts) d
   where not exists (select from public.districts x where x.code = d) limit 1;
  if v_bad is not null then
    raise exception 'района % нет в справочнике', v_bad using errcode = '23503', hint = 'desired_districts';
  end if;
  if new.attachment_id is not null and not exists (
    select from public.files f where f.id = new.attachment_id and f.owner_id = new.profile_id
  ) then
    raise exception 'файл не найден' using errcode = '23503', hint = 'attachment';
  end if;
  return new;
end;
$$;
create trigger resumes_check before insert or update on public.resumes
  for each row execute function app_private.check_resume();

alter table public.files enable row level security;
alter table public.resumes enable row level security;

create policy "own resume" on public.resumes for select to authenticated
  using (profile_id = (select auth.uid()));
create policy "write own resume" on public.resumes for insert to authenticated
  with check (profile_id = (select auth.uid()));
create policy "edit own resume" on public.resumes for update to authenticated
  using (profile_id = (select auth.uid())) with check (profile_id = (select auth.uid()));
create policy "administration sees resumes" on public.resumes for select to authenticated
  using ((select app_private.is_admin()));

create policy "own files" on public.files for select to authenticated
  using (owner_id = (select auth.uid()));
create policy "upload own files" on public.files for insert to authenticated
  with check (owner_id = (select auth.uid()));
create policy "administration sees files" on public.files for select to authenticated
  using ((select app_private.is_admin()));
-- (employers read a file sent with an application: policy added with the applications table)

grant select, insert (profile_id, headline, about, average_grade, skills, experience, languages, desired_kinds,
                      desired_districts, desired_schedules, portfolio_url, github_url, attachment_id),
      update (headline, about, average_grade, skills, experience, languages, desired_kinds,
              desired_districts, desired_schedules, portfolio_url, github_url, attachment_id)
  on public.resumes to authenticated;
grant select, insert (owner_id, purpose, file_name, content_type, byte_size, sha256, content, storage_path)
  on public.files to authenticated;
grant all on public.resumes, public.files to service_role;
