-- The app no longer keeps who a signed-in person is between requests: src/lib/server/session.ts
-- reads the session, the profile and the membership in one query on every request. The
-- announcements of 20261202000200 on the channel `people` have no listener left.

drop trigger announce_people_change on public.profiles;
drop trigger announce_people_change on public.memberships;
drop function app_private.announce_people_change();
