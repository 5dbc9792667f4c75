-- University staff see their students' applications to practice postings (policy «my students'
-- practice applications»), and their list names each posting, also after it is closed or has expired,
-- when «published opportunities are public» no longer covers it: the application row keeps no title.
-- They may read the practice postings their own students applied to, and only those. Cover letters,
-- résumés and the employer's notes stay where they are (application_documents, application_reviews
-- have no policy for universities).

create function app_private.my_students_practice_opportunity_ids() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select a.opportunity_id from public.applications a
  where a.kind = 'practice' and a.university_id in (select app_private.my_university_ids());
$$;
revoke all on function app_private.my_students_practice_opportunity_ids() from public;
grant execute on function app_private.my_students_practice_opportunity_ids() to authenticated;

create policy "universities see the practice postings their students applied to" on public.opportunities
  for select to authenticated
  using (id in (select app_private.my_students_practice_opportunity_ids()));
