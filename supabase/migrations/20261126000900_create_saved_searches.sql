-- Saved searches: a student or graduate keeps a search (the URL query of /opportunities) and gets
-- daily or weekly email alerts of new matching postings. Every alert carries a one-click
-- unsubscribe link; only the sha256 hash of its token is stored. The worker
-- (send_saved_search_alerts) derives the token from the row id with the server secret and keeps
-- the hash here, so the link of every earlier alert keeps working.

create table public.saved_searches (
  id uuid primary key default gen_random_uuid(),
  profile_id uuid not null default auth.uid() references public.profiles (id) on delete cascade,
  name text not null check (char_length(btrim(name)) between 1 and 100),
  -- searchQueryString() of src/lib/schemas/search.ts, without a leading '?' and without the page
  query text not null default '' check (char_length(query) <= 2000 and query !~ '^\?'),
  frequency text not null default 'weekly' check (frequency in ('daily', 'weekly')),
  last_sent_at timestamptz,
  -- until the first alert nobody knows a token: a random placeholder keeps the column unique
  unsubscribe_token_hash text not null unique
    default encode(extensions.digest(extensions.gen_random_bytes(32), 'sha256'), 'hex'),
  created_at timestamptz not null default now()
);

comment on table public.saved_searches is
  'Сохранённые поиски студентов и выпускников с ежедневной или еженедельной рассылкой новых публикаций.';

create index saved_searches_profile_id_idx on public.saved_searches (profile_id);
-- the worker's hourly look for searches whose alert is due
create index saved_searches_due_idx on public.saved_searches (frequency, last_sent_at);

alter table public.saved_searches enable row level security;

create policy "own saved searches" on public.saved_searches for select to authenticated
  using (profile_id = (select auth.uid()));
create policy "students and graduates save searches" on public.saved_searches for insert to authenticated
  with check (
    profile_id = (select auth.uid())
    and exists (
      select from public.profiles p
      where p.id = (select auth.uid()) and p.role in ('student', 'graduate')
    )
  );
create policy "edit own saved searches" on public.saved_searches for update to authenticated
  using (profile_id = (select auth.uid())) with check (profile_id = (select auth.uid()));
create policy "delete own saved searches" on public.saved_searches for delete to authenticated
  using (profile_id = (select auth.uid()));

-- The token hash and the time of the last alert belong to the worker.
grant select (id, profile_id, name, query, frequency, last_sent_at, created_at)
  on public.saved_searches to authenticated;
grant insert (profile_id, name, query, frequency) on public.saved_searches to authenticated;
grant update (name, query, frequency) on public.saved_searches to authenticated;
grant delete on public.saved_searches to authenticated;
grant all on public.saved_searches to service_role;

-- One-click unsubscribe from an alert: the token of the letter's link is the only credential, so
-- anon may call it. Deletes the saved search and returns its name, or null for an unknown token.
create function public.unsubscribe_saved_search(p_token text) returns text
language sql security definer
set search_path = ''
as $$
  delete from public.saved_searches
   where p_token is not null
     and length(p_token) between 32 and 200
     and unsubscribe_token_hash = encode(extensions.digest(p_token, 'sha256'), 'hex')
  returning name;
$$;

revoke all on function public.unsubscribe_saved_search(text) from public;
grant execute on function public.unsubscribe_saved_search(text) to anon, authenticated, service_role;
