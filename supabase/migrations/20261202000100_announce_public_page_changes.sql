-- The app keeps the public pages a few seconds for anonymous visitors
-- (src/lib/server/public-page-cache.ts). Every statement that changes what those pages show
-- announces it on the channel `public_pages`, and every app process empties its cache at once:
-- also for changes made by the worker (expiry), another app process, an import or by hand.
-- One notification per statement (not per row), sent at commit, merged with equal ones by Postgres.

create function app_private.announce_public_page_change() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  perform pg_notify('public_pages', tg_table_name);
  return null;
end;
$$;

revoke all on function app_private.announce_public_page_change() from public;

do $$
declare
  t text;
begin
  foreach t in array array[
    'opportunities', 'organizations', 'partnership_contracts', 'events',
    'districts', 'programmes', 'industries'
  ] loop
    execute format(
      'create trigger announce_public_page_change after insert or update or delete or truncate on public.%I
         for each statement execute function app_private.announce_public_page_change()',
      t
    );
  end loop;
end;
$$;
