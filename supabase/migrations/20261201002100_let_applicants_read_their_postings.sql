-- A student's list of applications names each posting, also after the posting is closed or has
-- expired: «published opportunities are public» no longer covers it then, and the application row
-- keeps no title. The applicant may read the postings they applied to (only those; the public pages
-- still filter on status themselves, so nothing closed reappears in search or on an employer's page).

create function app_private.my_applied_opportunity_ids() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select a.opportunity_id from public.applications a where a.applicant_id = (select auth.uid());
$$;
revoke all on function app_private.my_applied_opportunity_ids() from public;
grant execute on function app_private.my_applied_opportunity_ids() to authenticated;

create policy "applicants see the postings they applied to" on public.opportunities for select to authenticated
  using (id in (select app_private.my_applied_opportunity_ids()));
