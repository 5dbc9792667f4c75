-- Who a signed-in person is (role, organization) is kept a few seconds by each app process
-- (src/lib/server/session.ts). Every statement that changes profiles or memberships announces it on
-- the channel `people`, and the processes forget what they kept at once (organizations already
-- announce on `public_pages`, 20261202000100, and the processes listen to both).

create function app_private.announce_people_change() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  perform pg_notify('people', tg_table_name);
  return null;
end;
$$;

revoke all on function app_private.announce_people_change() from public;

create trigger announce_people_change after insert or update or delete or truncate on public.profiles
  for each statement execute function app_private.announce_people_change();
create trigger announce_people_change after insert or update or delete or truncate on public.memberships
  for each statement execute function app_private.announce_people_change();
