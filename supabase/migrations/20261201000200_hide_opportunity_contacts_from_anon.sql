-- Contacts of published postings (the person, e-mail and phone an employer gives for questions) are
-- shown on each posting's page, but anon could read all of them with one request:
-- GET /rest/v1/opportunities?select=contact_email,contact_phone. Anon now reads only the public
-- columns of a posting (column grants: no contacts, no author or moderation data), and the page gets
-- the contacts of one posting at a time from opportunity_contacts(). A request that names a contact
-- column, or `select=*`, is refused for anon (42501).
--
-- authenticated keeps the table grant: an employer edits its own postings' contacts and the
-- administration moderates them (RLS decides which rows), and people's JWTs are minted by the
-- SvelteKit server for its own requests, never handed to a browser.

revoke select on public.opportunities from anon;
grant select (id, organization_id, kind, status, title, description_html, description_text, industry_code,
              district_code, is_remote, address, apply_by, programme_codes, university_ids, years_of_study,
              is_paid, pay_from, pay_to, schedule, employment_type, experience, seats, starts_on, ends_on,
              duration_weeks, practice_type, stipend_count, selection_criteria, work_years_after,
              support_offered, published_at, expires_at)
  on public.opportunities to anon;

-- The contacts of one posting that everyone may see (the condition of the RLS policy "published
-- opportunities are public": published, not expired, of a verified employer); no row otherwise. One
-- id per call, so harvesting them takes a request per posting, like reading the pages.
create function public.opportunity_contacts(p_id uuid)
returns table (contact_name text, contact_email text, contact_phone text)
language sql stable security definer
set search_path = ''
as $$
  select o.contact_name, o.contact_email, o.contact_phone
    from public.opportunities o
   where o.id = p_id
     and o.status = 'published'
     and o.expires_at > now()
     and app_private.employer_is_verified(o.organization_id);
$$;
revoke all on function public.opportunity_contacts(uuid) from public;
grant execute on function public.opportunity_contacts(uuid) to anon, authenticated, service_role;
