-- The apply path in fewer round trips (issue 7 item 8). The server words the 152-ФЗ consent from
-- the posting's title and the employer's name, ИНН and address; it may now take them from a read a
-- few seconds old (a process cache of public postings) instead of reading them before every apply.
-- The function is told which values the text was made from and refuses with hint
-- «consent_outdated» when any of them is no longer what the platform holds, so the stored text is
-- still exactly the employer's record at the moment of applying (the server then reads again and
-- retries). Callers that built the text from a fresh read may leave the four values out.

drop function public.apply_to_opportunity(uuid, text, text, text, inet, text);

create function public.apply_to_opportunity(
  p_opportunity_id uuid,
  p_cover_letter text,
  p_consent_version text,
  p_consent_text text,
  p_ip inet default null,
  p_user_agent text default null,
  p_posting_title text default null,
  p_employer_name text default null,
  p_employer_inn text default null,
  p_employer_address text default null
) returns table (application_id uuid, created boolean)
language plpgsql security definer
set search_path = ''
as $$
declare
  v_me public.profiles := app_private.my_profile();
  v_refusal text;
  v_opp public.opportunities;
  v_org public.organizations;
  v_resume public.resumes;
  v_consent uuid;
  v_id uuid;
begin
  if char_length(coalesce(p_cover_letter, '')) > 3000 then
    raise exception 'сопроводительное письмо — не длиннее 3 000 знаков' using errcode = '22023', hint = 'cover_letter';
  end if;
  if coalesce(btrim(p_consent_version), '') = '' or char_length(coalesce(p_consent_text, '')) < 50 then
    raise exception 'нужно согласие на передачу персональных данных работодателю' using errcode = '22023', hint = 'consent';
  end if;
  -- the same person applying twice at once: the second waits here and then finds the first
  perform pg_advisory_xact_lock(hashtextextended(p_opportunity_id::text || ':' || coalesce(v_me.id::text, ''), 0));
  select a.id into v_id from public.applications a
   where a.opportunity_id = p_opportunity_id and a.applicant_id = v_me.id
     and a.status not in ('rejected', 'withdrawn', 'declined');
  if found then
    return query select v_id, false;
    return;
  end if;
  v_refusal := public.application_refusal(p_opportunity_id);
  if v_refusal is not null then
    raise exception '%', v_refusal using errcode = '22023', hint = 'opportunity';
  end if;
  select * into v_opp from public.opportunities where id = p_opportunity_id;
  select * into v_org from public.organizations where id = v_opp.organization_id;
  select * into v_resume from public.resumes where profile_id = v_me.id;
  -- the consent's text names the posting and the employer as the server read them; when it read
  -- them a moment ago (a cached read), they must still be what the platform holds, word for word
  if p_posting_title is not null and (
       p_posting_title is distinct from v_opp.title or p_employer_name is distinct from v_org.name
       or p_employer_inn is distinct from v_org.inn or p_employer_address is distinct from v_org.address) then
    raise exception 'данные работодателя или публикации изменились: прочитайте согласие ещё раз'
      using errcode = '22023', hint = 'consent_outdated';
  end if;

  insert into public.data_transfer_consents (profile_id, organization_id, organization_name, organization_inn,
                                             text_version, consent_text, ip, user_agent)
  values (v_me.id, v_org.id, v_org.name, v_org.inn, p_consent_version, p_consent_text, p_ip, left(p_user_agent, 500))
  returning id into v_consent;

  insert into public.applications (opportunity_id, applicant_id, organization_id, kind, applicant_name, university_id,
                                   programme_code, year_of_study, graduation_year, consent_id)
  values (p_opportunity_id, v_me.id, v_opp.organization_id, v_opp.kind, v_me.full_name, v_me.university_id,
          v_me.programme_code, v_me.year_of_study, v_me.graduation_year, v_consent)
  returning id into v_id;

  insert into public.application_documents (application_id, cover_letter, resume_snapshot, attachment_id)
  values (v_id, coalesce(btrim(p_cover_letter), ''),
          jsonb_build_object(
            'full_name', v_me.full_name, 'email', v_me.email, 'phone', v_me.phone, 'role', v_me.role,
            'university_id', v_me.university_id,
            'university_name', (select o.name from public.organizations o where o.id = v_me.university_id),
            'programme_code', v_me.programme_code,
            'programme_name', (select p.name from public.programmes p where p.code = v_me.programme_code),
            'year_of_study', v_me.year_of_study, 'graduation_year', v_me.graduation_year,
            'headline', v_resume.headline, 'about', v_resume.about, 'average_grade', v_resume.average_grade,
            'skills', to_jsonb(v_resume.skills), 'experience', v_resume.experience, 'languages', v_resume.languages,
            'desired_kinds', to_jsonb(v_resume.desired_kinds), 'desired_districts', to_jsonb(v_resume.desired_districts),
            'desired_schedules', to_jsonb(v_resume.desired_schedules),
            'portfolio_url', v_resume.portfolio_url, 'github_url', v_resume.github_url,
            'frozen_at', now()),
          v_resume.attachment_id);

  perform app_private.record_application_event(v_id, 'applicant', null, 'submitted');
  return query select v_id, true;
end;
$$;

revoke all on function public.apply_to_opportunity(uuid, text, text, text, inet, text, text, text, text, text)
  from public;
grant execute on function public.apply_to_opportunity(uuid, text, text, text, inet, text, text, text, text, text)
  to authenticated;
