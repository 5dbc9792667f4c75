-- A posting's public page in one PostgREST request (issue 10 item 21): the page read the posting
-- (with its employer, industry and district embedded) and, beside it, its contacts from
-- opportunity_contacts() — two round trips on the most visited page. This function returns both
-- as one JSON object, or null when there is no such public posting.
--
-- Security invoker: the caller's RLS and column grants apply exactly as to the select it replaces
-- (anon reads only the public columns named here, and only published, unexpired postings of
-- verified employers); the contacts still come from opportunity_contacts(), which answers only for
-- such a posting.

create function public.public_opportunity(p_id uuid) returns jsonb
language sql stable
set search_path = ''
as $$
  select to_jsonb(p) || jsonb_build_object(
           'organizations', jsonb_build_object('id', org.id, 'name', org.name),
           'industries', case when i.code is null then null else jsonb_build_object('name', i.name) end,
           'districts', case when d.code is null then null else jsonb_build_object('name', d.name) end,
           'contact_name', c.contact_name,
           'contact_email', c.contact_email,
           'contact_phone', c.contact_phone
         )
    from (
      select o.id, o.kind, o.title, o.description_html, o.industry_code, o.district_code, o.is_remote,
             o.address, o.apply_by, o.programme_codes, o.university_ids, o.years_of_study, o.is_paid,
             o.pay_from, o.pay_to, o.schedule, o.employment_type, o.experience, o.seats, o.starts_on,
             o.ends_on, o.duration_weeks, o.practice_type, o.stipend_count, o.selection_criteria,
             o.work_years_after, o.support_offered, o.published_at, o.expires_at, o.organization_id,
             o.status
        from public.opportunities o
       where o.id = p_id and o.status = 'published' and o.expires_at > now()
    ) p
    join public.organizations org on org.id = p.organization_id
    left join public.industries i on i.code = p.industry_code
    left join public.districts d on d.code = p.district_code
    left join lateral public.opportunity_contacts(p.id) c on true;
$$;

revoke all on function public.public_opportunity(uuid) from public;
grant execute on function public.public_opportunity(uuid) to anon, authenticated, service_role;
