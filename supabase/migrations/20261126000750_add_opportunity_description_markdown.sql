-- The employer writes a posting's description in a limited Markdown; the app renders it to sanitized
-- HTML (description_html) and plain text for search (description_text). The source is kept too:
-- editing a posting must show what the employer wrote, not HTML turned back into Markdown.

alter table public.opportunities
  add column description_markdown text not null default '' check (char_length(description_markdown) <= 10000);

grant insert (description_markdown), update (description_markdown) on public.opportunities to authenticated;

-- A copy carries the source of its description as well.
create or replace function public.duplicate_opportunity(p_id uuid) returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.opportunities := app_private.require_opportunity_member(p_id);
  v_new uuid;
begin
  insert into public.opportunities (
    organization_id, kind, title, description_markdown, description_html, description_text, industry_code,
    district_code, is_remote, address, contact_name, contact_email, contact_phone, apply_by, programme_codes,
    university_ids, years_of_study, is_paid, pay_from, pay_to, schedule, employment_type, experience, seats,
    starts_on, ends_on, duration_weeks, practice_type, stipend_count, selection_criteria, work_years_after,
    support_offered, created_by)
  values (
    v.organization_id, v.kind, left('Копия: ' || v.title, 200), v.description_markdown, v.description_html,
    v.description_text, v.industry_code, v.district_code, v.is_remote, v.address, v.contact_name, v.contact_email,
    v.contact_phone, null, v.programme_codes, v.university_ids, v.years_of_study, v.is_paid, v.pay_from, v.pay_to,
    v.schedule, v.employment_type, v.experience, v.seats, null, null, v.duration_weeks, v.practice_type,
    v.stipend_count, v.selection_criteria, v.work_years_after, v.support_offered, (select auth.uid()))
  returning id into v_new;
  return v_new;
end;
$$;
